package dev.stallkeeper.invoicing.domain;

import dev.stallkeeper.platform.RefusedException;

/** A refused invoice step: an illegal transition (conflict) or invalid input. */
@jakarta.ejb.ApplicationException(rollback = true)
public class InvoiceException extends RefusedException {
    public InvoiceException(String key, boolean conflict, String message) {
        super(key, conflict, message);
    }
}
