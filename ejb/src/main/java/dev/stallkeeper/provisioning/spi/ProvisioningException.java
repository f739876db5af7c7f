package dev.stallkeeper.provisioning.spi;

import jakarta.ejb.ApplicationException;

/**
 * A Provisioner could not do its work now. {@code permanent} failures (sold out, no resource) are not
 * retried automatically: the instance fails at once and the work is parked for a person to look at.
 */
@ApplicationException(rollback = true)
public class ProvisioningException extends RuntimeException {
    private final boolean permanent;

    public ProvisioningException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    public boolean permanent() {
        return permanent;
    }
}
