package dev.stallkeeper.invoicing.domain;

/** Where an invoice request stands (koogallery-protocol.md §8.2). */
public enum InvoiceStatus {
    /** Requested; must be issued and delivered within the deadline. */
    PENDING,
    /** Issued (number, date, PDF); not yet delivered. */
    ISSUED,
    /** Paper invoice handed to a carrier. */
    MAILED,
    /** Electronic or fully digital invoice e-mailed with its PDF (the SMTP server accepted it). */
    EMAILED,
    /** Refused with a reason (e.g. wrong tax details). */
    REJECTED,
    /** The buyer returned the issued invoice (e.g. before unsubscribing). */
    RETURNED;

    /** Still owed to the requester: counts against the deadline. */
    public boolean outstanding() {
        return this == PENDING || this == ISSUED;
    }
}
