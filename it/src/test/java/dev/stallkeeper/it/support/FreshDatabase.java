package dev.stallkeeper.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test run an empty PostgreSQL database before the server starts (the server migrates it).
 * Runs once per JVM, before any test class, so the Arquillian-managed server never sees old data.
 */
public class FreshDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String adminUrl = System.getProperty("it.db.admin.url");
        String name = System.getProperty("it.db.name");
        if (adminUrl == null || name == null) {
            return; // not the failsafe run (e.g. an IDE running a single unit test)
        }
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("unexpected database name " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, System.getProperty("it.db.user"),
                System.getProperty("it.db.password", ""));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the integration tests (" + adminUrl
                    + "): " + e.getMessage(), e);
        }
    }
}
