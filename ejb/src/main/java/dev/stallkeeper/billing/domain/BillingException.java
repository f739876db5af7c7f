package dev.stallkeeper.billing.domain;

/** A change to a bill that its state does not allow (e.g. changing a settled bill); rolls the transaction back. */
@jakarta.ejb.ApplicationException(rollback = true)
public class BillingException extends RuntimeException {
    public BillingException(String message) {
        super(message);
    }
}
