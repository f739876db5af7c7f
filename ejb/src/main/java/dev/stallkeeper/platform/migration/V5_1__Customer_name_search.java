package dev.stallkeeper.platform.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;

/**
 * Schema version 5.1: an index for the console's "customer name contains" filter. On PostgreSQL it is a trigram
 * index (extension {@code pg_trgm}, shipped with PostgreSQL and trusted, so the database owner may create it) on
 * {@code lower(customer_name)}, which serves {@code LIKE '%...%'} with a million instances. Elsewhere (the H2 quick
 * start) there is nothing to do: the filter works without an index on a small database. Where the extension cannot
 * be created, the migration says so and goes on: the filter still works, only more slowly.
 * (A Java migration because the two databases need different statements; SQL migrations are shared.)
 */
public class V5_1__Customer_name_search extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V5_1__Customer_name_search.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = c.createStatement()) {
            if (!trigramsInstalled(s)) {
                Savepoint before = c.setSavepoint();
                try {
                    s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    c.rollback(before);
                    LOG.warnf("No index for searching customer names: the PostgreSQL extension pg_trgm could not be"
                            + " created (%s). Searching works, more slowly; a database superuser can run"
                            + " CREATE EXTENSION pg_trgm and CREATE INDEX ix_instance_customer_name_trgm ON instance"
                            + " USING gin (lower(customer_name) gin_trgm_ops).", e.getMessage());
                    return;
                }
            }
            s.execute("CREATE INDEX ix_instance_customer_name_trgm ON instance USING gin (lower(customer_name) gin_trgm_ops)");
        }
    }

    private static boolean trigramsInstalled(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")) {
            return r.next();
        }
    }
}
