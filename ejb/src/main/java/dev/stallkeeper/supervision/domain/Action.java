package dev.stallkeeper.supervision.domain;

/** What moves a supervised order: the seller's steps, the buyer's (recorded by the seller's staff) and the clock's. */
public enum Action {
    /** The buyer (re)submits requirements after a rejection. */
    RESUBMIT_REQUIREMENT,
    CONFIRM_REQUIREMENT,
    REJECT_REQUIREMENT,
    START_DELIVERY,
    /** Delivered: the acceptance report is attached, the actual service start time may be given. */
    DELIVER,
    CUSTOMER_ACCEPT,
    CUSTOMER_REJECT,
    /** Either side appeals to KooGallery's operations. */
    APPEAL,
    /** Operations decided for the seller: the delivery counts as accepted. */
    APPEAL_UPHELD,
    /** Operations decided for the buyer: back to delivering. */
    APPEAL_DISMISSED,
    /** The clock: 3 hours after acceptance. Never taken by a person. */
    COMPLETE;

    /** Actions that must say why. */
    public boolean needsReason() {
        return this == REJECT_REQUIREMENT || this == CUSTOMER_REJECT || this == APPEAL
                || this == APPEAL_UPHELD || this == APPEAL_DISMISSED;
    }
}
