package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Activity;
import dev.stallkeeper.protocol.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code call}: one signed callback, printed with the answer and its contract problems. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Sends one correctly signed V2 callback to a production address and checks the answer.",
                "Exit code 1 when the answer breaks the contract (status, content type, resultCode, Body-Sign, "
                        + "20 s) or no answer came."})
final class CallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<activity>",
            description = "newInstance, queryInstance, refreshInstance, updateInstanceStatus, releaseInstance, "
                    + "upgradeInstance, changeInstanceCheck, orderNotify, ... (undocumented names are sent as well)")
    String activity;

    @Option(names = "--url", required = true, description = "The seller's production address.")
    URI url;

    @Option(names = "--key", defaultValue = "${env:KOOGALLERY_KEY}",
            description = "Key bound to the interface (default: env KOOGALLERY_KEY).")
    String key;

    @Option(names = "--field", paramLabel = "k=v", mapFallbackValue = "",
            description = "A body field, repeatable: --field orderId=MOCKPERIODYEARNEW --field instanceId=...")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--test", description = "Send testFlag=\"1\" (a debug call: no real resources).")
    boolean test;

    @Option(names = "--timeout", defaultValue = "30s", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        if (key == null || key.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key (or KOOGALLERY_KEY) is required");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Activity.fromWire(activity).isEmpty()) {
            err.println("warning: '" + activity + "' is not a documented activity; sending it anyway");
        }
        ObjectNode body = body();
        CallbackClient client = new CallbackClient(url, key, CallbackClient.defaultHttpClient(), timeout);
        CallbackClient.SignedCallback signed = client.sign(body);

        out.println("> POST " + client.requestUri(signed.nonce(), signed.timestamp(), signed.signature()));
        out.println("> Content-Type: " + CallbackClient.REQUEST_CONTENT_TYPE);
        out.println("> " + new String(signed.body(), StandardCharsets.UTF_8));
        out.println();
        CallbackResult result;
        try {
            result = client.send(signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
        } catch (UncheckedIOException e) {
            out.println("no answer: " + e.getMessage());
            out.flush();
            return 1;
        }
        out.println("< HTTP " + result.status() + " in " + result.latency().toMillis() + " ms");
        out.println("< Content-Type: " + (result.contentType() == null ? "(missing)" : result.contentType()));
        out.println("< Body-Sign: " + (result.bodySignHeader() == null ? "(missing)"
                : result.bodySignHeader() + (result.bodySignValid() ? "  [valid]" : "  [INVALID]")));
        out.println("< " + result.bodyText());
        out.println();
        out.println("resultCode: " + (result.resultCode() == null ? "(none)" : result.resultCode()));
        List<String> problems = result.problems();
        if (problems.isEmpty()) {
            out.println("problems: none");
        } else {
            out.println("problems:");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    /** The body: activity first, then the fields as strings; newInstance gets its ids filled in. */
    ObjectNode body() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("activity", activity);
        if (Activity.fromWire(activity).orElse(null) == Activity.NEW_INSTANCE) {
            String orderId = fields.get("orderId");
            if (orderId == null || orderId.isBlank()) {
                throw new ParameterException(spec.commandLine(),
                        "newInstance needs --field orderId=... (e.g. MOCKPERIODYEARNEW)");
            }
            body.put("businessId", fields.getOrDefault("businessId", UUID.randomUUID().toString()));
            body.put("orderId", orderId);
            body.put("orderLineId", fields.getOrDefault("orderLineId", orderId + "-000001"));
        }
        fields.forEach((name, value) -> {
            if (!body.has(name)) {
                body.put(name, value);
            }
        });
        if (test) {
            body.put("testFlag", "1");
        }
        return body;
    }
}
