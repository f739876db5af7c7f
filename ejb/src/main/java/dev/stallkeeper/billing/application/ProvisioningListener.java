package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.provisioning.domain.LifecycleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns provisioning's lifecycle events into bills, in the transaction of the change (the ledger's methods are
 * MANDATORY and never throw: provisioning must not fail over bookkeeping; the bill export import completes the
 * ledger when Query Order could not describe an order).
 */
@ApplicationScoped
public class ProvisioningListener {

    @Inject
    BillLedger ledger;

    /** A paid new purchase becomes a bill, settleable from activation. */
    void provisioned(@Observes LifecycleEvent.Provisioned e) {
        ledger.recordOrderEvent(e.line(), e.instanceId(), BillKind.NEW, e.at());
    }

    /** A renewal, trial conversion or refunded renewal period becomes a bill. */
    void renewed(@Observes LifecycleEvent.Renewed e) {
        ledger.recordRefresh(e.orderId(), e.orderLineId(), e.instanceId(), e.scene(), e.previousExpiry());
    }

    /** The upgrade's price difference becomes a bill. */
    void upgraded(@Observes LifecycleEvent.Upgraded e) {
        ledger.recordOrderEvent(e.line(), e.instanceId(), BillKind.UPGRADE, e.at());
    }

    /** An unsubscribe order's refund becomes a negative bill. */
    void released(@Observes LifecycleEvent.Released e) {
        ledger.recordRelease(e.orderId(), e.orderLineId(), e.instanceId());
    }
}
