package dev.stallkeeper.billing.domain;

/** KooGallery's service supervision (koogallery-protocol.md §8.1): only NOT_REQUIRED and COMPLETED settle. */
public enum SupervisionState {
    NOT_REQUIRED, IN_PROGRESS, COMPLETED;

    public boolean allowsSettlement() {
        return this != IN_PROGRESS;
    }
}
