package dev.stallkeeper.it.workflow;

import static dev.stallkeeper.it.workflow.Workflows.assertRefused;
import static dev.stallkeeper.it.workflow.Workflows.call;
import static dev.stallkeeper.it.workflow.Workflows.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.MailServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invoices through the admin API on PostgreSQL, with a real SMTP server (GreenMail, on it.smtp.port, which the
 * server under test is configured to use): an electronic invoice is issued and e-mailed with its PDF, read back
 * here; a paper one is mailed and returned; illegal steps are refused; the seller is told once about an overdue
 * invoice and a stalled supervision; an SMTP outage is recorded on the e-mail and retried.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class InvoiceIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final GreenMailExtension SMTP = MailServer.extension();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static Map<String, Object> electronic(String order, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("orderId", order);
        body.put("title", "Example Software Co., Ltd.");
        body.put("taxId", "91310000MA1FL0XX1X");
        body.put("type", "special_vat");
        body.put("medium", "electronic");
        body.put("recipientEmail", "buyer-" + RUN + "@example.com");
        body.put("amount", new java.math.BigDecimal(amount));
        return body;
    }

    private static long issue(long id, String number) {
        Workflows.Answer issued = call("POST", "/api/admin/invoices/" + id + "/issue", Map.of("invoiceNumber", number,
                "issuedOn", TestClock.beijingToday().toString(), "pdf", file(number + ".pdf", "application/pdf", PDF)));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(200);
        assertThat(issued.body().path("status").asText()).isEqualTo("ISSUED");
        return id;
    }

    private static List<MimeMessage> to(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void anElectronicInvoiceIsIssuedAndEmailedWithItsPdf() throws Exception {
        String order = "INV-" + RUN;
        Workflows.seedBill(order, "L1", "88.00", "NOT_REQUIRED");
        assertRefused(call("POST", "/api/admin/invoices", electronic(order, "80.00")), 400, "invoice.amountMismatch",
                "was paid 88.00 CNY");
        Workflows.Answer created = call("POST", "/api/admin/invoices", electronic(order, "88.00"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonNode invoice = created.body();
        long id = invoice.path("id").asLong();
        String path = "/api/admin/invoices/" + id;
        assertThat(invoice.path("status").asText()).isEqualTo("PENDING");
        assertThat(Duration.between(Instant.parse(invoice.path("requestedAt").asText()), Instant.parse(invoice.path("dueAt").asText())))
                .isEqualTo(Duration.ofDays(7));
        assertThat(invoice.path("postage").asText()).isEqualTo("NONE");

        assertRefused(call("POST", path + "/email", null), 409, "invoice.illegalTransition", "EMAIL is not allowed while the invoice is PENDING");
        issue(id, "EI" + RUN);
        assertRefused(call("POST", path + "/mail", Map.of("carrier", "SF", "trackingNumber", "1")), 409, "invoice.notPaper",
                "e-mailed, not mailed");

        Workflows.Answer queued = call("POST", path + "/email", null);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body().path("queued").asBoolean()).isTrue();
        assertThat(call("POST", path + "/email", null).body().path("queued").asBoolean()).as("queued once").isFalse();

        String buyer = "buyer-" + RUN + "@example.com";
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(buyer).isEmpty());
        MimeMessage message = to(buyer).get(0);
        assertThat(message.getSubject()).isEqualTo("Invoice EI" + RUN + " for order " + order);
        assertThat(message.getFrom()[0].toString()).isEqualTo("stallkeeper@it.example");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("88.00 CNY").contains(order);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("EI" + RUN + ".pdf");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PDF);

        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", path, null).body().path("status").asText().equals("EMAILED"));
        JsonNode emailed = call("GET", path, null).body();
        assertThat(emailed.path("steps").findValuesAsText("action")).containsExactly("REQUEST", "ISSUE", "EMAIL_QUEUED", "EMAIL");
        assertThat(emailed.path("steps").get(3).path("actor").asText()).isEqualTo("mailer");
        assertThat(emailed.path("emails").get(0).path("status").asText()).isEqualTo("SENT");
        assertThat(to(buyer)).as("one e-mail").hasSize(1);
        assertRefused(call("POST", "/api/admin/invoices", Map.of("title", "x")), 400, "invoice.fieldMissing", "is required");
    }

    @Test
    void aPaperInvoiceIsMailedThenReturnedAndShowsWhoPaysThePostage() {
        String order = "PAPER-" + RUN;
        Map<String, Object> body = new HashMap<>(electronic(order, "99.50"));
        body.remove("recipientEmail");
        body.put("medium", "PAPER");
        body.put("mailingAddress", "1 Example Road, Pudong, Shanghai");
        JsonNode created = call("POST", "/api/admin/invoices", body).body();
        long id = created.path("id").asLong();
        assertThat(created.path("postage").asText()).isEqualTo("BUYER_PAYS");
        String path = "/api/admin/invoices/" + id;
        assertRefused(call("POST", path + "/reject", Map.of()), 400, "invoice.reasonMissing", "needs a reason");
        issue(id, "PI" + RUN);
        assertRefused(call("POST", path + "/email", null), 409, "invoice.notElectronic", "mailed, not e-mailed");
        JsonNode mailed = call("POST", path + "/mail", Map.of("carrier", "SF Express", "trackingNumber", "SF" + RUN)).body();
        assertThat(mailed.path("status").asText()).isEqualTo("MAILED");
        assertThat(mailed.path("trackingNumber").asText()).isEqualTo("SF" + RUN);
        JsonNode returned = call("POST", path + "/return", Map.of("reason", "the buyer unsubscribes")).body();
        assertThat(returned.path("status").asText()).isEqualTo("RETURNED");
        assertRefused(call("POST", path + "/issue", Map.of("invoiceNumber", "X")), 409, "invoice.illegalTransition",
                "nothing, the invoice is closed");
        assertThat(call("GET", "/api/admin/invoices?orderId=" + order, null).body().findValuesAsText("status"))
                .containsExactly("RETURNED");
        Workflows.Answer duplicate = call("POST", "/api/admin/invoices", body);
        long second = duplicate.body().path("id").asLong();
        Workflows.Answer sameNumber = call("POST", "/api/admin/invoices/" + second + "/issue", Map.of("invoiceNumber", "PI" + RUN,
                "issuedOn", TestClock.beijingToday().toString(), "pdf", file("x.pdf", "application/pdf", PDF)));
        assertRefused(sameNumber, 400, "invoice.numberUsed", "is used already");
    }

    @Test
    void theListIsPagedNewestRequestFirstWithItsFiltersKept() {
        String order = "PAGED-" + RUN;
        List<String> requested = new java.util.ArrayList<>();
        for (int n = 0; n < 5; n++) {
            Map<String, Object> body = new HashMap<>(electronic(order, "10.00"));
            body.put("requestedAt", TestClock.beijingToday().minusDays(10 - n) + "T10:00:00+08:00");
            requested.add(call("POST", "/api/admin/invoices", body).body().path("id").asText());
        }
        Map<String, Object> sameMoment = new HashMap<>(electronic(order, "10.00"));
        sameMoment.put("requestedAt", TestClock.beijingToday().minusDays(10 - 2) + "T10:00:00+08:00");
        Workflows.Answer tied = call("POST", "/api/admin/invoices", sameMoment);
        assertThat(tied.status()).as(tied.body().toString()).isEqualTo(201);
        requested.add(tied.body().path("id").asText());

        List<JsonNode> pages = Workflows.pages("/api/admin/invoices?orderId=" + order + "&direction=TO_CUSTOMER&size=4");
        assertThat(pages).extracting(p -> p.path("items").size()).containsExactly(4, 2);
        assertThat(pages).allSatisfy(p -> assertThat(p.path("total").asLong()).isEqualTo(6));
        assertThat(pages.get(0).path("next").asText()).contains("page=1").contains("orderId=" + order)
                .contains("direction=TO_CUSTOMER");
        assertThat(pages.get(1).path("prev").asText()).contains("page=0");
        List<String> walked = pages.stream().flatMap(p -> p.path("items").findValuesAsText("id").stream()).toList();
        List<String> expected = Db.rows("SELECT id FROM invoice WHERE order_id = ? ORDER BY requested_at DESC, id DESC", order)
                .stream().map(r -> String.valueOf(r.get("id"))).toList();
        assertThat(walked).as("newest request first, ties by id, every row once").containsExactlyElementsOf(expected)
                .containsExactlyInAnyOrderElementsOf(requested);
        assertThat(walked.get(0)).isEqualTo(requested.get(4));
        assertThat(Db.count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_invoice_requested'"))
                .as("the list's order has its index").isEqualTo(1);
    }

    @Test
    void twoSimultaneousIssuesWithTheSameNumberGiveOneInvoiceAndOneClearRefusal() throws Exception {
        for (int round = 0; round < 5; round++) {
            long a = call("POST", "/api/admin/invoices", electronic("RACE-A-" + RUN + round, "30.00")).body().path("id").asLong();
            long b = call("POST", "/api/admin/invoices", electronic("RACE-B-" + RUN + round, "30.00")).body().path("id").asLong();
            Map<String, Object> issue = Map.of("invoiceNumber", "RN" + RUN + round, "issuedOn", TestClock.beijingToday().toString(),
                    "pdf", file("r.pdf", "application/pdf", PDF));
            List<Workflows.Answer> answers = Workflows.atOnce(() -> call("POST", "/api/admin/invoices/" + a + "/issue", issue),
                    () -> call("POST", "/api/admin/invoices/" + b + "/issue", issue));
            assertThat(answers).extracting(Workflows.Answer::status).as(answers.toString()).containsExactlyInAnyOrder(200, 400);
            Workflows.Answer loser = answers.get(0).status() == 400 ? answers.get(0) : answers.get(1);
            assertRefused(loser, 400, "invoice.numberUsed", "is used already");
            assertThat(Db.count("SELECT COUNT(*) FROM invoice WHERE invoice_number = ?", "RN" + RUN + round)).isEqualTo(1);
        }
    }

    @Test
    void huaweiSettlementInvoicesAreTrackedTheSameWay() {
        Map<String, Object> body = new HashMap<>();
        body.put("direction", "to_huawei");
        body.put("statementRef", "ST-" + RUN);
        body.put("title", "Huawei Cloud Computing Technologies Co., Ltd.");
        body.put("taxId", "91520900MA6J6CBN9Q");
        body.put("type", "SPECIAL_VAT");
        body.put("medium", "FULLY_DIGITAL");
        body.put("recipientEmail", "invoices@huawei.example");
        body.put("amount", new java.math.BigDecimal("9500.00"));
        Workflows.Answer created = call("POST", "/api/admin/invoices", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("direction").asText()).isEqualTo("TO_HUAWEI");
        assertThat(call("GET", "/api/admin/invoices?direction=TO_HUAWEI", null).body().findValuesAsText("statementRef"))
                .contains("ST-" + RUN);
        body.put("type", "ORDINARY");
        assertRefused(call("POST", "/api/admin/invoices", body), 400, "invoice.huaweiNeedsSpecial", "special VAT");
    }

    @Test
    void theSellerHearsOnceAboutAnOverdueInvoiceAndAStalledSupervision() {
        String order = "LATE-" + RUN;
        long invoice = call("POST", "/api/admin/invoices", electronic(order, "10.00")).body().path("id").asLong();
        long supervision = call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L1"))
                .body().path("id").asLong();
        OffsetDateTime now = TestClock.now().atOffset(ZoneOffset.UTC);
        Db.update("UPDATE invoice SET due_at = ? - INTERVAL '1 hour' WHERE id = ?", now, invoice);
        Db.update("UPDATE supervision SET last_moved_at = ? - INTERVAL '6 days' WHERE id = ?", now, supervision);
        assertThat(call("GET", "/api/admin/invoices?overdue=true", null).body().findValuesAsText("id")).contains(String.valueOf(invoice));

        String overdueSubject = "Invoice request " + invoice + " is overdue";
        String stalledSubject = "Supervision of order " + order + " has not moved for 5 days";
        await().atMost(Duration.ofSeconds(60)).until(() -> subjects().contains(overdueSubject) && subjects().contains(stalledSubject));
        // the watch runs every 30 s on every node: later runs find the same events and send nothing more
        await().during(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(40)).until(() ->
                subjects().stream().filter(s -> s.equals(overdueSubject) || s.equals(stalledSubject)).count() == 2);
        assertThat(Db.count("SELECT COUNT(*) FROM mail_outbox WHERE event_key = ?", "invoice-overdue/" + invoice)).isEqualTo(1);
        assertThat(to("seller-ops@it.example")).isNotEmpty();
    }

    private static List<String> subjects() {
        return Arrays.stream(SMTP.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void anSmtpOutageIsRecordedOnTheEmailAndRetried() {
        String order = "OUTAGE-" + RUN;
        long id = call("POST", "/api/admin/invoices", electronic(order, "20.00")).body().path("id").asLong();
        issue(id, "OI" + RUN);
        SMTP.stop();
        try {
            assertThat(call("POST", "/api/admin/invoices/" + id + "/email", null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Db.count("SELECT COUNT(*) FROM mail_outbox WHERE invoice_id = ? AND attempts >= 1 AND last_error IS NOT NULL"
                            + " AND status = 'PENDING'", id) == 1);
            assertThat(call("GET", "/api/admin/invoices/" + id, null).body().path("status").asText())
                    .as("not e-mailed while the server is down").isEqualTo("ISSUED");
            JsonNode outbox = call("GET", "/api/admin/mail", null).body();
            JsonNode mine = null;
            for (JsonNode m : outbox) {
                if (m.path("eventKey").asText().equals("invoice-email/" + id)) {
                    mine = m;
                }
            }
            assertThat(mine).as("the admins' outbox view lists it").isNotNull();
            assertThat(mine.path("lastError").asText()).contains("onnect");
            assertRefused(call("POST", "/api/admin/mail/" + mine.path("id").asLong() + "/retry", null), 409,
                    "mail.notParked", "retried on their own");
        } finally {
            SMTP.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/admin/invoices/" + id, null).body()
                .path("status").asText().equals("EMAILED"));
        assertThat(to("buyer-" + RUN + "@example.com")).extracting(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).contains("Invoice OI" + RUN + " for order " + order);
        JsonNode mail = call("GET", "/api/admin/invoices/" + id, null).body().path("emails").get(0);
        assertThat(mail.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(mail.path("status").asText()).isEqualTo("SENT");
    }
}
