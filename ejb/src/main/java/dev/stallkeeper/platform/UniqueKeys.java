package dev.stallkeeper.platform;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises the database's unique-key violations, so that the loser of a race (two requests inserting the same
 * key at once: the check before the insert passed for both) gets the same refusal as a plain duplicate.
 */
public final class UniqueKeys {

    /** SQLSTATE of a unique violation (PostgreSQL and H2). */
    static final String UNIQUE_VIOLATION = "23505";

    private UniqueKeys() {
    }

    /** Whether {@code e} (or one of its causes) is a violation of the unique constraint {@code constraint}. */
    public static boolean violated(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains(constraint.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }
}
