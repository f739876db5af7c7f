package dev.stallkeeper.provisioning.infrastructure;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.provisioning.spi.AppAccess;
import dev.stallkeeper.provisioning.spi.ChangeCheck;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import dev.stallkeeper.provisioning.spi.ProvisionRequest;
import dev.stallkeeper.provisioning.spi.Provisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The provisioner used when the seller has not plugged in their own: keeps a tenant row with generated
 * credentials and builds the login URLs from the configured templates. Idempotent per instance id.
 */
@ApplicationScoped
public class BuiltInProvisioner implements Provisioner {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    @Override
    public AppAccess provision(ProvisionRequest request) {
        Instant now = clock.instant();
        Tenant tenant = em.find(Tenant.class, request.instanceId());
        if (tenant == null) {
            String code = tenantCode(request.instanceId());
            Integer seats = request.product() != null ? request.product().linearValue() : null;
            tenant = new Tenant(request.instanceId(), code, "admin", seats, now);
            em.persist(tenant);
        }
        return new AppAccess(fill(config.frontEndUrlTemplate(), request.instanceId(), tenant.tenantCode()),
                fill(config.adminUrlTemplate(), request.instanceId(), tenant.tenantCode()),
                tenant.adminUser(), randomPassword(), null);
    }

    /** One row in the same database: always quick. */
    @Override
    public boolean quick(ProvisionRequest request) {
        return true;
    }

    @Override
    public void suspend(String instanceId) {
        Tenant tenant = em.find(Tenant.class, instanceId);
        if (tenant != null) {
            tenant.suspend(true, clock.instant());
        }
    }

    @Override
    public void resume(String instanceId) {
        Tenant tenant = em.find(Tenant.class, instanceId);
        if (tenant != null) {
            tenant.suspend(false, clock.instant());
        }
    }

    @Override
    public void release(String instanceId) {
        Tenant tenant = em.find(Tenant.class, instanceId);
        if (tenant != null) {
            em.remove(tenant);
        }
    }

    @Override
    public void applyChange(String instanceId, ProductSpec target) {
        Tenant tenant = em.find(Tenant.class, instanceId);
        if (tenant != null && target.linearValue() != null) {
            tenant.resize(target.linearValue(), clock.instant());
        }
    }

    @Override
    public ChangeCheck checkChange(String instanceId, ProductSpec target) {
        Tenant tenant = em.find(Tenant.class, instanceId);
        if (tenant == null || target.linearValue() == null || target.linearValue() >= tenant.usersInUse()) {
            return ChangeCheck.allow();
        }
        return ChangeCheck.refuse("The target specification allows " + target.linearValue() + " users but "
                + tenant.usersInUse() + " are in use; remove users before changing.");
    }

    /**
     * A readable, URL-safe tenant code that is unique by construction: up to 40 lower-case letters and digits of
     * the instance id, then {@code -} and 16 hex digits of the id's SHA-256 ({@code AB-1} and {@code ab1}, or two
     * ids without any ASCII letter, no longer meet on the unique key).
     */
    static String tenantCode(String instanceId) {
        String readable = "t" + instanceId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        readable = readable.length() > 40 ? readable.substring(0, 40) : readable;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String template, String instanceId, String tenant) {
        return template.replace("{instanceId}", instanceId).replace("{tenant}", tenant);
    }

    private static String randomPassword() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.append("#9").toString();
    }
}
