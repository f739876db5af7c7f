package dev.stallkeeper.protocol.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an order (spec §7.1). Only {@code orderLineId} and {@code chargingMode} are confirmed mandatory;
 * {@code orderAmount} and {@code currency} are UNCONFIRMED.
 *
 * @param chargingMode one of {@link QueryOrder#ON_DEMAND}, {@link QueryOrder#ONE_TIME}, {@link QueryOrder#PERIOD},
 *                     {@link QueryOrder#ON_DEMAND_PKG}
 * @param periodType   e.g. {@code "year"}, {@code "month"}
 * @param expireTime   {@code yyyyMMddHHmmss} (parse with {@link dev.stallkeeper.protocol.KooTime#parseExpireTime})
 * @param productInfo  never null; empty when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(String orderLineId, String chargingMode, String periodType, Integer periodNumber,
        String expireTime, BigDecimal orderAmount, String currency,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProductInfo> productInfo) {

    public OrderLine {
        productInfo = Lists.copy(productInfo);
    }
}
