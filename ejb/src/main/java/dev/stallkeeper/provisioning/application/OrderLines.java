package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.platform.openapi.KooGalleryOpenApi;
import dev.stallkeeper.platform.openapi.QueryOrderException;
import jakarta.enterprise.context.ApplicationScoped;
import dev.stallkeeper.catalog.application.Catalog;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Order lines as KooGallery describes them: read once through Query Order and kept, so that retries and
 * later activities do not ask again. A fetched snapshot commits in its own transaction: it is a fact from
 * KooGallery, true whatever becomes of the attempt that asked, and an attempt that hangs must not hold its row.
 */
@ApplicationScoped
public class OrderLines {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    KooGalleryOpenApi openApi;

    @Inject
    Clock clock;

    @Inject
    Catalog catalog;

    /** The stored snapshot, or Query Order's answer stored now. {@code productKey} picks the product of a pay-per-use line. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public OrderLineSnapshot fetch(String orderId, String orderLineId, String productKey) {
        return find(orderId, orderLineId, productKey);
    }

    /**
     * As {@link #fetch}, in the caller's transaction: a callback that does all its work in one transaction holds one
     * connection, never waiting for a second from the pool while it holds the first (under load every request would
     * hold one and wait for another). The snapshot commits, or rolls back, with the caller.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OrderLineSnapshot fetchInCallerTransaction(String orderId, String orderLineId, String productKey) {
        return find(orderId, orderLineId, productKey);
    }

    private OrderLineSnapshot find(String orderId, String orderLineId, String productKey) {
        OrderLineSnapshot known = em.find(OrderLineSnapshot.class, new OrderLineSnapshot.Key(orderId, orderLineId));
        if (known != null && (productKey.isEmpty() || productKey.equals(known.productId()))) {
            return known;
        }
        KooGalleryOpenApi.QueryOrderResult result = openApi.queryOrder(orderId, orderLineId);
        OrderLineSnapshot snapshot = snapshot(result.order(), orderLineId, productKey, result.rawJson());
        catalog.recordSeen(snapshot.productId(), snapshot.skuCode(), snapshot.productName(), snapshot.fetchedAt());
        if (known == null) {
            em.persist(snapshot);
        }
        return snapshot;
    }

    /** Stores a snapshot built elsewhere (the inline newInstance variant carries the order itself). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void remember(OrderLineSnapshot snapshot) {
        if (em.find(OrderLineSnapshot.class, snapshot.key()) == null) {
            em.persist(snapshot);
            catalog.recordSeen(snapshot.productId(), snapshot.skuCode(), snapshot.productName(), snapshot.fetchedAt());
        }
    }

    OrderLineSnapshot snapshot(OrderInfo order, String orderLineId, String productKey, String rawJson) {
        List<OrderLine> lines = order.orderLine() == null ? List.of() : order.orderLine();
        OrderLine line = lines.stream().filter(l -> orderLineId.equals(l.orderLineId())).findFirst()
                .orElseGet(() -> lines.isEmpty() ? null : lines.get(0));
        if (line == null) {
            throw new QueryOrderException("Query Order for " + order.orderId() + " returned no order line "
                    + orderLineId, null, null);
        }
        List<ProductInfo> products = line.productInfo() == null ? List.of() : line.productInfo();
        ProductInfo product = products.stream().filter(p -> productKey.equals(p.productId())).findFirst()
                .orElseGet(() -> products.isEmpty() ? new ProductInfo(null, null, null, null) : products.get(0));
        BuyerInfo buyer = order.buyerInfo();
        return new OrderLineSnapshot(new OrderLineSnapshot.Key(order.orderId(), orderLineId),
                order.orderType() == null ? "NEW" : order.orderType(), line.chargingMode(), product.productId(),
                product.skuCode(), product.productName(), product.linearValue(), line.periodType(),
                line.periodNumber(), parseTime(line.expireTime()), line.orderAmount(), line.currency(),
                buyer == null ? null : buyer.customerId(), buyer == null ? null : buyer.customerName(),
                parseTime(order.createTime()), rawJson, clock.instant());
    }

    private static Instant parseTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return KooTime.parseExpireTime(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
