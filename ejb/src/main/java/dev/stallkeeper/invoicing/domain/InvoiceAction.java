package dev.stallkeeper.invoicing.domain;

/** What moves an invoice. */
public enum InvoiceAction {
    ISSUE, MAIL, EMAIL, REJECT, RETURN;

    public boolean needsReason() {
        return this == REJECT || this == RETURN;
    }
}
