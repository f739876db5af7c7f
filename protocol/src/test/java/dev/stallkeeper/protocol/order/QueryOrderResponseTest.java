package dev.stallkeeper.protocol.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.protocol.MalformedBodyException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryOrderResponseTest {

    private static final String DOC_LIKE = """
            {"resultCode":"MKT.0000","resultMsg":"success","orderInfo":{"orderId":"CS2211181819B4LVS",
             "orderType":"NEW","createTime":"20220726155959","unknownTopField":{"x":1},
             "orderLine":[{"orderLineId":"CS2211181819B4LVS-000001","chargingMode":"PERIOD","periodType":"year",
               "periodNumber":1,"expireTime":"20230726155959","orderAmount":12.780,"currency":"CNY",
               "productInfo":[{"productId":"OFFI788963615933718528","skuCode":"a63ee5c9-4f86-11ed-9f95-fa163e8cb3b2",
                 "linearValue":"10","productName":"SaaS测试商品","futureField":true}]}],
             "buyerInfo":{"customerId":"68cbc86abc2018ab880d92f36422fa0e","customerName":"huawei","userId":null},
             "extendParams":[{"name":"emailDomainName","value":"test.xxxx.com"}]}}
            """;

    @Test
    void parsesTolerantlyIncludingUnknownFieldsAndStringNumbers() {
        QueryOrderResponse r = QueryOrderResponse.parse(DOC_LIKE.getBytes(StandardCharsets.UTF_8));
        assertThat(r.isSuccess()).isTrue();
        OrderInfo info = r.orderInfo();
        assertThat(info.orderType()).isEqualTo(QueryOrder.NEW);
        assertThat(info.createTime()).isEqualTo("20220726155959");
        OrderLine line = info.orderLine().get(0);
        assertThat(line.chargingMode()).isEqualTo(QueryOrder.PERIOD);
        assertThat(line.periodNumber()).isEqualTo(1);
        assertThat(line.orderAmount()).isEqualTo(new BigDecimal("12.780"));
        assertThat(line.productInfo()).containsExactly(new ProductInfo("OFFI788963615933718528",
                "a63ee5c9-4f86-11ed-9f95-fa163e8cb3b2", 10, "SaaS测试商品"));
        assertThat(info.buyerInfo().customerName()).isEqualTo("huawei");
        assertThat(info.buyerInfo().userId()).isNull();
        assertThat(info.extendParams()).containsExactly(new ExtendParam("emailDomainName", "test.xxxx.com"));
    }

    @Test
    void errorResponseWithoutOrderInfo() {
        QueryOrderResponse r = QueryOrderResponse.parse(
                "{\"resultCode\":\"MKT.0154\",\"resultMsg\":\"Illegal token\",\"extra_info\":{}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.orderInfo()).isNull();
        assertThat(new String(r.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"resultCode\":\"MKT.0154\",\"resultMsg\":\"Illegal token\"}");
    }

    @Test
    void toJsonRoundTripsAndOmitsNullsAndEmptyLists() {
        OrderInfo info = new OrderInfo("MOCKONDEMAND", QueryOrder.NEW, "20240101000000",
                List.of(new OrderLine("MOCKONDEMAND-000001", QueryOrder.ON_DEMAND, null, null, null, null, null, null)),
                null, null);
        QueryOrderResponse r = new QueryOrderResponse(QueryOrder.SUCCESS, "success", info);
        String json = new String(r.toJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"resultCode\":\"MKT.0000\",\"resultMsg\":\"success\",\"orderInfo\":"
                + "{\"orderId\":\"MOCKONDEMAND\",\"orderType\":\"NEW\",\"createTime\":\"20240101000000\","
                + "\"orderLine\":[{\"orderLineId\":\"MOCKONDEMAND-000001\",\"chargingMode\":\"ON_DEMAND\"}]}}");
        assertThat(QueryOrderResponse.parse(r.toJson())).isEqualTo(r);
        assertThat(info.extendParams()).isEmpty();
        assertThat(info.orderLine().get(0).productInfo()).isEmpty();
    }

    @Test
    void malformedBodiesAreRejected() {
        assertThatThrownBy(() -> QueryOrderResponse.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> QueryOrderResponse.parse(
                "{\"orderInfo\":{\"orderLine\":\"notalist\"}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void constants() {
        assertThat(QueryOrder.PATH).isEqualTo("/api/mkp-openapi-public/global/v1/order/query");
        assertThat(QueryOrder.SUCCESS).isEqualTo("MKT.0000");
        assertThat(List.of(QueryOrder.NEW, QueryOrder.TRIAL, QueryOrder.TRIAL_TO_FORMAL, QueryOrder.UNSUBSCRIBE,
                QueryOrder.RENEW, QueryOrder.CHANGE, QueryOrder.ON_DEMAND, QueryOrder.ONE_TIME, QueryOrder.PERIOD,
                QueryOrder.ON_DEMAND_PKG)).containsExactly("NEW", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE", "RENEW",
                "CHANGE", "ON_DEMAND", "ONE_TIME", "PERIOD", "ON_DEMAND_PKG");
    }
}
