package dev.stallkeeper.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether the database answers, and which product it is (PostgreSQL or the embedded H2); and whether this node
 * is ready for traffic (the database answers and the schema is migrated). A suspended server (a graceful
 * shutdown under way) answers every request, these included, with 503 before the application sees it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthCheck {

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    @EJB
    SchemaMigrator migrator;

    public record Status(boolean up, String database) {
    }

    /** Ready: the database answers and this node's migrations are applied. */
    public record Readiness(boolean ready, Status database, boolean migrated) {
    }

    public Readiness readiness() {
        Status db = check();
        boolean migrated = migrator.migrated();
        return new Readiness(db.up() && migrated, db, migrated);
    }

    public Status check() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return new Status(valid, c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return new Status(false, "unreachable");
        }
    }
}
