package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.platform.migration.V23__Mask_stored_passwords;
import java.sql.Connection;
import java.util.UUID;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema migration 23 on PostgreSQL, run against the suite's migrated database with rows as an earlier version
 * stored them: audited answers get their passwords masked, kept-for-replay answers that carry one are dropped, others
 * are kept. (Runs the migration's class directly: the deployment has applied it already, to an empty table.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoredAnswersMigrationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @Test
    void theMigrationMasksAuditedAnswersAndDropsKeptAnswersThatCarryAPassword() throws Exception {
        long id = -1 - new java.util.Random().nextInt(1_000_000); // below the sequence's ids
        String answer = "{\"resultCode\":\"000000\",\"info\":[{\"instanceId\":\"i-1\",\"appInfo\":"
                + "{\"frontEndUrl\":\"https://x\",\"userName\":\"u\",\"password\":\"older-clear\"}}]}";
        Db.update("INSERT INTO callback_log (id, received_at, activity, test_flag, result_code, latency_ms,"
                + " response_body) VALUES (?, now(), 'queryInstance', FALSE, '000000', 1, convert_to(?, 'UTF8'))", id, answer);
        String nonce = "legacy-" + UUID.randomUUID();
        Db.update("INSERT INTO callback_nonce (nonce, body_sha256, received_at, response)"
                + " VALUES (?, 'x', now(), convert_to(?, 'UTF8'))", nonce, answer);
        String other = "legacy-" + UUID.randomUUID();
        Db.update("INSERT INTO callback_nonce (nonce, body_sha256, received_at, response)"
                + " VALUES (?, 'x', now(), convert_to('{\"resultCode\":\"000000\"}', 'UTF8'))", other);

        try (Connection c = Db.connect()) {
            c.setAutoCommit(false);
            new V23__Mask_stored_passwords().migrate(context(c));
            c.commit();
        }
        assertThat((String) Db.value("SELECT convert_from(response_body, 'UTF8') FROM callback_log WHERE id = ?", id))
                .doesNotContain("older-clear").contains("\"password\":\"\u2022\u2022\u2022\u2022\"")
                .contains("\"userName\":\"u\"");
        assertThat(Db.value("SELECT response IS NULL FROM callback_nonce WHERE nonce = ?", nonce)).isEqualTo(true);
        assertThat(Db.value("SELECT response IS NULL FROM callback_nonce WHERE nonce = ?", other))
                .as("an answer without a secret is kept").isEqualTo(false);
    }

    private static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
