package dev.stallkeeper.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's route table; what it answers over HTTP is in {@link OpenApiServerUsageTest}. */
class AdminHandlerTest {

    @Test
    void theRouteTableHoldsTheRoutesServeAdvertises() {
        AdminHandler admin = new AdminHandler(null, null, null, null, new FaultInjection(), line -> { });

        assertThat(admin.routes()).containsExactlyInAnyOrder("POST orders", "POST instances", "GET usage-records",
                "GET usage-calls", "POST faults", "POST outage", "POST delay", "POST oauth/clients",
                "POST oauth/users");
    }
}
