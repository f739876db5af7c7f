package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistEntry;
import dev.stallkeeper.billing.domain.WorklistLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A period's statements, their bills and its worklist as CSV (RFC 4180, header line, amounts in CNY with two
 * decimals, times as ISO-8601 UTC instants), for the console's and the admin API's exports.
 */
public final class SettlementCsv {

    public static final List<String> STATEMENT_COLUMNS = List.of("period", "product_type", "settled", "carried_in",
            "period_amount", "accumulated", "bill_count", "threshold", "fee_percent", "gross", "fee", "net", "carry_out",
            "gap");
    public static final List<String> LINE_COLUMNS = List.of("period", "product_type", "statement_id", "bill_id", "kind",
            "order_id", "order_line_id", "amount");
    public static final List<String> WORKLIST_COLUMNS = List.of("period", "reason", "product_type", "bill_id", "amount",
            "since", "gap");

    private SettlementCsv() {
    }

    public static void statements(List<SettlementStatement> statements, Appendable out) {
        print(out, STATEMENT_COLUMNS, p -> {
            for (SettlementStatement s : statements) {
                StatementDecision d = s.decision();
                p.printRecord(s.period().id(), d.productType(), d.settles(), d.carriedIn(), d.periodAmount(),
                        d.accumulated(), d.billCount(), d.threshold(), d.feePercent().toPlainString(), d.gross(), d.fee(),
                        d.net(), d.carryOut(), d.gap());
            }
        });
    }

    public static void statementLines(int period, List<StatementLine> lines, Appendable out) {
        print(out, LINE_COLUMNS, p -> {
            for (StatementLine l : lines) {
                p.printRecord(period, l.productType(), l.statementId(), l.billId(), l.kind(), l.orderId(),
                        l.orderLineId(), l.amount());
            }
        });
    }

    public static void worklist(List<WorklistLine> lines, Appendable out) {
        print(out, WORKLIST_COLUMNS, p -> {
            for (WorklistLine l : lines) {
                WorklistEntry e = l.entry();
                p.printRecord(l.period().id(), e.reason(), e.productType(), e.billId(), e.amount(), e.since(), e.gap());
            }
        });
    }

    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static void print(Appendable out, List<String> header, Rows rows) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(header.toArray(String[]::new)).get());
            rows.print(printer);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
