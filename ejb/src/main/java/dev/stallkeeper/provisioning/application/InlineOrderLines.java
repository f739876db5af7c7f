package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Keeps the order line an inline newInstance carried, so that provisioning need not ask Query Order: in a
 * transaction of its own, so that losing the race with a resent newInstance (the line's key is unique) fails only
 * this insert, never the callback's transaction.
 */
@Stateless
public class InlineOrderLines {

    @Inject
    OrderLines orderLines;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void remember(OrderLineSnapshot line) {
        orderLines.remember(line);
    }
}
