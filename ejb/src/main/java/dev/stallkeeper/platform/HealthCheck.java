package dev.stallkeeper.platform;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the database answers, and which product it is (PostgreSQL or the embedded H2). */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthCheck {

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    public record Status(boolean up, String database) {
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
