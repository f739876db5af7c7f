package dev.stallkeeper.billing.domain;

import dev.stallkeeper.platform.RefusedException;

/** A change to a bill that its state does not allow (e.g. changing a settled bill); rolls the transaction back. */
public class BillingException extends RefusedException {
    public BillingException(String message) {
        super("billing.refused", true, message);
    }
}
