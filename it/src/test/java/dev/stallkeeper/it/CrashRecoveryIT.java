package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.key;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node dies hard (SIGKILL, no shutdown of any kind) while a provisioning attempt is in flight; the server
 * started again on the same database finishes the work once the dead attempt's lease has run out: one
 * instance, one tenant, the instanceId KooGallery was given. Runs its own WildFly process (a copy of the
 * provisioned server, port offset 50 above the Arquillian one) on its own database, because the managed
 * container cannot survive a kill -9.
 */
class CrashRecoveryIT {

    private static final String DB = "stallkeeper_it_crash";

    private final int offset = Integer.getInteger("it.port.offset") + 50;
    private final URI health = URI.create("http://127.0.0.1:" + (8080 + offset) + "/api/health");
    private final CallbackClient kooGallery = new CallbackClient(
            URI.create("http://127.0.0.1:" + (8080 + offset) + "/api/koogallery/produce"), key());
    private Process server;

    @Test
    void provisioningInFlightWhenTheNodeIsKilledCompletesOnceAfterRestart() throws Exception {
        Path home = prepareServer();
        server = start(home);

        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-HANG", "HANG-UNTIL-RESTART", 1);
        String businessId = UUID.randomUUID().toString();
        CallbackResult first = kooGallery.send(newInstance(orderId, orderId + "-000001", businessId));
        assertThat(first.resultCode()).isEqualTo("000004");
        assertThat(sql("SELECT attempts FROM work_item WHERE instance_id = ?", businessId)).isEqualTo("1");

        killHard(server);
        assertThat(sql("SELECT state FROM instance WHERE id = ?", businessId)).isEqualTo("PROVISIONING");

        server = start(home);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "000000".equals(query(businessId)));

        CallbackResult resent = kooGallery.send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        assertThat(resent.resultCode()).isEqualTo("000000");
        assertThat(resent.json().get("instanceId").asText()).isEqualTo(businessId);
        assertThat(sql("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo("1");
        assertThat(sql("SELECT COUNT(*) FROM tenant WHERE instance_id = ?", businessId)).isEqualTo("1");
        assertThat(sql("SELECT status FROM work_item WHERE instance_id = ?", businessId)).isEqualTo("DONE");
        assertThat(sql("SELECT COUNT(*) FROM instance_event WHERE instance_id = ? AND event_type = 'ACTIVATED'",
                businessId)).isEqualTo("1");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            killHard(server);
        }
    }

    private String query(String instanceId) {
        ObjectNode query = body("queryInstance").put("instanceId", instanceId);
        return kooGallery.send(query).resultCode();
    }

    /** A copy of the provisioned server with the application (and the test Provisioner) in its deployments. */
    private Path prepareServer() throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty("it.db.admin.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DB);
        }
        Path source = Path.of(System.getProperty("it.server.dir"));
        Path home = source.resolveSibling("crash-server");
        deleteTree(home);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(from);
                if (rel.startsWith(Path.of("standalone", "data")) || rel.startsWith(Path.of("standalone", "log"))
                        || rel.startsWith(Path.of("standalone", "deployments"))) {
                    continue;
                }
                Path to = home.resolve(rel.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(home.resolve("standalone/deployments"));
        Deployments.stallkeeper().as(ZipExporter.class)
                .exportTo(home.resolve("standalone/deployments/stallkeeper.ear").toFile(), true);
        return home;
    }

    private Process start(Path home) throws Exception {
        String dbUrl = "jdbc:postgresql://" + System.getProperty("it.db.host") + ":" + System.getProperty("it.db.port") + "/" + DB;
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Dstallkeeper.db.driver-class=org.postgresql.Driver",
                "-Dstallkeeper.db.url=" + dbUrl,
                "-Dstallkeeper.db.user=" + System.getProperty("it.db.user"),
                "-Dstallkeeper.db.password=" + System.getProperty("it.db.password"),
                "-Dkoogallery.key=" + key(),
                "-Dkoogallery.ak=" + System.getProperty("it.ak"),
                "-Dkoogallery.sk=" + System.getProperty("it.sk"),
                "-Dkoogallery.api.base=http://127.0.0.1:" + System.getProperty("it.openapi.port"),
                "-Dstallkeeper.provisioning.inline.ms=1500",
                "-Dstallkeeper.provisioning.lease.seconds=4",
                "-Dstallkeeper.retry.base.seconds=1",
                "-Dstallkeeper.retry.max.seconds=2"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx768m");
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return process;
    }

    /** SIGKILL to the JVM and its launcher: nothing gets a chance to finish, commit or clean up. */
    private static void killHard(Process launcher) {
        List<ProcessHandle> children = launcher.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        children.forEach(p -> p.onExit().join());
        launcher.onExit().join();
    }

    private static String sql(String query, Object... params) throws SQLException {
        String url = "jdbc:postgresql://" + System.getProperty("it.db.host") + ":" + System.getProperty("it.db.port") + "/" + DB;
        try (Connection c = DriverManager.getConnection(url, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
