package dev.stallkeeper.protocol.order;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The mock order IDs the KooGallery debugging tool uses with Query Order (spec §4.4) and the answers expected for
 * them (§10.2 case 31). The order-type mapping is INFERRED from the scenario names; the charging modes of the
 * trial and "MONTY" orders are INFERRED as {@link QueryOrder#PERIOD}.
 */
public final class MockOrders {

    /** The suffix that turns a mock order ID into its only order line ID. */
    public static final String ORDER_LINE_SUFFIX = "-000001";

    public static final String PERIOD_YEAR_NEW = "MOCKPERIODYEARNEW";
    public static final String ONE_TIME_NEW = "MOCKONETIMENEW";
    public static final String ON_DEMAND = "MOCKONDEMAND";
    public static final String ON_DEMAND_PKG = "MOCKONDEMANDPKG";
    public static final String PERIOD_DAY_TRIAL = "MOCKPERIODDAYTRIAL";
    public static final String MONTH_TRIAL_TO_FORMAL = "MOCKMONTYTRIALTOFORMAL";
    public static final String MONTH_UNSUBSCRIBE = "MOCKMONTYUNSUBSCRIBE";
    public static final String MONTH_RENEW = "MOCKMONTYRENEW";
    public static final String MONTH_CHANGE = "MOCKMONTYCHANGE";

    private static final List<MockOrder> ALL = List.of(
            new MockOrder(PERIOD_YEAR_NEW, QueryOrder.NEW, QueryOrder.PERIOD),
            new MockOrder(ONE_TIME_NEW, QueryOrder.NEW, QueryOrder.ONE_TIME),
            new MockOrder(ON_DEMAND, QueryOrder.NEW, QueryOrder.ON_DEMAND),
            new MockOrder(ON_DEMAND_PKG, QueryOrder.NEW, QueryOrder.ON_DEMAND_PKG),
            new MockOrder(PERIOD_DAY_TRIAL, QueryOrder.TRIAL, QueryOrder.PERIOD),
            new MockOrder(MONTH_TRIAL_TO_FORMAL, QueryOrder.TRIAL_TO_FORMAL, QueryOrder.PERIOD),
            new MockOrder(MONTH_UNSUBSCRIBE, QueryOrder.UNSUBSCRIBE, QueryOrder.PERIOD),
            new MockOrder(MONTH_RENEW, QueryOrder.RENEW, QueryOrder.PERIOD),
            new MockOrder(MONTH_CHANGE, QueryOrder.CHANGE, QueryOrder.PERIOD));

    private MockOrders() {
    }

    /**
     * One documented mock order.
     *
     * @param orderId      the mock order ID, as typed in the debugging tool
     * @param orderType    the {@code orderInfo.orderType} Query Order returns for it
     * @param chargingMode the {@code orderLine[0].chargingMode} Query Order returns for it
     */
    public record MockOrder(String orderId, String orderType, String chargingMode) {

        public MockOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(orderType, "orderType");
            Objects.requireNonNull(chargingMode, "chargingMode");
        }

        /** The order line ID: the order ID followed by {@value MockOrders#ORDER_LINE_SUFFIX}. */
        public String orderLineId() {
            return orderId + ORDER_LINE_SUFFIX;
        }
    }

    /** All mock orders, in the order the documentation lists them. */
    public static List<MockOrder> all() {
        return ALL;
    }

    /** The mock order with exactly this ID (case-sensitive); empty for any other ID, including null. */
    public static Optional<MockOrder> find(String orderId) {
        return ALL.stream().filter(m -> m.orderId().equals(orderId)).findFirst();
    }

    /** Whether {@code orderId} is one of the documented mock order IDs. */
    public static boolean isMock(String orderId) {
        return find(orderId).isPresent();
    }

    /** The expected {@code orderType} of a mock order; empty if {@code orderId} is not a mock order. */
    public static Optional<String> orderType(String orderId) {
        return find(orderId).map(MockOrder::orderType);
    }
}
