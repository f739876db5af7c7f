package dev.stallkeeper.simulator;

import dev.stallkeeper.protocol.order.QueryOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the KooGallery open APIs the seller calls until killed: Query Order (APIG AK/SK "
                + "verified) and the pay-per-use usage push (signature header with the seller's --key verified; "
                + "records checked one by one, at most 1000 per call; each push is logged on standard output).",
                "The documented mock orders (MOCKPERIODYEARNEW ... MOCKMONTYCHANGE) are always known; `scenario "
                        + "--serve URL` and `conformance --serve URL` register more through the admin API under "
                        + "/simulator/ (APIG-signed with the same AK/SK), which also lists the recorded usage "
                        + "(GET /simulator/usage-records, GET /simulator/usage-calls) and injects failures (POST /simulator/faults: "
                        + "queryOrder, usage, usageLostAnswer; status 0 drops the connection) and outages "
                        + "(POST /simulator/outage).",
                "It is also a tenant's identity service (spec §6.3): OAuth 2.0 authorize, token, userinfo and logout at "
                        + "the documented paths; register clients and users through POST /simulator/oauth/clients "
                        + "({clientId, clientSecret, tenantId}) and /simulator/oauth/users ({tenantId, userName, name, "
                        + "role, ...}).",
                "Point the seller's KOOGALLERY_API_BASE at the printed URL."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8180", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ApigKeys keys;

    @Option(names = "--synthesize",
            description = "Answer unknown order ids with a synthesized NEW monthly order (for load tests).")
    boolean synthesize;

    @Option(names = "--delay", description = "Hold every answer back this long, e.g. 2s.")
    Duration delay;

    @Option(names = "--key", defaultValue = "${env:KOOGALLERY_KEY}",
            description = "The seller's basic-interface key, which signs usage pushes (default: env KOOGALLERY_KEY; "
                    + "without it every push is refused with MKT.0102).")
    String key;

    @Option(names = "--known-instances-only",
            description = "Refuse usage records of instances not registered through the admin API (error 001).")
    boolean knownInstancesOnly;

    @Override
    public Integer call() throws InterruptedException {
        if (!keys.present()) {
            throw new ParameterException(spec.commandLine(), ApigKeys.missing(""));
        }
        PrintWriter out = spec.commandLine().getOut();
        OpenApiServer server;
        try {
            server = OpenApiServer.start(host, port, keys.ak, keys.sk);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        server.setSynthesizeUnknown(synthesize);
        server.setUsageKey(key == null || key.isBlank() ? null : key);
        server.setUsageKnownInstancesOnly(knownInstancesOnly);
        server.setEventListener(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
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
        out.println("  Usage push:  POST " + server.baseUri() + UsageReceiver.PATH
                + (key == null || key.isBlank() ? "  (no --key: every push is refused)" : ""));
        out.println("  Admin API:   " + server.baseUri() + OpenApiServer.ADMIN_PREFIX
                + "{orders,instances,usage-records,usage-calls,faults,outage,oauth/clients,oauth/users} (APIG-signed)");
        out.println("  Tenant SSO:  " + server.baseUri() + OAuthProvider.AUTHORIZE_PATH + ", " + OAuthProvider.TOKEN_PATH
                + ", " + OAuthProvider.USERINFO_PATH + ", " + OAuthProvider.LOGOUT_PATH
                + "  (use this URL as a tenant's domainName)");
        out.flush();
        stopped.await();
        return 0;
    }
}
