package dev.stallkeeper.protocol.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MockOrdersTest {

    @Test
    void listsTheDocumentedIdsWithTheCase31OrderTypes() {
        assertThat(MockOrders.all()).extracting(MockOrders.MockOrder::orderId).containsExactly("MOCKPERIODYEARNEW",
                "MOCKONETIMENEW", "MOCKONDEMAND", "MOCKONDEMANDPKG", "MOCKPERIODDAYTRIAL", "MOCKMONTYTRIALTOFORMAL",
                "MOCKMONTYUNSUBSCRIBE", "MOCKMONTYRENEW", "MOCKMONTYCHANGE");
        assertThat(MockOrders.all()).extracting(MockOrders.MockOrder::orderType).containsExactly("NEW", "NEW", "NEW",
                "NEW", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE", "RENEW", "CHANGE");
        assertThat(MockOrders.all()).extracting(MockOrders.MockOrder::chargingMode).startsWith("PERIOD", "ONE_TIME",
                "ON_DEMAND", "ON_DEMAND_PKG");
    }

    @Test
    void lookupIsExact() {
        assertThat(MockOrders.orderType("MOCKMONTYRENEW")).contains(QueryOrder.RENEW);
        assertThat(MockOrders.find("MOCKONDEMAND").orElseThrow().orderLineId()).isEqualTo("MOCKONDEMAND-000001");
        assertThat(MockOrders.isMock("mockmontyrenew")).isFalse();
        assertThat(MockOrders.isMock(null)).isFalse();
        assertThat(MockOrders.orderType("CS2211181819B4LVS")).isEmpty();
    }
}
