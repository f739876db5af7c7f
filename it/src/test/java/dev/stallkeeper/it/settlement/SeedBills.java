package dev.stallkeeper.it.settlement;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Bills written straight into the ledger table, as recorded an hour ago (before any run starts). */
public final class SeedBills {

    private SeedBills() {
    }

    /** A bill; {@code settleableAt} null while supervision is open. Returns its id. */
    public static long insert(String type, String kind, String amount, String payment, String supervision,
                              String effectiveAt, String settleableAt) {
        long id = Db.count("SELECT nextval('bill_seq')");
        String key = "IT-" + id;
        OffsetDateTime anHourAgo = TestClock.now().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC);
        Db.update("INSERT INTO bill (id, source, source_key, recorded_by, order_id, order_line_id, product_type, kind,"
                        + " amount, payment_state, supervision_state, effective_at, settleable_at, created_at, updated_at,"
                        + " version) VALUES (?, 'ORDER', ?, 'IT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                id, key + "/" + key + "-1/" + kind, key, key + "-1", type, kind, new BigDecimal(amount), payment,
                supervision, OffsetDateTime.parse(effectiveAt),
                settleableAt == null ? null : OffsetDateTime.parse(settleableAt), anHourAgo, anHourAgo);
        return id;
    }

    /** Paid, no supervision: settleable when effective. */
    public static long paid(String type, String kind, String amount, String effectiveAt) {
        return insert(type, kind, amount, "PAID", "NOT_REQUIRED", effectiveAt, effectiveAt);
    }
}
