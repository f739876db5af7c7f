package dev.stallkeeper.simulator;

import picocli.CommandLine.Option;

import java.net.URI;

/**
 * Options shared by {@code conformance} and {@code scenario}: where the orders they create are registered so that
 * the seller's Query Order finds them.
 */
final class QueryOrderOptions {

    @Option(names = "--openapi-port", paramLabel = "PORT",
            description = "Start the simulator's Query Order (and usage push) server in this process on PORT for the "
                    + "length of the run, with the run's orders registered and unknown order ids synthesized. "
                    + "The seller's KOOGALLERY_API_BASE must point at http://<this host>:PORT.")
    Integer openApiPort;

    @Option(names = "--openapi-host", defaultValue = "127.0.0.1",
            description = "Interface for --openapi-port (default: ${DEFAULT-VALUE}).")
    String openApiHost;

    @Option(names = "--serve", paramLabel = "URL",
            description = "Register the run's orders in a running `serve` at URL (e.g. http://127.0.0.1:8180) "
                    + "through its admin API, signed with --ak/--sk.")
    URI serve;

    @Option(names = "--ak", defaultValue = "${env:KOOGALLERY_AK}",
            description = "Access key id the seller signs Query Order with (default: env KOOGALLERY_AK).")
    String ak;

    @Option(names = "--sk", defaultValue = "${env:KOOGALLERY_SK}",
            description = "Secret access key (default: env KOOGALLERY_SK).")
    String sk;

    @Option(names = "--usage-key", defaultValue = "${env:KOOGALLERY_KEY}",
            description = "With --openapi-port: key the usage pushes are signed with (default: the callback key).")
    String usageKey;

    boolean any() {
        return openApiPort != null || serve != null;
    }

    /** What the run registers its orders in, and what to close after it. */
    record Opened(OrderRegistry registry, AutoCloseable closer, String description) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * Starts the in-process server or connects to {@code serve}.
     *
     * @throws IllegalArgumentException for missing or contradictory options
     */
    Opened open(String callbackKey) {
        if (openApiPort != null && serve != null) {
            throw new IllegalArgumentException("give --openapi-port or --serve, not both");
        }
        if (ak == null || ak.isBlank() || sk == null || sk.isBlank()) {
            throw new IllegalArgumentException("--ak and --sk (or KOOGALLERY_AK/KOOGALLERY_SK) are required with "
                    + (serve != null ? "--serve" : "--openapi-port"));
        }
        if (serve != null) {
            return new Opened(new ServeAdminClient(serve, ak, sk), () -> { }, "orders registered in serve at " + serve);
        }
        OpenApiServer server = OpenApiServer.start(openApiHost, openApiPort, ak, sk);
        server.setSynthesizeUnknown(true);
        server.setUsageKey(usageKey == null || usageKey.isBlank() ? callbackKey : usageKey);
        return new Opened(server, server::close, "Query Order served by this process at " + server.baseUri());
    }
}
