package dev.stallkeeper.invoicing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.platform.Attachment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InvoiceTest {

    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final Attachment PDF = new Attachment("inv.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));

    static final Map<InvoiceStatus, Map<InvoiceAction, InvoiceStatus>> LEGAL = new EnumMap<>(InvoiceStatus.class);

    static {
        legal(InvoiceStatus.PENDING, InvoiceAction.ISSUE, InvoiceStatus.ISSUED);
        legal(InvoiceStatus.PENDING, InvoiceAction.REJECT, InvoiceStatus.REJECTED);
        legal(InvoiceStatus.ISSUED, InvoiceAction.MAIL, InvoiceStatus.MAILED);
        legal(InvoiceStatus.ISSUED, InvoiceAction.EMAIL, InvoiceStatus.EMAILED);
        legal(InvoiceStatus.ISSUED, InvoiceAction.RETURN, InvoiceStatus.RETURNED);
        legal(InvoiceStatus.MAILED, InvoiceAction.RETURN, InvoiceStatus.RETURNED);
        legal(InvoiceStatus.EMAILED, InvoiceAction.RETURN, InvoiceStatus.RETURNED);
    }

    private static void legal(InvoiceStatus from, InvoiceAction a, InvoiceStatus to) {
        LEGAL.computeIfAbsent(from, s -> new EnumMap<>(InvoiceAction.class)).put(a, to);
    }

    static Stream<Arguments> everyPair() {
        return Stream.of(InvoiceStatus.values()).flatMap(s -> Stream.of(InvoiceAction.values()).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyPair")
    void legalPairsMoveAndEveryOtherPairIsRefused(InvoiceStatus from, InvoiceAction action) {
        InvoiceStatus expected = LEGAL.getOrDefault(from, Map.of()).get(action);
        if (expected != null) {
            assertThat(InvoiceRules.next(from, action)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> InvoiceRules.next(from, action)).isInstanceOf(InvoiceException.class)
                    .hasMessageContaining(action + " is not allowed while the invoice is " + from)
                    .satisfies(e -> assertThat(((InvoiceException) e).key()).isEqualTo("invoice.illegalTransition"));
        }
    }

    static Invoice.Request paper(String amount) {
        return new Invoice.Request(InvoiceDirection.TO_CUSTOMER, "ORD-1", null, "Example Co., Ltd.", "91310000MA1FL0XX1X",
                InvoiceType.SPECIAL_VAT, InvoiceMedium.PAPER, "1 Example Road, Shanghai", null, new BigDecimal(amount));
    }

    static Invoice.Request electronic(String amount) {
        return new Invoice.Request(InvoiceDirection.TO_CUSTOMER, "ORD-2", null, "Zhang San", null,
                InvoiceType.ORDINARY, InvoiceMedium.ELECTRONIC, null, "buyer@example.com", new BigDecimal(amount));
    }

    @Test
    void paperInvoiceIsIssuedAndMailedAndMayBeReturned() {
        Invoice i = new Invoice(paper("99.99"), T0, InvoiceRules.DEADLINE, T0);
        assertThat(i.dueAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(i.postage()).isEqualTo(InvoiceRules.Postage.BUYER_PAYS);
        i.issue("No.0001", LocalDate.of(2026, 11, 2), PDF, T0.plusSeconds(10));
        assertThatThrownBy(i::checkEmail).satisfies(e -> assertThat(((InvoiceException) e).key()).isEqualTo("invoice.notElectronic"));
        i.mail("SF Express", "SF123", T0.plusSeconds(20));
        assertThat(i.status()).isEqualTo(InvoiceStatus.MAILED);
        assertThat(i.overdue(T0.plus(Duration.ofDays(30)))).as("delivered invoices are never overdue").isFalse();
        i.returned("buyer unsubscribes", T0.plusSeconds(30));
        assertThat(i.status()).isEqualTo(InvoiceStatus.RETURNED);
    }

    @Test
    void postageFromOneHundredIsTheSellers() {
        assertThat(new Invoice(paper("100.00"), T0, InvoiceRules.DEADLINE, T0).postage()).isEqualTo(InvoiceRules.Postage.SELLER_PAYS);
        assertThat(new Invoice(electronic("10.00"), T0, InvoiceRules.DEADLINE, T0).postage()).isEqualTo(InvoiceRules.Postage.NONE);
    }

    @Test
    void electronicInvoiceIsEmailedNotMailed() {
        Invoice i = new Invoice(electronic("12.30"), T0, InvoiceRules.DEADLINE, T0);
        i.issue("No.0002", LocalDate.of(2026, 11, 2), PDF, T0);
        assertThatThrownBy(() -> i.mail("SF", "1", T0)).satisfies(e -> assertThat(((InvoiceException) e).key()).isEqualTo("invoice.notPaper"));
        i.emailed(T0.plusSeconds(5));
        assertThat(i.status()).isEqualTo(InvoiceStatus.EMAILED);
        assertThat(i.deliveredAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void overdueWhenOutstandingAfterSevenDays() {
        Invoice i = new Invoice(electronic("12.30"), T0, InvoiceRules.DEADLINE, T0);
        assertThat(i.overdue(T0.plus(Duration.ofDays(7)))).isFalse();
        assertThat(i.overdue(T0.plus(Duration.ofDays(7)).plusSeconds(1))).isTrue();
        i.reject("title does not match the account", T0);
        assertThat(i.overdue(T0.plus(Duration.ofDays(8)))).isFalse();
        assertThat(i.rejectReason()).isEqualTo("title does not match the account");
    }

    @Test
    void requestsAreValidated() {
        assertThatThrownBy(() -> new Invoice(paper("0.00"), T0, InvoiceRules.DEADLINE, T0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new Invoice(paper("1.001"), T0, InvoiceRules.DEADLINE, T0)).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> new Invoice(new Invoice.Request(InvoiceDirection.TO_CUSTOMER, "O", null, "T", null,
                InvoiceType.SPECIAL_VAT, InvoiceMedium.PAPER, "addr", null, BigDecimal.TEN), T0, InvoiceRules.DEADLINE, T0))
                .hasMessageContaining("special VAT invoice needs the buyer's tax id");
        assertThatThrownBy(() -> new Invoice(new Invoice.Request(InvoiceDirection.TO_CUSTOMER, "O", null, "T", null,
                InvoiceType.ORDINARY, InvoiceMedium.ELECTRONIC, null, "not-an-address", BigDecimal.TEN), T0, InvoiceRules.DEADLINE, T0))
                .hasMessageContaining("is not an e-mail address");
        assertThatThrownBy(() -> new Invoice(new Invoice.Request(InvoiceDirection.TO_CUSTOMER, "O", null, "T", null,
                InvoiceType.ORDINARY, InvoiceMedium.PAPER, null, null, BigDecimal.TEN), T0, InvoiceRules.DEADLINE, T0))
                .hasMessageContaining("mailingAddress is required");
        assertThatThrownBy(() -> new Invoice(new Invoice.Request(InvoiceDirection.TO_HUAWEI, null, "ST-202610", "Huawei", "91440300708461136T",
                InvoiceType.ORDINARY, InvoiceMedium.ELECTRONIC, null, "invoices@example.com", BigDecimal.TEN), T0, InvoiceRules.DEADLINE, T0))
                .hasMessageContaining("special VAT");
        Invoice huawei = new Invoice(new Invoice.Request(InvoiceDirection.TO_HUAWEI, null, "ST-202610", "Huawei", "91440300708461136T",
                InvoiceType.SPECIAL_VAT, InvoiceMedium.FULLY_DIGITAL, null, "invoices@example.com", new BigDecimal("950.00")),
                T0, InvoiceRules.DEADLINE, T0);
        assertThat(huawei.statementRef()).isEqualTo("ST-202610");
    }

    @Test
    void issuingNeedsNumberAndPdf() {
        Invoice i = new Invoice(electronic("12.30"), T0, InvoiceRules.DEADLINE, T0);
        assertThatThrownBy(() -> i.issue(" ", LocalDate.of(2026, 11, 2), PDF, T0)).hasMessageContaining("invoiceNumber is required");
        assertThatThrownBy(() -> i.issue("N1", LocalDate.of(2026, 11, 2), null, T0)).hasMessageContaining("PDF");
        assertThat(i.status()).isEqualTo(InvoiceStatus.PENDING);
    }
}
