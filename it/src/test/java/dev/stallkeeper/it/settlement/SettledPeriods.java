package dev.stallkeeper.it.settlement;

import dev.stallkeeper.it.support.Db;
import java.util.List;

/**
 * Undoes what a test's settlement of a late period did, so that tests sharing the database (SettlementJobIT
 * settles January to April 2026, and periods settle in order) are not refused after it: the period's bills are
 * unsettled and its run, statements and worklist removed, then the test's own bills deleted.
 */
public final class SettledPeriods {

    private SettledPeriods() {
    }

    public static void forget(int period, String orderIdPrefix) {
        Db.update("DELETE FROM bill_settlement WHERE period = ?", period);
        for (String table : List.of("settlement_worklist", "settlement_staging", "settlement_partition",
                "settlement_statement", "settlement_run")) {
            Db.update("DELETE FROM " + table + " WHERE period = ?", period);
        }
        Db.update("DELETE FROM bill WHERE order_id LIKE ?", orderIdPrefix + "%");
    }
}
