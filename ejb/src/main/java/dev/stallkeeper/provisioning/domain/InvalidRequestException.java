package dev.stallkeeper.provisioning.domain;

import jakarta.ejb.ApplicationException;

/**
 * A callback field is missing or malformed, or names something another order line holds: answered with 000002 and
 * the field's name. Passes through EJB boundaries as itself (rolling back what the call wrote).
 */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
