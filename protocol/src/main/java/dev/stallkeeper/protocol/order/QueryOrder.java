package dev.stallkeeper.protocol.order;

/** Constants of the Query Order API (spec §7.1). */
public final class QueryOrder {

    /** Request path; query parameters {@link #PARAM_ORDER_ID} (mandatory) and {@link #PARAM_ORDER_LINE_ID}. */
    public static final String PATH = "/api/mkp-openapi-public/global/v1/order/query";
    public static final String PARAM_ORDER_ID = "orderId";
    public static final String PARAM_ORDER_LINE_ID = "orderLineId";

    /** Primary host (China site). */
    public static final String HOST = "mkt.myhuaweicloud.com";
    /** Host to retry on when {@link #HOST} is unavailable. */
    public static final String FALLBACK_HOST = "mkt.myhuaweicloud.cn";
    /** International site. */
    public static final String INTERNATIONAL_HOST = "mkt-intl.myhuaweicloud.com";
    /** Europe site. */
    public static final String EUROPE_HOST = "mkt.myhuaweicloud.eu";

    /** {@code resultCode} of a successful query. */
    public static final String SUCCESS = "MKT.0000";

    // orderInfo.orderType
    public static final String NEW = "NEW";
    public static final String TRIAL = "TRIAL";
    public static final String TRIAL_TO_FORMAL = "TRIAL_TO_FORMAL";
    public static final String UNSUBSCRIBE = "UNSUBSCRIBE";
    public static final String RENEW = "RENEW";
    public static final String CHANGE = "CHANGE";

    // orderLine.chargingMode
    public static final String ON_DEMAND = "ON_DEMAND";
    public static final String ONE_TIME = "ONE_TIME";
    public static final String PERIOD = "PERIOD";
    public static final String ON_DEMAND_PKG = "ON_DEMAND_PKG";

    private QueryOrder() {
    }
}
