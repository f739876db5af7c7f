package dev.stallkeeper.simulator;

import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.ExtendParam;
import dev.stallkeeper.protocol.order.MockOrders;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;
import dev.stallkeeper.protocol.order.QueryOrder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The orders the simulated Query Order API knows without being told: the documented debug-tool mock orders (§4.4) and
 * the synthesized orders used by load tests.
 *
 * <p>All times derive from an {@code epoch} (the simulator's start, truncated to seconds) so that the same order
 * queried twice is answered identically, which idempotency checks in the seller rely on, while expiry times still lie
 * in the future.
 */
public final class SimulatedOrders {

    /** Product of every synthesized order. */
    public static final String SYNTH_PRODUCT_ID = "SIM-PRODUCT-1";
    /** SKU of every synthesized order. */
    public static final String SYNTH_SKU_CODE = "SIM-SKU-1";
    /** Amount paid for every synthesized order. */
    public static final BigDecimal SYNTH_AMOUNT = new BigDecimal("99.00");

    /** The buyer of every mock order. The V2 mock orders all belong to the debugging seller's test customer. */
    public static final BuyerInfo MOCK_BUYER = new BuyerInfo(
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "mock-customer", "mock-user-id-0001", "mock-user",
            "13800000000", "mock.customer@example.com");

    static final String CURRENCY = "CNY";

    private static final ProductInfo PERIOD_YEAR = new ProductInfo(
            "MOCK-PERIOD-YEAR-PRODUCT", "MOCK-PERIOD-SKU", 1, "Mock SaaS (yearly)");
    private static final ProductInfo PERIOD_MONTH = new ProductInfo(
            "MOCK-PERIOD-MONTH-PRODUCT", "MOCK-PERIOD-SKU", 1, "Mock SaaS (monthly)");
    private static final ProductInfo PERIOD_MONTH_UPGRADED = new ProductInfo(
            "MOCK-PERIOD-MONTH-PRODUCT", "MOCK-PERIOD-SKU-PRO", 10, "Mock SaaS Pro (monthly)");
    private static final ProductInfo PERIOD_DAY_TRIAL = new ProductInfo(
            "MOCK-PERIOD-DAY-PRODUCT", "MOCK-PERIOD-SKU", 1, "Mock SaaS (trial)");
    private static final ProductInfo ONE_TIME = new ProductInfo(
            "MOCK-ONETIME-PRODUCT", "MOCK-ONETIME-SKU", 1, "Mock SaaS (one-time)");
    private static final ProductInfo ON_DEMAND = new ProductInfo(
            "MOCK-ONDEMAND-PRODUCT", "MOCK-ONDEMAND-SKU", null, "Mock SaaS (pay-per-use)");
    private static final ProductInfo ON_DEMAND_PKG = new ProductInfo(
            "MOCK-ONDEMANDPKG-PRODUCT", "MOCK-ONDEMANDPKG-SKU", 100, "Mock SaaS (pay-per-use package)");

    private SimulatedOrders() {
    }

    /**
     * The documented mock orders ({@link MockOrders#all()}), each with one line {@code <orderId>-000001} carrying
     * the order type and charging mode {@link MockOrders} expects, plus a period, product and amount that fit the
     * scenario (a negative refund for the unsubscription, a new SKU for the change).
     */
    public static List<OrderInfo> mockOrders(Instant epoch) {
        ZonedDateTime created = epoch.atZone(ZoneOffset.UTC);
        return MockOrders.all().stream().map(mock -> {
            Terms terms = MOCK_TERMS.getOrDefault(mock.orderId(), DEFAULT_TERMS);
            ZonedDateTime expires = terms.expiry().apply(created);
            OrderLine line = new OrderLine(mock.orderLineId(), mock.chargingMode(), terms.periodType(),
                    terms.periodNumber(), expires == null ? null : KooTime.format14(expires.toInstant()),
                    new BigDecimal(terms.amount()), CURRENCY, List.of(terms.product()));
            return new OrderInfo(mock.orderId(), mock.orderType(), KooTime.format14(epoch), List.of(line), MOCK_BUYER,
                    List.of(new ExtendParam("emailDomainName", "mock.example.com")));
        }).toList();
    }

    /**
     * A NEW order with one monthly PERIOD line for an order id nobody registered: same id, same answer (for a given
     * epoch). The buyer's customerId is a name-based UUID of the order id, so different load orders belong to
     * different customers.
     *
     * @param orderLineId the requested line, or {@code null} for {@code <orderId>-000001}
     */
    public static OrderInfo synthesize(String orderId, String orderLineId, Instant epoch) {
        String lineId = orderLineId == null || orderLineId.isBlank() ? orderId + "-000001" : orderLineId;
        String customerId = UUID.nameUUIDFromBytes(("customer:" + orderId).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
        BuyerInfo buyer = new BuyerInfo(customerId, "sim-" + customerId.substring(0, 8), null, null, null, null);
        OrderLine line = new OrderLine(lineId, QueryOrder.PERIOD, "month", 1,
                KooTime.format14(epoch.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()), SYNTH_AMOUNT, CURRENCY,
                List.of(new ProductInfo(SYNTH_PRODUCT_ID, SYNTH_SKU_CODE, 1, "Simulated SaaS")));
        return new OrderInfo(orderId, QueryOrder.NEW, KooTime.format14(epoch), List.of(line), buyer, List.of());
    }

    /**
     * {@code order} under a new id: same type, terms, products and buyer, its lines renamed {@code <newId>-000001},
     * {@code -000002}, ... For runs that need fresh orders shaped like the mock ones.
     */
    public static OrderInfo renamed(OrderInfo order, String newOrderId) {
        List<OrderLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < order.orderLine().size(); i++) {
            OrderLine l = order.orderLine().get(i);
            lines.add(new OrderLine(String.format("%s-%06d", newOrderId, i + 1), l.chargingMode(), l.periodType(),
                    l.periodNumber(), l.expireTime(), l.orderAmount(), l.currency(), l.productInfo()));
        }
        return new OrderInfo(newOrderId, order.orderType(), order.createTime(), lines, order.buyerInfo(),
                order.extendParams());
    }

    /** {@code order} with the products of its (first) line replaced: one pay-per-use spec with several billed items. */
    public static OrderInfo withProducts(OrderInfo order, List<ProductInfo> products) {
        OrderLine l = order.orderLine().get(0);
        OrderLine line = new OrderLine(l.orderLineId(), l.chargingMode(), l.periodType(), l.periodNumber(),
                l.expireTime(), l.orderAmount(), l.currency(), products);
        return new OrderInfo(order.orderId(), order.orderType(), order.createTime(), List.of(line), order.buyerInfo(),
                order.extendParams());
    }

    /** What a mock order line costs and how long it runs; {@code expiry} maps creation to expiry (null: none). */
    private record Terms(String periodType, Integer periodNumber, UnaryOperator<ZonedDateTime> expiry, String amount,
                         ProductInfo product) {
    }

    private static final Terms DEFAULT_TERMS = new Terms("month", 1, t -> t.plusMonths(1), "100.00", PERIOD_MONTH);

    private static final Map<String, Terms> MOCK_TERMS = Map.of(
            MockOrders.PERIOD_YEAR_NEW, new Terms("year", 1, t -> t.plusYears(1), "1200.00", PERIOD_YEAR),
            MockOrders.ONE_TIME_NEW, new Terms(null, null, t -> null, "500.00", ONE_TIME),
            MockOrders.ON_DEMAND, new Terms(null, null, t -> null, "0.00", ON_DEMAND),
            MockOrders.ON_DEMAND_PKG, new Terms("month", 1, t -> t.plusMonths(1), "300.00", ON_DEMAND_PKG),
            MockOrders.PERIOD_DAY_TRIAL, new Terms("day", 7, t -> t.plusDays(7), "0.00", PERIOD_DAY_TRIAL),
            MockOrders.MONTH_TRIAL_TO_FORMAL, new Terms("month", 1, t -> t.plusMonths(1), "100.00", PERIOD_MONTH),
            // Unsubscribing the renewal period moves the expiry back to now and refunds.
            MockOrders.MONTH_UNSUBSCRIBE, new Terms("month", 1, t -> t, "-100.00", PERIOD_MONTH),
            MockOrders.MONTH_RENEW, new Terms("month", 1, t -> t.plusMonths(2), "100.00", PERIOD_MONTH),
            MockOrders.MONTH_CHANGE, new Terms("month", 1, t -> t.plusMonths(1), "450.00", PERIOD_MONTH_UPGRADED));
}
