package dev.stallkeeper.simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code conformance}: the debugging tool's cases plus security and idempotency checks, pass/fail per case. */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the cases KooGallery's interface debugging tool requires before publication (§4.4) for "
                + "one billing mode, the acceptance cases a caller can observe (§10.2: idempotency, queryInstance "
                + "limits, unknown activity) and the security cases (bad signature, stale and future timestamp, "
                + "missing parameters, replayed nonce, malformed JSON, oversized body). Every answer must be HTTP "
                + "200 JSON with a 6-character resultCode, a valid Body-Sign, within the deadline.",
                "Default: debug calls (testFlag=\"1\") on the documented mock orders, which the seller's Query Order "
                        + "must know (real KooGallery does; so does `serve`). --live sends real calls on fresh orders "
                        + "registered with --openapi-port or --serve.",
                "Exit code 0 when every case passed, 1 when any failed."})
final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--billing", defaultValue = "period", paramLabel = "MODE",
            description = "period, one-time, on-demand or package (default: ${DEFAULT-VALUE}).")
    String billing;

    @Option(names = "--live", description = "Real calls without testFlag on fresh orders (needs --openapi-port or "
            + "--serve): adds the unknown-instance cases and, for on-demand, two billed items.")
    boolean live;

    @Mixin
    QueryOrderOptions queryOrder;

    @Option(names = "--deadline", defaultValue = "20s",
            description = "An answer slower than this fails (default: ${DEFAULT-VALUE}, KooGallery's timeout).")
    Duration deadline;

    @Option(names = "--provision-timeout", defaultValue = "60s",
            description = "How long to poll queryInstance after a 000004 newInstance (default: ${DEFAULT-VALUE}).")
    Duration provisionTimeout;

    @Option(names = "--poll-interval", defaultValue = "1s", description = "Pause between polls (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--allow-missing-body-sign",
            description = "Do not fail answers without Body-Sign (V2 documents none; a wrong one still fails).")
    boolean allowMissingBodySign;

    @Option(names = "--oversize-bytes", defaultValue = "1048576",
            description = "Body size of the oversized-body case (default: ${DEFAULT-VALUE}).")
    int oversizeBytes;

    @Option(names = "--skip", split = ",", paramLabel = "CASE",
            description = "Do not run cases whose name starts with CASE, e.g. --skip upgradeInstance,changeInstanceCheck "
                    + "for products without upgrade rules.")
    List<String> skip = List.of();

    @Option(names = "--no-security", negatable = false, description = "Leave out the security cases.")
    boolean noSecurity;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        String key = target.key.require(spec);
        ConformanceSuite.Billing mode;
        try {
            mode = ConformanceSuite.Billing.parse(billing);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (live && !queryOrder.any()) {
            throw new ParameterException(spec.commandLine(),
                    "--live registers fresh orders: give --openapi-port PORT or --serve URL");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueryOrderOptions.Opened opened = null;
        try {
            if (queryOrder.any()) {
                try {
                    opened = queryOrder.open(key);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                } catch (UncheckedIOException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                err.println(opened.description());
                err.flush();
            }
            ConformanceSuite.Options options = ConformanceSuite.Options.defaults(mode)
                    .deadline(deadline)
                    .polling(provisionTimeout, pollInterval)
                    .requireBodySign(!allowMissingBodySign)
                    .oversizeBytes(oversizeBytes)
                    .skip(new LinkedHashSet<>(skip))
                    .security(!noSecurity);
            if (live) {
                options = options.live(opened.registry());
            }
            // Long enough to measure an answer that misses the deadline instead of cutting it off.
            CallbackClient client = new CallbackClient(target.url, key, CallbackClient.defaultHttpClient(),
                    deadline.plusSeconds(10));
            ConformanceReport report = new ConformanceSuite(client, options).run();
            if (output.json.requested()) {
                if (!output.json.write(report.toJson(), out, err)) {
                    return 1;
                }
                if (!output.json.only()) {
                    out.print(report.format(output.verbose));
                }
            } else {
                out.print(report.format(output.verbose));
            }
            out.flush();
            return report.allPassed() ? 0 : 1;
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
