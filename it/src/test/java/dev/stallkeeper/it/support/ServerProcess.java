package dev.stallkeeper.it.support;

import static org.awaitility.Awaitility.await;

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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * A WildFly process of a test's own (a copy of the provisioned server with a deployment in its deployments
 * folder, on its own database and port offset), for tests that kill the server, which the Arquillian-managed
 * container cannot survive. Start it, kill it with SIGKILL, start it again on the same database.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final String database;
    private final int offset;
    private final List<String> properties;
    private Path home;
    private Process process;
    private String serverJdbcUrl;
    private boolean embedded;

    /**
     * @param name       folder name beside the Arquillian server (target/NAME)
     * @param database   PostgreSQL database, dropped and created by {@link #prepare}; null: the embedded H2
     *                   database of the quick start ({@code standalone/data/stallkeeper} of the copy, fresh)
     * @param offset     port offset (HTTP 8080 + offset, management 9990 + offset)
     * @param properties extra {@code -Dkey=value} arguments
     */
    public ServerProcess(String name, String database, int offset, List<String> properties) {
        if (database != null && !database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name " + database);
        }
        this.name = name;
        this.database = database;
        this.offset = offset;
        this.properties = List.copyOf(properties);
    }

    public int httpPort() {
        return 8080 + offset;
    }

    public int managementPort() {
        return 9990 + offset;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + System.getProperty("it.db.host") + ":" + System.getProperty("it.db.port") + "/"
                + database;
    }

    /**
     * Has the server reach its database at {@code host:port} (a proxy the test controls) instead of directly; the
     * test's own queries ({@link #sql}) still go straight to PostgreSQL.
     */
    public ServerProcess databaseVia(String host, int port) {
        serverJdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        return this;
    }

    /**
     * Runs the server on its embedded H2 database, as the quick start ({@code ./stallkeeper start}) does: no database
     * settings are passed, and none of PostgreSQL's environment variables. {@link #prepare} still makes the
     * PostgreSQL database (unused).
     */
    public ServerProcess embeddedDatabase() {
        embedded = true;
        return this;
    }

    /** The embedded database: asked for, or no PostgreSQL database given. */
    private boolean embedded() {
        return embedded || database == null;
    }

    /** The server's folder (its log is {@code standalone/log/server.log}). */
    public Path home() {
        return home;
    }

    /** A fresh database and a copy of the provisioned server with {@code deployment} in it. */
    public ServerProcess prepare(EnterpriseArchive deployment) throws IOException, SQLException {
        if (database != null) {
            createDatabase();
        }
        return copyServer(deployment);
    }

    private void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty("it.db.admin.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
    }

    private ServerProcess copyServer(EnterpriseArchive deployment) throws IOException {
        Path source = Path.of(System.getProperty("it.server.dir"));
        home = source.resolveSibling(name);
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
        deployment.as(ZipExporter.class).exportTo(home.resolve("standalone/deployments/stallkeeper.ear").toFile(), true);
        return this;
    }

    /** Starts the server and waits until the application answers its health check. */
    public void start() throws IOException {
        start(List.of());
    }

    /**
     * Starts the server with {@code moreProperties} after the constructor's (a restart with changed settings, say a
     * rotated key: a property given twice takes its last value) and waits until the application answers its health check.
     */
    public void start(List<String> moreProperties) throws IOException {
        launch(moreProperties);
        URI health = URI.create("http://127.0.0.1:" + httpPort() + "/api/health");
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /**
     * Starts the server expecting the application to refuse to deploy: waits until the server's console output
     * holds {@code text} (the refusal); returns that output.
     */
    public String startExpectingRefusal(String text) throws IOException {
        Path log = launch(List.of());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(log) && Files.readString(log).contains(text));
        return Files.readString(log);
    }

    private Path launch(List<String> moreProperties) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset));
        if (!embedded()) {
            command.addAll(List.of("-Dstallkeeper.db.driver-class=org.postgresql.Driver",
                    "-Dstallkeeper.db.url=" + (serverJdbcUrl != null ? serverJdbcUrl : jdbcUrl()),
                    "-Dstallkeeper.db.user=" + System.getProperty("it.db.user"),
                    "-Dstallkeeper.db.password=" + System.getProperty("it.db.password")));
        }
        command.add("-Dstallkeeper.data.key=" + System.getProperty("it.data.key"));
        command.addAll(properties); // after the defaults: a property given twice takes its last value
        command.addAll(moreProperties);
        Path log = home.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        if (embedded()) { // as ./stallkeeper start: the embedded database whatever the environment says
            builder.environment().keySet().removeIf(name -> name.startsWith("POSTGRESQL_") || name.startsWith("STALLKEEPER_DB_"));
        }
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms256m -Xmx768m");
        process = builder.start();
        return log;
    }

    /** SIGKILL to the JVM and its launcher: nothing gets a chance to finish, commit or clean up. */
    public void killHard() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        children.forEach(p -> p.onExit().join());
        process.onExit().join();
        process = null;
    }

    /** A management client (local authentication, as jboss-cli on the same machine). */
    public ModelControllerClient management() throws IOException {
        return ModelControllerClient.Factory.create("remote+http", "127.0.0.1", managementPort());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), System.getProperty("it.db.user"), System.getProperty("it.db.password"));
    }

    /** The first column of the first row, as text (null when there is no row). */
    public String sql(String query, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every row, its columns joined by spaces. */
    public List<String> rows(String query, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? " " : "").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
            return out;
        }
    }

    public int update(String statement, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        killHard();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
