package dev.stallkeeper.provisioning.spi;

/**
 * The extension point a seller implements to create, suspend, change and delete their SaaS tenants.
 * Stallkeeper calls it from background work and callbacks; every method must be idempotent per instance id,
 * because KooGallery resends and Stallkeeper retries after crashes.
 *
 * <p>To plug in your own, write a CDI bean implementing this interface annotated
 * {@code @Alternative @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION)} and package it with
 * the application; it replaces the built-in one, which keeps a tenant table of its own.
 *
 * <p>Methods run inside a transaction of Stallkeeper's database; a {@link ProvisioningException} or any
 * runtime exception rolls that back and the work is retried with back-off.
 */
public interface Provisioner {

    /** Creates (or finds, when it already exists) the tenant for a new instance and says how the buyer logs in. */
    AppAccess provision(ProvisionRequest request);

    /**
     * Whether {@link #provision} of this request returns within milliseconds and waits on nothing outside
     * Stallkeeper's database. Then Stallkeeper provisions on the callback's own thread, in the callback's one
     * transaction (nonce, instance, tenant, audit commit together); otherwise it provisions as durable background
     * work and answers {@code 000004} when the inline budget runs out. Default: false.
     */
    default boolean quick(ProvisionRequest request) {
        return false;
    }

    /** The instance was frozen: block access, keep every piece of data. */
    void suspend(String instanceId);

    /** The instance was unfrozen: restore access. */
    void resume(String instanceId);

    /** The instance was released: delete the tenant and its data. Called again after a crash; must not fail then. */
    void release(String instanceId);

    /** An upgrade or change was paid: apply the new specification. */
    void applyChange(String instanceId, ProductSpec target);

    /** Whether a change (typically a downgrade) to {@code target} is possible now. */
    ChangeCheck checkChange(String instanceId, ProductSpec target);
}
