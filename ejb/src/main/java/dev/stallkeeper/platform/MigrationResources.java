package dev.stallkeeper.platform;

import dev.stallkeeper.platform.migration.V23__Mask_stored_passwords;
import dev.stallkeeper.platform.migration.V5_1__Customer_name_search;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the migration scripts by name instead of letting it scan the class path, which does not
 * work inside a WildFly deployment (its virtual file system is not a plain jar or directory).
 * The list is {@link #MIGRATIONS}; a unit test checks that it names every file in {@code db/migration}.
 */
public final class MigrationResources implements ResourceProvider {

    /** Every migration script, in version order. Add new ones at the end. */
    public static final List<String> MIGRATIONS = List.of(
            "V1__callbacks_and_instances.sql",
            "V2__admin_users.sql",
            "V3__billing.sql",
            "V4__console_indexes.sql",
            "V5__catalog.sql",
            "V7__supervision_and_invoices.sql",
            "V8__tenants_and_sso.sql",
            "V9__usage_records.sql",
            "V10__workflow_list_indexes.sql",
            "V11__refused_callbacks_as_metadata.sql",
            "V15__login_throttle.sql",
            "V16__sso_confirmation_and_bounds.sql",
            "V20__bill_settlement_ledger.sql",
            "V21__settlement_record_positions.sql",
            "V22__sealed_app_passwords.sql",
            "V25__callbacks_audited_after_an_outage.sql",
            "V30__fleet_node_claims.sql");

    /**
     * Migrations that need different statements per database, written in Java (package
     * {@code dev.stallkeeper.platform.migration}); a unit test checks that this names every class there.
     */
    public static final List<Class<? extends org.flywaydb.core.api.migration.JavaMigration>> JAVA_MIGRATIONS = List.of(
            V5_1__Customer_name_search.class,
            V23__Mask_stored_passwords.class);

    static final String LOCATION = "db/migration/";

    private final ClassLoader loader;

    public MigrationResources(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public LoadableResource getResource(String name) {
        String file = name.startsWith(LOCATION) ? name.substring(LOCATION.length()) : name;
        return MIGRATIONS.contains(file) ? new Script(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String file : MIGRATIONS) {
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    found.add(new Script(file));
                    break;
                }
            }
        }
        return found;
    }

    private final class Script extends LoadableResource {
        private final String file;

        Script(String file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(LOCATION + file);
            if (in == null) {
                throw new UncheckedIOException(new IOException("Migration script missing from the deployment: " + file));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return LOCATION + file;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
