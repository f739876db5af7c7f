package dev.stallkeeper.platform.migration;

import dev.stallkeeper.platform.SecretFields;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 23: the answers kept before secrets were masked and sealed. The audit's copies of newInstance and
 * queryInstance answers ({@code callback_log.response_body}) get their secret values masked ({@link SecretFields}),
 * as new ones are; the answers kept for replays ({@code callback_nonce.response}) that carry a password are dropped
 * (set to null): a replay of one inside the timestamp window is then processed again, idempotently, and gets the
 * same instance; nonce rows live minutes, so nothing else depends on them. Keyset-paged, so a year of audit does not
 * sit in memory. (Java, because masking is a JSON-aware pattern that both databases must apply the same way.)
 */
public class V23__Mask_stored_passwords extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V23__Mask_stored_passwords.class);
    private static final int PAGE = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        int masked = 0;
        long after = Long.MIN_VALUE;
        try (PreparedStatement select = c.prepareStatement("SELECT id, response_body FROM callback_log"
                + " WHERE id > ? AND activity IN ('newInstance', 'queryInstance') AND response_body IS NOT NULL"
                + " ORDER BY id LIMIT " + PAGE);
             PreparedStatement update = c.prepareStatement("UPDATE callback_log SET response_body = ? WHERE id = ?")) {
            while (true) {
                select.setLong(1, after);
                int rows = 0;
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows++;
                        after = r.getLong(1);
                        byte[] stored = r.getBytes(2);
                        byte[] safe = SecretFields.mask(stored);
                        if (safe != stored) {
                            update.setBytes(1, safe);
                            update.setLong(2, after);
                            update.addBatch();
                            masked++;
                        }
                    }
                }
                update.executeBatch();
                if (rows < PAGE) {
                    break;
                }
            }
        }
        int dropped = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT nonce, response FROM callback_nonce WHERE response IS NOT NULL");
             PreparedStatement clear = c.prepareStatement("UPDATE callback_nonce SET response = NULL WHERE nonce = ?")) {
            select.setFetchSize(PAGE); // streamed (Flyway's transaction): nonces pile up between housekeeping runs
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    byte[] stored = r.getBytes(2);
                    if (SecretFields.mask(stored) != stored) {
                        clear.setString(1, r.getString(1));
                        clear.addBatch();
                        if (++dropped % PAGE == 0) {
                            clear.executeBatch();
                        }
                    }
                }
            }
            clear.executeBatch();
        }
        if (masked + dropped > 0) {
            LOG.infof("Masked the secrets of %d audited answers; dropped %d kept-for-replay answers carrying a password",
                    masked, dropped);
        }
    }
}
