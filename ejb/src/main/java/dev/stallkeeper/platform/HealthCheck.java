package dev.stallkeeper.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Ready: the database answers, this node's migrations are applied and it is not draining for a shutdown. */
    public record Readiness(boolean ready, Status database, boolean migrated, boolean draining) {
    }

    public Readiness readiness() {
        Status db = check();
        boolean migrated = migrator.migrated();
        boolean draining = draining();
        return new Readiness(db.up() && migrated && !draining, db, migrated, draining);
    }

    /**
     * Whether the node is draining: its launcher ({@code bin/stallkeeper}, on SIGTERM) or a Kubernetes preStop hook
     * created the file named by {@code stallkeeper.drain.file}. The node still serves everything; only readiness
     * turns 503, so balancers stop sending before the server suspends and stops.
     */
    static boolean draining() {
        String file = System.getProperty("stallkeeper.drain.file");
        return file != null && !file.isBlank() && Files.exists(Path.of(file));
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
