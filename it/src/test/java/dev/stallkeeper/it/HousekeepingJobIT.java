package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch module's housekeeping job on PostgreSQL: started through WildFly's management API (as an operator
 * would), it forgets expired nonces and deletes callbacks past the audit retention in checkpointed chunks, and
 * JBeret records the run in its JDBC job repository inside the application's database.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class HousekeepingJobIT {

    private static final long FIRST_OLD_ID = 900_000_000L;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @ArquillianResource
    ManagementClient management;

    @Test
    void deletesWhatRetentionAllowsInChunksAndRecordsTheRunInTheApplicationDatabase() throws Exception {
        Db.update("INSERT INTO callback_log (id, received_at, activity, test_flag, result_code, latency_ms)"
                + " SELECT ? + g, ? - interval '500 days', 'newInstance', FALSE, '000000', 1"
                + " FROM generate_series(1, 1200) g", FIRST_OLD_ID, now());
        Db.update("INSERT INTO callback_log (id, received_at, activity, test_flag, result_code, latency_ms)"
                + " SELECT ? + 5000 + g, ? - interval '10 days', 'queryInstance', FALSE, '000000', 1"
                + " FROM generate_series(1, 3) g", FIRST_OLD_ID, now());
        Db.update("INSERT INTO callback_nonce (nonce, body_sha256, received_at)"
                + " SELECT 'housekeeping-old-' || g, 'x', ? - interval '1 hour' FROM generate_series(1, 10) g", now());
        Db.update("INSERT INTO callback_nonce (nonce, body_sha256, received_at) VALUES ('housekeeping-fresh', 'x', ?)", now());

        long execution = startHousekeeping();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Db.value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution))
                        .isEqualTo("COMPLETED"));

        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE id BETWEEN ? AND ?",
                FIRST_OLD_ID, FIRST_OLD_ID + 1200)).as("callbacks past retention").isZero();
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE id > ?", FIRST_OLD_ID + 5000))
                .as("callbacks inside retention").isEqualTo(3);
        assertThat(Db.count("SELECT COUNT(*) FROM callback_nonce WHERE nonce LIKE 'housekeeping-old-%'")).isZero();
        assertThat(Db.count("SELECT COUNT(*) FROM callback_nonce WHERE nonce = 'housekeeping-fresh'")).isEqualTo(1);

        Map<String, Object> chunkStep = Db.rows("SELECT readcount, writecount, commitcount, batchstatus"
                + " FROM step_execution WHERE jobexecutionid = ? AND stepname = 'purge-callback-log'", execution).get(0);
        assertThat(((Number) chunkStep.get("readcount")).longValue()).isGreaterThanOrEqualTo(1200);
        assertThat(((Number) chunkStep.get("writecount")).longValue()).isGreaterThanOrEqualTo(1200);
        assertThat(((Number) chunkStep.get("commitcount")).longValue()).as("500 per chunk").isGreaterThanOrEqualTo(3);
        assertThat(Db.value("SELECT exitstatus FROM step_execution WHERE jobexecutionid = ? AND stepname = 'purge-nonces'",
                execution)).asString().startsWith("PURGED ");
    }

    @Test
    void aBadParameterFailsTheRunWithItsReasonAndDeletesNothing() throws Exception {
        Db.update("INSERT INTO callback_log (id, received_at, activity, test_flag, result_code, latency_ms)"
                + " VALUES (?, ? - interval '900 days', 'newInstance', FALSE, '000000', 1)", FIRST_OLD_ID + 9000, now());
        ModelNode op = startOperation();
        op.get("properties").get("asOf").set("yesterday");
        long execution = execute(op).asLong();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Db.value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = ?", execution))
                        .isEqualTo("FAILED"));
        assertThat(Db.value("SELECT executionexception FROM step_execution WHERE jobexecutionid = ?"
                + " AND stepname = 'purge-nonces'", execution)).asString().contains("ISO-8601");
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE id = ?", FIRST_OLD_ID + 9000)).isEqualTo(1);
    }

    /** Now on the test clock, which the server's retention is measured from. */
    private static OffsetDateTime now() {
        return TestClock.now().atOffset(ZoneOffset.UTC);
    }

    private long startHousekeeping() throws Exception {
        return execute(startOperation()).asLong();
    }

    private static ModelNode startOperation() {
        ModelNode address = Operations.createAddress("deployment", "stallkeeper.ear", "subdeployment",
                "stallkeeper-batch.jar", "subsystem", "batch-jberet");
        ModelNode op = Operations.createOperation("start-job", address);
        op.get("job-xml-name").set("housekeeping");
        return op;
    }

    private ModelNode execute(ModelNode op) throws Exception {
        ModelNode result = management.getControllerClient().execute(op);
        assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
        return Operations.readResult(result);
    }
}
