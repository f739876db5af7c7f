package dev.stallkeeper.billing.domain;

/** A settlement run that must not proceed (period not over, settled out of order, owned by another run, ...). */
@jakarta.ejb.ApplicationException(rollback = true)
public class SettlementException extends RuntimeException {
    public SettlementException(String message) {
        super(message);
    }
}
