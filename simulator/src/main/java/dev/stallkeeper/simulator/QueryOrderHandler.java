package dev.stallkeeper.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.protocol.order.QueryOrderResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.stallkeeper.simulator.HttpExchanges.send;
import static dev.stallkeeper.simulator.HttpExchanges.sendError;

/**
 * {@code GET} {@value QueryOrder#PATH} (§7.1): the registered orders, APIG-signed calls only.
 * <ul>
 *   <li>missing or wrong APIG signature: HTTP 401 {@code MKT.0154 Illegal token};</li>
 *   <li>missing {@code orderId}, unknown order or unknown order line: HTTP 400 {@code MKT.0101};</li>
 *   <li>otherwise HTTP 200 {@code MKT.0000} with {@code orderInfo}; with {@code orderLineId} only that line.</li>
 * </ul>
 * Injected failures and delays ({@link FaultInjection}) come before every check.
 */
final class QueryOrderHandler implements HttpHandler {

    private static final int MAX_RECORDED_IDS = 1_000_000;

    private final ApigVerifier signature;
    private final FaultInjection faults;
    /** The mock orders' time base, also that of synthesized orders. */
    private final Instant epoch;
    private final Map<String, OrderInfo> orders = new ConcurrentHashMap<>();
    private volatile boolean synthesizeUnknown;
    private final AtomicLong count = new AtomicLong();
    private final List<String> queriedOrderIds = Collections.synchronizedList(new ArrayList<>());

    QueryOrderHandler(ApigVerifier signature, FaultInjection faults, Instant epoch) {
        this.signature = signature;
        this.faults = faults;
        this.epoch = epoch;
    }

    void register(OrderInfo order) {
        Objects.requireNonNull(order, "order");
        orders.put(Objects.requireNonNull(order.orderId(), "orderId"), order);
    }

    OrderInfo order(String orderId) {
        return orders.get(orderId);
    }

    void setSynthesizeUnknown(boolean synthesize) {
        this.synthesizeUnknown = synthesize;
    }

    long count() {
        return count.get();
    }

    List<String> queriedOrderIds() {
        synchronized (queriedOrderIds) {
            return List.copyOf(queriedOrderIds);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            Map<String, String> params = HttpExchanges.queryParams(exchange);
            String orderId = params.get(QueryOrder.PARAM_ORDER_ID);
            String orderLineId = params.get(QueryOrder.PARAM_ORDER_LINE_ID);
            count.incrementAndGet();
            if (queriedOrderIds.size() < MAX_RECORDED_IDS) {
                queriedOrderIds.add(orderId == null ? "" : orderId);
            }
            faults.pause();

            Integer failStatus = faults.takeQueryOrderFailure();
            if (failStatus != null) {
                FaultInjection.sendFailure(exchange, failStatus);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                HttpExchanges.sendMethodNotAllowed(exchange, "GET");
                return;
            }
            if (!signature.valid(exchange, body)) {
                HttpExchanges.sendIllegalToken(exchange);
                return;
            }
            if (orderId == null || orderId.isBlank()) {
                sendError(exchange, 400, "MKT.0101", "Invalid parameter: orderId");
                return;
            }
            OrderInfo order = find(orderId, orderLineId);
            if (order == null) {
                sendError(exchange, 400, "MKT.0101", "Invalid parameter: order not found");
                return;
            }
            send(exchange, 200, new QueryOrderResponse(QueryOrder.SUCCESS, "success", order).toJson());
        }
    }

    private OrderInfo find(String orderId, String orderLineId) {
        OrderInfo order = orders.get(orderId);
        if (order == null) {
            return synthesizeUnknown ? SimulatedOrders.synthesize(orderId, orderLineId, epoch) : null;
        }
        if (orderLineId == null || orderLineId.isBlank()) {
            return order;
        }
        List<OrderLine> lines = order.orderLine() == null ? List.of() : order.orderLine().stream()
                .filter(l -> orderLineId.equals(l.orderLineId()))
                .toList();
        if (lines.isEmpty()) {
            return null;
        }
        return new OrderInfo(order.orderId(), order.orderType(), order.createTime(), lines, order.buyerInfo(),
                order.extendParams());
    }
}
