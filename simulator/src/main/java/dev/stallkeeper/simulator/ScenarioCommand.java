package dev.stallkeeper.simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scenario}: plays built-in or file-defined lifecycle stories with assertions. */
@Command(name = "scenario", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plays lifecycle stories against a production address with real (not testFlag) callbacks: "
                + "registers the scenario's orders in Query Order, then runs its steps (callback, expected "
                + "resultCode, captured values, polls, waits, assertions).",
                "<scenario> is a built-in name (see --list) or a YAML/JSON scenario file; several may be given, "
                        + "or 'all' for every built-in one. The file format is in simulator/README.md; "
                        + "--print NAME shows a built-in file to start from.",
                "Orders go to an in-process Query Order server (--openapi-port) or a running serve (--serve).",
                "Exit code 0 when every step of every scenario passed, 1 otherwise."})
final class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<scenario>", arity = "0..*",
            description = "Built-in scenario name, 'all', or a scenario file.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    @Option(names = "--print", paramLabel = "NAME", description = "Print a built-in scenario file and exit.")
    String print;

    /** Not {@link TargetOptions}: optional here, as {@code --list} and {@code --print} call no seller. */
    @Option(names = "--url", description = "The seller's production address.")
    URI url;

    @Mixin
    CallbackKey key;

    @Mixin
    QueryOrderOptions queryOrder;

    @Option(names = "--no-register",
            description = "Do not register the orders (the seller's Query Order already knows them).")
    boolean noRegister;

    @Option(names = "--deadline", defaultValue = "20s",
            description = "An answer slower than this fails its step (default: ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--allow-missing-body-sign",
            description = "Do not fail answers without Body-Sign (a wrong one still fails).")
    boolean allowMissingBodySign;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (String name : Scenario.builtInNames()) {
                Scenario s = Scenario.load(name);
                out.printf("%-22s %s%n", name, s.description() == null ? "" : s.description().strip());
            }
            out.flush();
            return 0;
        }
        if (print != null) {
            try {
                out.print(Scenario.builtInText(print));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            out.flush();
            return 0;
        }
        if (scenarios.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name a scenario (or use --list)");
        }
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "--url is required");
        }
        String callbackKey = key.require(spec);
        if (!noRegister && !queryOrder.any()) {
            throw new ParameterException(spec.commandLine(), "scenario orders must reach the seller's Query Order: "
                    + "give --openapi-port PORT or --serve URL (or --no-register if it knows them already)");
        }
        List<Scenario> toRun = new ArrayList<>();
        try {
            for (String s : scenarios) {
                if ("all".equals(s)) {
                    Scenario.builtInNames().forEach(n -> toRun.add(Scenario.load(n)));
                } else {
                    toRun.add(Scenario.load(s));
                }
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        QueryOrderOptions.Opened opened = null;
        try {
            if (!noRegister) {
                try {
                    opened = queryOrder.open(callbackKey);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                } catch (UncheckedIOException e) {
                    err.println(e.getMessage());
                    return 1;
                }
                err.println(opened.description());
                err.flush();
            }
            CallbackClient client = new CallbackClient(url, callbackKey, CallbackClient.defaultHttpClient(),
                    deadline.plusSeconds(10));
            ScenarioRunner runner = new ScenarioRunner(client, opened == null ? null : opened.registry(), deadline,
                    !allowMissingBodySign);
            boolean ok = true;
            com.fasterxml.jackson.databind.node.ArrayNode reports =
                    dev.stallkeeper.protocol.Json.mapper().createArrayNode();
            for (Scenario s : toRun) {
                ScenarioReport report = runner.run(s);
                ok &= report.allPassed();
                reports.add(report.toJson());
                if (!output.json.only()) {
                    out.print(report.format(output.verbose));
                    out.flush();
                }
            }
            if (output.json.requested() && !output.json.write(reports, out, err)) {
                return 1;
            }
            out.flush();
            return ok ? 0 : 1;
        } finally {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
