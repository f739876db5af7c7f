package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A production start (PostgreSQL) with the quick start's well-known secrets does not deploy: the server says which
 * settings carry demo values, the application never answers, and nothing is written to the database (the refusal
 * comes before the schema migration and the first admin). Its own WildFly process (port offset 80 above the
 * Arquillian one) and database.
 */
class ProductionGuardIT {

    private final ServerProcess server = new ServerProcess("guard-server", "stallkeeper_it_guard",
            Integer.getInteger("it.port.offset") + 80, List.of(
                    "-Dkoogallery.key=demo-key",
                    "-Dstallkeeper.admin.user=admin",
                    "-Dstallkeeper.admin.password=stallkeeper-demo",
                    "-Dstallkeeper.data.key=c3RhbGxrZWVwZXItcXVpY2stc3RhcnQtZGF0YS1rZXk="));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theQuickStartsDemoSecretsAreRefusedOnPostgreSql() throws Exception {
        String log = server.prepare(Deployments.stallkeeper())
                .startExpectingRefusal("does not start on PostgreSQL with the quick start's demo secrets");
        assertThat(log).contains("KOOGALLERY_KEY is the quick start's 'demo-key'")
                .contains("STALLKEEPER_ADMIN_PASSWORD is the quick start's 'stallkeeper-demo'")
                .contains("STALLKEEPER_DATA_KEY is the quick start's");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("the application is not deployed").isNotEqualTo(200);
        assertThat(server.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('admin_user', 'instance')"))
                .as("no schema, no first admin").isEqualTo("0");
    }
}
