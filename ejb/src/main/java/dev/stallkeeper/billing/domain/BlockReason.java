package dev.stallkeeper.billing.domain;

/**
 * Why money is not arriving: the reasons of the settlement worklist. A bill's reason is the first of
 * {@link #UNPAID}, {@link #POSTPAID_NOT_REPAID}, {@link #SUPERVISION_OPEN}, {@link #NOT_YET_EFFECTIVE} that
 * holds (in this order: the buyer's payment first, then the seller's own open work, then time);
 * {@link #BELOW_THRESHOLD} is a product type's.
 */
public enum BlockReason {
    UNPAID, POSTPAID_NOT_REPAID, SUPERVISION_OPEN, NOT_YET_EFFECTIVE, BELOW_THRESHOLD
}
