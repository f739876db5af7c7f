package dev.stallkeeper.billing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.billing.domain.NewBill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.BillRowError;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.billing.domain.SupervisionState;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BillCsvFormatTest {

    private static final String HEADER = "kind,order_id,order_line_id,instance_id,product_id,product_type,amount,currency,"
            + "payment_state,supervision_state,effective_at,supervision_completed_at\n";

    private static BillCsvFormat.Parsed parse(String csv) {
        return BillCsvFormat.parse(new StringReader(csv));
    }

    @Test
    void readsEveryColumnInBothTimeFormats() {
        BillCsvFormat.Parsed parsed = parse("\uFEFF" + HEADER
                + "NEW,CS1,CS1-000001,inst-1,OFFI1,SaaS,400.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "refund,CS2,CS2-000001,,,saas,-250,,paid,not_required,2026-03-18T02:00:00Z,\n"
                + "NEW,CS3,CS3-000001,,,\"manual service\",2000.00,CNY,PAID,COMPLETED,2026-01-20T10:00:00+08:00,"
                + "2026-03-05 11:00\n");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).extracting(BillCsvFormat.Row::line).containsExactly(2L, 3L, 4L);
        NewBill first = parsed.rows().get(0).bill();
        assertThat(first.kind()).isEqualTo(BillKind.NEW);
        assertThat(first.productType()).isEqualTo("SAAS");
        assertThat(first.amount()).isEqualTo(new BigDecimal("400.00"));
        assertThat(first.effectiveAt()).isEqualTo(Instant.parse("2026-01-12T02:00:00Z")); // Beijing local time
        assertThat(first.instanceId()).isEqualTo("inst-1");
        NewBill refund = parsed.rows().get(1).bill();
        assertThat(refund.kind()).isEqualTo(BillKind.REFUND);
        assertThat(refund.amount()).isEqualTo(new BigDecimal("-250.00"));
        assertThat(refund.payment()).isEqualTo(PaymentState.PAID);
        assertThat(refund.instanceId()).isNull();
        NewBill manual = parsed.rows().get(2).bill();
        assertThat(manual.productType()).isEqualTo("MANUAL_SERVICE");
        assertThat(manual.supervision()).isEqualTo(SupervisionState.COMPLETED);
        assertThat(manual.effectiveAt()).isEqualTo(Instant.parse("2026-01-20T02:00:00Z"));
        assertThat(manual.supervisionCompletedAt()).isEqualTo(Instant.parse("2026-03-05T03:00:00Z"));
    }

    @Test
    void reportsEveryBadRowWithItsLineAndKeepsNoRowsAsGoodWhenTheyAreNot() {
        BillCsvFormat.Parsed parsed = parse(HEADER
                + "NEW,CS1,CS1-000001,,,SaaS,400.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CS2,CS2-000001,,,SaaS,12.345,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "\n"
                + "REFUND,CS3,CS3-000001,,,SaaS,250.00,USD,PAID,NOT_REQUIRED,yesterday,\n"
                + "GIFT,CS4,CS4-000001,,,SaaS,1.00,,DONE,COMPLETED,2026-01-12 10:00:00,\n"
                + "NEW,CS1,CS1-000001,,,SaaS,400.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CS5,CS5-000001,,,SaaS,1.00,CNY,PAID\n");
        assertThat(parsed.errors()).extracting(BillRowError::toString).containsExactly(
                "line 3: amount: amount 12.345 has more than 2 decimals",
                "line 5: amount -250.00 does not suit kind REFUND (REFUND is negative or 0, the others positive or 0)"
                        .replace("-250.00", "250.00"),
                "line 5: currency USD: only CNY is settled",
                "line 5: effective_at 'yesterday' is neither ISO-8601 with an offset (2026-02-10T00:00:00Z) nor a"
                        + " Beijing local time (2026-02-10 08:00:00)",
                "line 6: kind 'GIFT' is not one of NEW, RENEWAL, UPGRADE, REFUND, USAGE",
                "line 6: payment_state 'DONE' is not one of UNPAID, PAID, POSTPAID_AWAITING_REPAYMENT, REPAID",
                "line 6: supervision_completed_at is required when supervision_state is COMPLETED",
                "line 7: the same bill (CS1/CS1-000001/NEW) as line 2",
                "line 8: expected 12 fields, found 9");
        assertThat(parsed.rows()).hasSize(1);
    }

    @Test
    void aQuotedMultiLineFieldIsOneRecordAndLinesStayRight() {
        BillCsvFormat.Parsed parsed = parse(HEADER
                + "NEW,CS1,\"CS1-\n000001\",,,SaaS,1.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n"
                + "NEW,CS2,CS2-000001,,,SaaS,-1.00,CNY,PAID,NOT_REQUIRED,2026-01-12 10:00:00,\n");
        assertThat(parsed.errors()).extracting(BillRowError::line).containsExactly(2L, 4L);
        assertThat(parsed.errors().get(0).message()).contains("order_line_id contains control characters");
    }

    @Test
    void theHeaderMustNameTheKnownColumns() {
        BillCsvFormat.Parsed parsed = parse("kind,order_id,order_line_id,amout,product_type,payment_state,"
                + "supervision_state,effective_at\nNEW,CS1,L1,1.00,SaaS,PAID,NOT_REQUIRED,2026-01-12 10:00:00\n");
        assertThat(parsed.errors()).extracting(BillRowError::toString).anyMatch(e -> e.startsWith(
                "line 1: unknown column 'amout'")).contains("line 1: missing column 'amount'");
        assertThat(parse("").errors()).isNotEmpty();
        assertThat(parse(HEADER).errors()).extracting(BillRowError::message).containsExactly("the file has no bills");
    }

    private static java.util.Map<String, String> bill(String orderId, String... more) {
        java.util.Map<String, String> b = new java.util.LinkedHashMap<>();
        b.put("kind", "NEW");
        b.put("order_id", orderId);
        b.put("order_line_id", "1");
        b.put("amount", "10.00");
        b.put("product_type", "SaaS");
        b.put("payment_state", "PAID");
        b.put("supervision_state", "NOT_REQUIRED");
        b.put("effective_at", "2026-01-12T02:00:00Z");
        for (int i = 0; i < more.length; i += 2) {
            b.put(more[i], more[i + 1]);
        }
        return b;
    }

    @Test
    void billsGivenAsFieldsAreCheckedLikeRowsAndNumberedByPosition() {
        BillCsvFormat.Parsed good = BillCsvFormat.parse(java.util.List.of(bill("J1"),
                bill("J2", "Amount", "100.5", "instance_id", "inst-2")));
        assertThat(good.errors()).isEmpty();
        assertThat(good.rows()).extracting(BillCsvFormat.Row::line).containsExactly(1L, 2L);
        assertThat(good.rows().get(0).bill().productType()).isEqualTo("SAAS");
        assertThat(good.rows().get(1).bill().amount()).isEqualTo(new BigDecimal("100.50"));
        assertThat(good.rows().get(1).bill().instanceId()).isEqualTo("inst-2");

        java.util.Map<String, String> incomplete = bill("J4", "colour", "red");
        incomplete.remove("payment_state");
        BillCsvFormat.Parsed bad = BillCsvFormat.parse(java.util.List.of(bill("J1"), bill("J2", "amount", "1.234"),
                bill("J1"), incomplete));
        assertThat(bad.rows()).extracting(BillCsvFormat.Row::line).containsExactly(1L);
        assertThat(bad.errors()).extracting(BillRowError::line).containsExactly(2L, 3L, 4L, 4L);
        assertThat(bad.errors().get(0).message()).startsWith("amount:");
        assertThat(bad.errors().get(1).message()).isEqualTo("the same bill (J1/1/NEW) as bill 1");
        assertThat(bad.errors().get(2).message()).startsWith("unknown field 'colour'");
        assertThat(bad.errors().get(3).message()).isEqualTo("missing field 'payment_state'");

        assertThat(BillCsvFormat.parse(java.util.List.of()).errors()).extracting(BillRowError::toString)
                .containsExactly("line 1: no bills");
    }
}
