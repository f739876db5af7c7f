package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.activeInstance;
import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.expireTime;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.send;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.settlement.SettlementDeployment;
import dev.stallkeeper.it.settlement.SettlementDeployment.Answer;
import dev.stallkeeper.it.support.Db;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How bills get into the ledger, on PostgreSQL. Callbacks: a provisioned new purchase and a renewal become bills
 * once each, with Query Order's amount. The import of KooGallery's bill export through the BillImport service:
 * the whole file or nothing, every problem with its line, no duplicates on re-import, known bills reconciled
 * forward (product types CSV_... are this test's own).
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SettlementLedgerIT {

    private static final int HTTP = Integer.getInteger("it.http.port");
    private static final String HEADER = "kind,order_id,order_line_id,product_type,amount,currency,payment_state,"
            + "supervision_state,effective_at,supervision_completed_at\n";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SettlementDeployment.stallkeeper();
    }

    private static Answer importCsv(String csv) {
        return SettlementDeployment.post(HTTP, "/import", csv);
    }

    private static long bills(String orderPrefix) {
        return Db.count("SELECT COUNT(*) FROM bill WHERE order_id LIKE ?", orderPrefix + "%");
    }

    @Test
    void aProvisionedPurchaseAndItsRenewalBecomeOneBillEach() {
        String instance = activeInstance();
        assertThat(Db.rows("SELECT kind, product_type, amount, payment_state, supervision_state, recorded_by"
                + " FROM bill WHERE instance_id = ?", instance).toString()).isEqualTo("[{kind=NEW, product_type=SAAS,"
                + " amount=99.00, payment_state=PAID, supervision_state=NOT_REQUIRED, recorded_by=CALLBACK}]");
        Object expiry = Db.value("SELECT expires_at FROM instance WHERE id = ?", instance);

        String renewal = uniqueOrderId();
        order(renewal, "RENEW", "PERIOD", "P-" + renewal, "SKU-BASIC", 20);
        var refresh = body("refreshInstance").put("instanceId", instance).put("orderId", renewal)
                .put("orderLineId", renewal + "-000001").put("scene", "RENEWAL").put("expireTime", expireTime(25));
        assertThat(send(refresh).resultCode()).isEqualTo("000000");
        assertThat(send(refresh).resultCode()).as("resent").isEqualTo("000000");
        List<java.util.Map<String, Object>> bills = Db.rows("SELECT kind, amount, effective_at, settleable_at FROM bill"
                + " WHERE instance_id = ? ORDER BY id", instance);
        assertThat(bills).hasSize(2);
        assertThat(bills.get(1).get("kind")).isEqualTo("RENEWAL");
        assertThat(bills.get(1).get("amount").toString()).isEqualTo("99.00");
        assertThat(bills.get(1).get("effective_at")).as("effective when the renewed period starts").isEqualTo(expiry);
        assertThat(bills.get(1).get("settleable_at")).isEqualTo(expiry);
    }

    @Test
    void importsAWholeFileOnceAndReconcilesKnownBillsForward() {
        String file = HEADER
                + "NEW,CSVA1,CSVA1-1,CSV_SaaS,400.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "REFUND,CSVA2,CSVA2-1,CSV_SaaS,-250.00,CNY,PAID,NOT_REQUIRED,2026-03-18T02:00:00Z,\n"
                + "NEW,CSVA3,CSVA3-1,\"CSV manual service\",2000.00,CNY,PAID,IN_PROGRESS,2026-01-20 10:00:00,\n"
                + "NEW,CSVA4,CSVA4-1,CSV_SaaS,99.00,,UNPAID,NOT_REQUIRED,2026-02-01 00:00:00,\n";
        assertThat(importCsv(file)).isEqualTo(new Answer(200, "4 0 0"));
        assertThat(bills("CSVA")).isEqualTo(4);
        assertThat(importCsv(file)).as("the same file again").isEqualTo(new Answer(200, "0 0 4"));
        assertThat(bills("CSVA")).isEqualTo(4);
        assertThat(Db.rows("SELECT product_type, amount, payment_state, supervision_state, recorded_by, effective_at"
                + " FROM bill WHERE order_id = 'CSVA1'").get(0).toString())
                .contains("product_type=CSV_SAAS", "amount=400.00", "payment_state=PAID", "recorded_by=CSV_IMPORT",
                        "effective_at=2026-01-12T02:00Z");
        assertThat(Db.value("SELECT settleable_at FROM bill WHERE order_id = 'CSVA3'")).isNull();

        // KooGallery's next export: the unpaid bill is paid, the supervised one accepted
        String later = HEADER
                + "NEW,CSVA4,CSVA4-1,CSV_SaaS,99.00,CNY,PAID,NOT_REQUIRED,2026-02-01 00:00:00,\n"
                + "NEW,CSVA3,CSVA3-1,CSV_MANUAL_SERVICE,2000.00,CNY,PAID,COMPLETED,2026-01-20 10:00:00,2026-03-05 11:00:00\n"
                + "NEW,CSVA1,CSVA1-1,CSV_SaaS,400.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n";
        assertThat(importCsv(later)).isEqualTo(new Answer(200, "0 2 1"));
        assertThat(Db.value("SELECT payment_state FROM bill WHERE order_id = 'CSVA4'")).isEqualTo("PAID");
        assertThat(Db.value("SELECT settleable_at FROM bill WHERE order_id = 'CSVA3'").toString())
                .isEqualTo("2026-03-05T03:00Z");
    }

    @Test
    void aFileWithBadRowsImportsNothingAndNamesEveryProblemWithItsLine() {
        String file = HEADER
                + "NEW,CSVB1,CSVB1-1,CSV_SaaS,100.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CSVB2,CSVB2-1,CSV_SaaS,1.005,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CSVB3,CSVB3-1,CSV_SaaS,5.00,CNY,PAID,DONE,2026-01-12 10:00:00,\n"
                + "NEW,CSVB1,CSVB1-1,CSV_SaaS,100.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n";
        Answer answer = importCsv(file);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().lines().toList()).containsExactly(
                "line 3: amount: amount 1.005 has more than 2 decimals",
                "line 4: supervision_state 'DONE' is not one of NOT_REQUIRED, IN_PROGRESS, COMPLETED",
                "line 5: the same bill (CSVB1/CSVB1-1/NEW) as line 2");
        assertThat(bills("CSVB")).isZero();
    }

    @Test
    void aRowContradictingARecordedBillRollsBackTheRowsBeforeIt() {
        assertThat(importCsv(HEADER + "NEW,CSVC1,CSVC1-1,CSV_SaaS,100.00,CNY,UNPAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"))
                .isEqualTo(new Answer(200, "1 0 0"));
        Answer answer = importCsv(HEADER
                + "NEW,CSVC2,CSVC2-1,CSV_SaaS,10.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CSVC1,CSVC1-1,CSV_SaaS,100.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "UPGRADE,CSVC1,CSVC1-1,CSV_SaaS,120.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CSVC3,CSVC3-1,CSV_SaaS,-1.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("line 5: amount -1.00 does not suit kind NEW"
                + " (REFUND is negative or 0, the others positive or 0)");
        answer = importCsv(HEADER
                + "NEW,CSVC2,CSVC2-1,CSV_SaaS,10.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CSVC1,CSVC1-1,CSV_SaaS,120.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).startsWith("line 3: amount 120.00 differs from the recorded bill's 100.00");
        assertThat(bills("CSVC")).as("CSVC2 was rolled back with the rest").isEqualTo(1);
        assertThat(Db.value("SELECT payment_state FROM bill WHERE order_id = 'CSVC1'")).isEqualTo("UNPAID");
        assertThat(List.of(importCsv(HEADER).status())).containsExactly(400);
    }
}
