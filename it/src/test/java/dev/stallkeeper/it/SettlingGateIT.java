package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.settlement.SeedBills;
import dev.stallkeeper.it.settlement.SettlementDeployment;
import dev.stallkeeper.it.support.Db;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change to a bill racing the settling slice that covers it, on PostgreSQL (the {@code SettlingGate}): the test
 * resource plays the slice (passes the gate for the bill, waits until released, then appends the bill to the ledger
 * as the slice's insert does, and commits) while the service changes the bill (marks it repaid). The change waits
 * for the slice; when the slice settled the bill, the change then sees it settled and is refused, and the bill keeps
 * what was settled; when it did not, the change goes through.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SettlingGateIT {

    private static final int HTTP = Integer.getInteger("it.http.port");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SettlementDeployment.stallkeeper();
    }

    @AfterEach
    void reset() {
        SettlementDeployment.post(HTTP, "/gate/reset", "");
    }

    @Test
    void aChangeDuringTheSlicesTransactionWaitsAndIsRefusedOnceTheSliceSettledTheBill() throws Exception {
        long bill = postpaid();
        SettlementDeployment.Answer refused = changeDuringSlice(bill, true);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("was settled in 190001");
        assertThat(Db.value("SELECT payment_state FROM bill WHERE id = ?", bill)).isEqualTo("UNPAID");
    }

    @Test
    void aChangeWaitsForASliceThatLeavesItsBillAndThenGoesThrough() throws Exception {
        long bill = postpaid();
        assertThat(changeDuringSlice(bill, false).body()).isEqualTo("REPAID");
    }

    /**
     * Marks {@code bill} repaid while a slice over it (settling it when {@code settle}) holds its transaction open;
     * checks that the change waits for the slice, releases the slice, and returns the change's answer.
     */
    private static SettlementDeployment.Answer changeDuringSlice(long bill, boolean settle) throws Exception {
        CompletableFuture<SettlementDeployment.Answer> slice = hold(bill, settle);
        CompletableFuture<SettlementDeployment.Answer> change = CompletableFuture.supplyAsync(() ->
                SettlementDeployment.post(HTTP, "/bills/" + bill + "/repaid-or-refused", ""));
        assertThatThrownBy(() -> change.get(2, TimeUnit.SECONDS)).as("the change waits for the slice")
                .isInstanceOf(TimeoutException.class);
        SettlementDeployment.post(HTTP, "/gate/release", "");
        assertThat(slice.get(30, TimeUnit.SECONDS).body()).isEqualTo("committed");
        return change.get(30, TimeUnit.SECONDS);
    }

    /** An unpaid (postpaid) bill recorded an hour ago, effective last month. */
    private static long postpaid() {
        String effective = TestClock.currentPeriod().minusMonths(1).atDay(3).atStartOfDay(TestClock.BEIJING)
                .toOffsetDateTime().toString();
        return SeedBills.insert("GATE", "NEW", "10.00", "UNPAID", "NOT_REQUIRED", effective, effective);
    }

    /** Starts the slice's transaction over {@code bill} and waits until it has passed the gate. */
    private static CompletableFuture<SettlementDeployment.Answer> hold(long bill, boolean settle) {
        CompletableFuture<SettlementDeployment.Answer> slice = CompletableFuture.supplyAsync(() ->
                SettlementDeployment.post(HTTP, "/gate/hold?bill=" + bill + "&settle=" + settle, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> "true".equals(SettlementDeployment.get(HTTP, "/gate/held").body()));
        return slice;
    }
}
