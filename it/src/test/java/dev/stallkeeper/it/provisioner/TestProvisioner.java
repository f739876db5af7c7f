package dev.stallkeeper.it.provisioner;

import dev.stallkeeper.provisioning.infrastructure.BuiltInProvisioner;
import dev.stallkeeper.provisioning.spi.AppAccess;
import dev.stallkeeper.provisioning.spi.ChangeCheck;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import dev.stallkeeper.provisioning.spi.ProvisionRequest;
import dev.stallkeeper.provisioning.spi.Provisioner;
import dev.stallkeeper.provisioning.spi.ProvisioningException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import dev.stallkeeper.provisioning.domain.Instance;
import java.time.Instant;
import jakarta.interceptor.Interceptor;

/**
 * A seller's Provisioner as a test double of the SaaS behind it, steered by the SKU of the order:
 * {@code SLOW-<ms>} takes that long (these four are not {@link #quick}, so they run as background work); {@code FAIL-<n>} fails its first n attempts; {@code DOWN-UNTIL-RESTART}
 * fails until the server has restarted after the instance was created; {@code HANG-UNTIL-RESTART} hangs (as a
 * SaaS that never answers) until then; anything else is the built-in one.
 * Deployed only by the integration tests, in the way a seller plugs in their own.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class TestProvisioner implements Provisioner {

    @Inject
    BuiltInProvisioner delegate;

    @Override
    public AppAccess provision(ProvisionRequest request) {
        String sku = request.product() == null || request.product().skuCode() == null ? "" : request.product().skuCode();
        if (sku.startsWith("SLOW-")) {
            pause(Long.parseLong(sku.substring(5)));
        } else if (sku.startsWith("FAIL-") && request.attempt() <= Integer.parseInt(sku.substring(5))) {
            throw new ProvisioningException("SaaS tenant service unavailable (attempt " + request.attempt() + ")", false);
        } else if (sku.equals("DOWN-UNTIL-RESTART") && !startedAfter(request.instanceId())) {
            throw new ProvisioningException("SaaS unreachable from this server process", false);
        } else if (sku.equals("HANG-UNTIL-RESTART") && !startedAfter(request.instanceId())) {
            pause(600_000);
        }
        return delegate.provision(request);
    }

    /** Like the built-in one, except for the SKUs that stand for a slow, failing or hanging SaaS. */
    @Override
    public boolean quick(ProvisionRequest request) {
        String sku = request.product() == null || request.product().skuCode() == null ? "" : request.product().skuCode();
        return !(sku.startsWith("SLOW-") || sku.startsWith("FAIL-") || sku.equals("DOWN-UNTIL-RESTART")
                || sku.equals("HANG-UNTIL-RESTART"));
    }

    /** When this deployment started; a server restart (or reload) deploys the application again and resets it. */
    private static volatile Instant deployedAt = Instant.now();

    static void deployed(@Observes @Initialized(ApplicationScoped.class) Object event) {
        deployedAt = Instant.now();
    }

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    private boolean startedAfter(String instanceId) {
        return deployedAt.isAfter(em.find(Instance.class, instanceId).createdAt());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the SaaS being slow, inside the server: not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while provisioning", false);
        }
    }

    @Override
    public void suspend(String instanceId) {
        delegate.suspend(instanceId);
    }

    @Override
    public void resume(String instanceId) {
        delegate.resume(instanceId);
    }

    @Override
    public void release(String instanceId) {
        delegate.release(instanceId);
    }

    @Override
    public void applyChange(String instanceId, ProductSpec target) {
        delegate.applyChange(instanceId, target);
    }

    @Override
    public ChangeCheck checkChange(String instanceId, ProductSpec target) {
        return delegate.checkChange(instanceId, target);
    }
}
