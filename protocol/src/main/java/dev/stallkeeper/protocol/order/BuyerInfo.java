package dev.stallkeeper.protocol.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The buyer of an order; partially UNCONFIRMED (spec §7.1). {@code userId}/{@code userName} are the IAM user and
 * are present only when IAM authorisation was chosen at publish time, and only for new purchases.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuyerInfo(String customerId, String customerName, String userId, String userName, String mobilePhone,
        String email) {
}
