package dev.stallkeeper.supervision.domain;

/** Where a supervised order stands (koogallery-protocol.md §8.1, standard template). */
public enum Stage {
    /** The buyer submitted the requirements (with identification codes); the seller must confirm or reject. */
    REQUIREMENT_SUBMITTED,
    /** The seller sent the requirements back to the buyer for changes. */
    REQUIREMENT_REJECTED,
    /** The seller confirmed the requirements. */
    REQUIREMENT_CONFIRMED,
    /** The seller is implementing. */
    DELIVERING,
    /** Delivered with the acceptance report; the buyer must accept or reject. */
    DELIVERED,
    /** The buyer rejected the delivery. */
    CUSTOMER_REJECTED,
    /** An appeal is with KooGallery's operations (3 working days). */
    APPEALED,
    /** The buyer accepted; the order completes 3 hours later. */
    CUSTOMER_ACCEPTED,
    /** Supervision is over: the order's bills may settle. */
    COMPLETED;

    public boolean open() {
        return this != COMPLETED;
    }
}
