package dev.stallkeeper.billing.domain;

import dev.stallkeeper.platform.RefusedException;

/** A settlement run that must not proceed (period not over, settled out of order, owned by another run, ...). */
public class SettlementException extends RefusedException {
    public SettlementException(String message) {
        super("settlement.refused", true, message);
    }
}
