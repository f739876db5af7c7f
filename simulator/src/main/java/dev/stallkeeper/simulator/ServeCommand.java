package dev.stallkeeper.simulator;

import dev.stallkeeper.protocol.order.QueryOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: runs {@link OpenApiServer} until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the KooGallery open APIs (Query Order) with APIG AK/SK verification until killed.",
                "The documented mock orders (MOCKPERIODYEARNEW ... MOCKMONTYCHANGE) are always known.",
                "Point the seller's KOOGALLERY_API_BASE at the printed URL."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8180", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ak", defaultValue = "${env:KOOGALLERY_AK}",
            description = "Access key id callers must sign with (default: env KOOGALLERY_AK).")
    String ak;

    @Option(names = "--sk", defaultValue = "${env:KOOGALLERY_SK}",
            description = "Secret access key (default: env KOOGALLERY_SK; prefer it to keep the secret out of ps).")
    String sk;

    @Option(names = "--synthesize",
            description = "Answer unknown order ids with a synthesized NEW monthly order (for load tests).")
    boolean synthesize;

    @Option(names = "--delay", description = "Hold every answer back this long, e.g. 2s.")
    Duration delay;

    @Override
    public Integer call() throws InterruptedException {
        if (ak == null || ak.isBlank() || sk == null || sk.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--ak and --sk (or KOOGALLERY_AK/KOOGALLERY_SK) are required");
        }
        PrintWriter out = spec.commandLine().getOut();
        OpenApiServer server;
        try {
            server = OpenApiServer.start(host, port, ak, sk);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        server.setSynthesizeUnknown(synthesize);
        if (delay != null) {
            server.setDelay(delay);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        out.println("KooGallery open API simulator listening on " + server.baseUri());
        out.println("  Query Order: GET " + server.baseUri() + QueryOrder.PATH + "?orderId=...&orderLineId=...");
        out.println("  unknown orders: " + (synthesize ? "synthesized" : "HTTP 400 MKT.0101")
                + (delay == null ? "" : "; answers delayed by " + delay.toMillis() + " ms"));
        out.flush();
        stopped.await();
        return 0;
    }
}
