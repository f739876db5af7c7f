package dev.stallkeeper.billing.infrastructure;

import dev.stallkeeper.billing.domain.NewBill;
import dev.stallkeeper.billing.domain.Bill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.BillRowError;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.Cny;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.catalog.domain.ProductType;
import dev.stallkeeper.billing.domain.SupervisionState;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a bill file: KooGallery's bill export (卖家中心 → 结算管理 → 账单管理), saved as CSV with these columns.
 * KooGallery does not document its export's columns (koogallery-protocol.md §8.3), so this is Stallkeeper's own
 * layout; map the export's columns to it once (a spreadsheet does it). docs/settlement.md has the same table.
 *
 * <p>UTF-8 (a byte-order mark is ignored), comma-separated, RFC 4180 quoting, one header line naming the
 * columns (any order, case-insensitive; unknown columns are an error so that a typo never drops data):
 * <table>
 * <caption>columns</caption>
 * <tr><th>column</th><th>required</th><th>value</th></tr>
 * <tr><td>kind</td><td>yes</td><td>NEW, RENEWAL, UPGRADE, REFUND or USAGE</td></tr>
 * <tr><td>order_id</td><td>yes</td><td>KooGallery order id</td></tr>
 * <tr><td>order_line_id</td><td>yes</td><td>order line id; for USAGE the consumption record's id</td></tr>
 * <tr><td>amount</td><td>yes</td><td>CNY, at most 2 decimals, a point as decimal separator; REFUND negative
 *     (or 0), other kinds positive (or 0)</td></tr>
 * <tr><td>currency</td><td>no</td><td>CNY (the only one accepted); empty means CNY</td></tr>
 * <tr><td>product_type</td><td>yes</td><td>SaaS, License, manual service, ... (normalised to SAAS, LICENSE,
 *     MANUAL_SERVICE)</td></tr>
 * <tr><td>product_id</td><td>no</td><td>KooGallery productId</td></tr>
 * <tr><td>instance_id</td><td>no</td><td>the instance the order line belongs to</td></tr>
 * <tr><td>payment_state</td><td>yes</td><td>UNPAID, PAID, POSTPAID_AWAITING_REPAYMENT or REPAID</td></tr>
 * <tr><td>supervision_state</td><td>yes</td><td>NOT_REQUIRED, IN_PROGRESS or COMPLETED</td></tr>
 * <tr><td>effective_at</td><td>yes</td><td>when the bill took effect: ISO-8601 with offset
 *     ({@code 2026-02-10T00:00:00Z}, {@code 2026-02-10T08:00:00+08:00}) or a Beijing local time
 *     ({@code 2026-02-10 08:00:00})</td></tr>
 * <tr><td>supervision_completed_at</td><td>when COMPLETED</td><td>same formats; empty otherwise</td></tr>
 * </table>
 * A row is one bill, identified by (order_id, order_line_id, kind): the same key twice in a file is an error.
 * Every row is checked and every problem reported with its line number; {@link Parsed#errors()} empty means
 * the whole file is good.
 */
public final class BillCsvFormat {

    public static final List<String> REQUIRED = List.of("kind", "order_id", "order_line_id", "amount", "product_type",
            "payment_state", "supervision_state", "effective_at");
    public static final List<String> OPTIONAL = List.of("currency", "product_id", "instance_id",
            "supervision_completed_at");

    private static final int MAX_ERRORS = 1000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");


    public record Row(long line, NewBill bill) {
    }

    public record Parsed(List<Row> rows, List<BillRowError> errors) {
    }

    private BillCsvFormat() {
    }

    public static Parsed parse(Reader input) {
        List<Row> rows = new ArrayList<>();
        List<BillRowError> errors = new ArrayList<>();
        String text;
        try {
            text = read(input);
        } catch (IOException | IllegalArgumentException e) {
            return new Parsed(List.of(), List.of(new BillRowError(1, "unreadable file: " + rootMessage(e))));
        }
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setIgnoreSurroundingSpaces(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(format).get()) {
            Map<String, String> columns = columns(parser.getHeaderNames(), errors);
            if (!errors.isEmpty()) {
                return new Parsed(List.of(), errors);
            }
            Map<String, Long> seen = new HashMap<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (errors.size() < MAX_ERRORS) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    errors.add(new BillRowError(lineOf(lineStarts, (int) parser.getCurrentLineNumber()),
                            "unreadable CSV: " + rootMessage(e)));
                    break;
                }
                long start = record.getCharacterPosition();
                while (start < text.length() && (text.charAt((int) start) == '\n' || text.charAt((int) start) == '\r')) {
                    start++; // the parser's position is before the empty lines it skipped
                }
                long line = lineAt(lineStarts, start);
                List<String> problems = new ArrayList<>();
                collect(line, row(record, columns, problems), problems, seen, "line", rows, errors);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new BillRowError(1, "unreadable CSV: " + rootMessage(e)));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new BillRowError(1, "the file has no bills"));
        }
        return new Parsed(rows, errors);
    }

    /** The largest file accepted (KooGallery's monthly export of a busy seller is a few MB). */
    static final int MAX_CHARS = 64 * 1024 * 1024;

    private static String read(Reader input) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = input.read(buffer)) != -1; ) {
            out.append(buffer, 0, n);
            if (out.length() > MAX_CHARS) {
                throw new IllegalArgumentException("larger than " + MAX_CHARS + " characters");
            }
        }
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            out.deleteCharAt(0); // byte-order mark (spreadsheet exports)
        }
        return out.toString();
    }

    /** Character offsets at which lines start. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line holding the character at {@code position}. */
    private static long lineAt(int[] lineStarts, long position) {
        int i = java.util.Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1L;
    }

    private static long lineOf(int[] lineStarts, int linesRead) {
        return Math.min(lineStarts.length, linesRead + 1L);
    }

    /** Lower-cased header name -> the header as written; reports missing, unknown and repeated columns. */
    private static Map<String, String> columns(List<String> header, List<BillRowError> errors) {
        Map<String, String> byName = new HashMap<>();
        Set<String> known = new LinkedHashSet<>(REQUIRED);
        known.addAll(OPTIONAL);
        for (String name : header) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(key)) {
                errors.add(new BillRowError(1, "unknown column '" + name + "' (known: " + String.join(", ", known) + ")"));
            } else if (byName.put(key, name) != null) {
                errors.add(new BillRowError(1, "column '" + name + "' appears twice"));
            }
        }
        for (String required : REQUIRED) {
            if (!byName.containsKey(required)) {
                errors.add(new BillRowError(1, "missing column '" + required + "'"));
            }
        }
        return byName;
    }

    private static NewBill row(CSVRecord record, Map<String, String> columns, List<String> problems) {
        if (!record.isConsistent()) {
            problems.add("expected " + columns.size() + " fields, found " + record.size());
            return null;
        }
        Map<String, String> v = new HashMap<>();
        columns.forEach((key, header) -> v.put(key, record.get(header)));
        return bill(v, problems);
    }

    /**
     * Bills given as objects whose keys are this format's columns (the admin API's JSON), checked exactly as the
     * rows of a file. A {@link BillRowError}'s and a {@link Row}'s {@code line} is the bill's position, 1 = the first.
     */
    public static Parsed parse(List<Map<String, String>> bills) {
        List<Row> rows = new ArrayList<>();
        List<BillRowError> errors = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (int i = 0; i < bills.size() && errors.size() < MAX_ERRORS; i++) {
            long position = i + 1L;
            List<String> problems = new ArrayList<>();
            Map<String, String> v = new HashMap<>();
            bills.get(i).forEach((key, value) -> {
                String column = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
                if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
                    problems.add("unknown field '" + key + "' (fields: " + REQUIRED + " and optionally " + OPTIONAL + ")");
                } else {
                    v.put(column, value == null ? "" : value.trim());
                }
            });
            REQUIRED.stream().filter(c -> !v.containsKey(c)).forEach(c -> problems.add("missing field '" + c + "'"));
            collect(position, problems.isEmpty() ? bill(v, problems) : null, problems, seen, "bill", rows, errors);
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new BillRowError(1, "no bills"));
        }
        return new Parsed(rows, errors);
    }

    /** Adds a checked bill to the rows, or its problems (a key seen before is one) to the errors. */
    private static void collect(long line, NewBill bill, List<String> problems, Map<String, Long> seen, String unit,
                                List<Row> rows, List<BillRowError> errors) {
        if (bill != null && problems.isEmpty()) {
            String key = Bill.orderKey(bill.orderId(), bill.orderLineId(), bill.kind());
            Long first = seen.putIfAbsent(key, line);
            if (first != null) {
                problems.add("the same bill (" + key + ") as " + unit + " " + first);
            }
        }
        if (problems.isEmpty()) {
            rows.add(new Row(line, bill));
        } else {
            problems.forEach(p -> errors.add(new BillRowError(line, p)));
        }
    }

    private static NewBill bill(Map<String, String> v, List<String> problems) {
        BillKind kind = enumValue(BillKind.class, "kind", v.get("kind"), problems);
        String orderId = text("order_id", v.get("order_id"), 64, true, problems);
        String orderLineId = text("order_line_id", v.get("order_line_id"), 64, true, problems);
        String instanceId = text("instance_id", v.get("instance_id"), 64, false, problems);
        String productId = text("product_id", v.get("product_id"), 64, false, problems);
        String productType = null;
        try {
            productType = ProductType.normalize(v.get("product_type"));
        } catch (IllegalArgumentException e) {
            problems.add("product_type: " + e.getMessage());
        }
        BigDecimal amount = null;
        try {
            amount = Cny.parseExact(required("amount", v.get("amount")));
            if (kind != null && !kind.allows(amount)) {
                problems.add("amount " + amount + " does not suit kind " + kind
                        + " (REFUND is negative or 0, the others positive or 0)");
            }
        } catch (IllegalArgumentException e) {
            problems.add("amount: " + e.getMessage());
        }
        String currency = v.getOrDefault("currency", "");
        if (currency != null && !currency.isEmpty() && !"CNY".equalsIgnoreCase(currency)) {
            problems.add("currency " + currency + ": only CNY is settled");
        }
        PaymentState payment = enumValue(PaymentState.class, "payment_state", v.get("payment_state"), problems);
        SupervisionState supervision = enumValue(SupervisionState.class, "supervision_state", v.get("supervision_state"),
                problems);
        Instant effectiveAt = time("effective_at", v.get("effective_at"), true, problems);
        Instant completedAt = time("supervision_completed_at", v.get("supervision_completed_at"), false, problems);
        if (supervision == SupervisionState.COMPLETED && completedAt == null
                && problems.stream().noneMatch(p -> p.startsWith("supervision_completed_at"))) {
            problems.add("supervision_completed_at is required when supervision_state is COMPLETED");
        }
        if (supervision != null && supervision != SupervisionState.COMPLETED && completedAt != null) {
            problems.add("supervision_completed_at is given but supervision_state is " + supervision);
        }
        return problems.isEmpty() ? new NewBill(kind, orderId, orderLineId, instanceId, productId, productType, amount,
                payment, supervision, effectiveAt, completedAt) : null;
    }

    private static String required(String column, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("is required");
        }
        return value;
    }

    private static String text(String column, String value, int max, boolean required, List<String> problems) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(column + " is longer than " + max + " characters");
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(column + " contains control characters");
            return null;
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String column, String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(column + " is required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            problems.add(column + " '" + value + "' is not one of " + String.join(", ", names));
            return null;
        }
    }

    /** ISO-8601 with an offset, or a local date-time in Beijing time. */
    static Instant time(String column, String value, boolean required, List<String> problems) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value, LOCAL).atZone(BillingPeriod.ZONE).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(column + " '" + value + "' is neither ISO-8601 with an offset (2026-02-10T00:00:00Z)"
                        + " nor a Beijing local time (2026-02-10 08:00:00)");
                return null;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
