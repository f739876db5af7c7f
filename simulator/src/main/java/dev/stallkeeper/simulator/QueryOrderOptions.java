package dev.stallkeeper.simulator;

import picocli.CommandLine.Mixin;
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

    @Mixin
    ApigKeys keys;

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
        if (!keys.present()) {
            throw new IllegalArgumentException(ApigKeys.missing(serve != null ? " with --serve" : " with --openapi-port"));
        }
        if (serve != null) {
            return new Opened(new ServeAdminClient(serve, keys.ak, keys.sk), () -> { }, "orders registered in serve at " + serve);
        }
        OpenApiServer server = OpenApiServer.start(openApiHost, openApiPort, keys.ak, keys.sk);
        server.setSynthesizeUnknown(true);
        server.setUsageKey(usageKey == null || usageKey.isBlank() ? callbackKey : usageKey);
        return new Opened(server, server::close, "Query Order served by this process at " + server.baseUri());
    }
}
