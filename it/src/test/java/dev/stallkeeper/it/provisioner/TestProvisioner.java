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
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * A seller's Provisioner as a test double of the SaaS behind it, steered by the SKU of the order:
 * {@code SLOW-<ms>} takes that long; {@code FAIL-<n>} fails its first n attempts; {@code HANG-ONCE} blocks
 * its first attempt until interrupted (a node dying mid-provisioning); anything else is the built-in one.
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
        } else if (sku.equals("HANG-ONCE") && request.attempt() == 1) {
            pause(120_000);
        }
        return delegate.provision(request);
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
