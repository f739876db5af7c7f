package dev.stallkeeper.protocol.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The order returned by Query Order (spec §7.1).
 *
 * @param orderType    one of {@link QueryOrder#NEW}, {@link QueryOrder#TRIAL}, {@link QueryOrder#TRIAL_TO_FORMAL},
 *                     {@link QueryOrder#UNSUBSCRIBE}, {@link QueryOrder#RENEW}, {@link QueryOrder#CHANGE}
 * @param createTime   {@code yyyyMMddHHmmss}: when the order was placed, not when it took effect
 * @param orderLine    never null; empty when absent
 * @param buyerInfo    optional
 * @param extendParams never null; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderInfo(String orderId, String orderType, String createTime,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OrderLine> orderLine,
        BuyerInfo buyerInfo,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ExtendParam> extendParams) {

    public OrderInfo {
        orderLine = Lists.copy(orderLine);
        extendParams = Lists.copy(extendParams);
    }
}
