package dev.stallkeeper.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date when the application starts, before anything else touches the database.
 * Flyway serialises concurrent migrations with a database lock, so two nodes starting together are safe.
 * Beans that use the database at start-up declare {@code @DependsOn("SchemaMigrator")}.
 */
@Singleton
@Startup
@DependsOn("ProductionGuard")
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    private volatile boolean migrated;

    /** Whether this node has brought the schema up to its own migrations (readiness needs it). */
    public boolean migrated() {
        return migrated;
    }

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(new MigrationResources(SchemaMigrator.class.getClassLoader()))
                .javaMigrationClassProvider(() -> MigrationResources.JAVA_MIGRATIONS)
                .failOnMissingLocations(false)
                // JBeret's job repository shares the database and may create its tables (job_instance,
                // job_execution, ...) before this runs; a history-less schema then starts at version 0, so that
                // every Stallkeeper migration still applies.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("empty before the first migration")
                .load();
        MigrateResult result = flyway.migrate();
        LOG.infof("Schema at version %s (%d migrations applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        migrated = true;
    }
}
