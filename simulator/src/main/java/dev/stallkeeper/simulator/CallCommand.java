package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Activity;
import dev.stallkeeper.protocol.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code call}: one signed callback, printed with the answer and its contract problems. */
@Command(name = "call", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends one correctly signed V2 callback to a production address and checks the answer.",
                "With --kit, <activity> names a joint-operation Kit interface (tenantSync, applicationSync, authSync, "
                        + "singleOrgSync, allOrgSync), posted to <url>/produceAPI/v2/<name> with x-sign headers "
                        + "signed with --kit-key.",
                "Prints the request, the answer and the checks: HTTP 200, JSON content type and body, a 6-character "
                        + "resultCode, Body-Sign over the exact bytes, answered within 20 s.",
                "Exit code 1 when the answer breaks the contract or no answer came."})
final class CallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<activity>",
            description = "newInstance, queryInstance, refreshInstance, updateInstanceStatus, releaseInstance, "
                    + "upgradeInstance, changeInstanceCheck, orderNotify, ... (undocumented names are sent as well)")
    String activity;

    @Mixin
    TargetOptions target;

    @Option(names = "--field", paramLabel = "k=v", mapFallbackValue = "",
            description = "A string body field, repeatable: --field orderId=MOCKPERIODYEARNEW --field instanceId=...")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--body", paramLabel = "JSON",
            description = "A JSON object to start the body from (for numbers and nested objects, e.g. kit calls or "
                    + "changeInstanceCheck's productInfo); --field values are added to it.")
    String bodyJson;

    @Option(names = "--test", description = "Send testFlag=\"1\" (a debug call: no real resources); kit: testFlag=1.")
    boolean test;

    @Option(names = "--kit", description = "Send a joint-operation Kit call (x-sign headers, §2.3) instead of a "
            + "V2 basic-interface callback.")
    boolean kit;

    @Option(names = "--kit-key", defaultValue = "${env:KOOGALLERY_KIT_KEY}",
            description = "Key bound to the joint-op sync interface (default: env KOOGALLERY_KIT_KEY).")
    String kitKey;

    @Option(names = "--allow-missing-body-sign",
            description = "Do not count a missing Body-Sign as a problem (V2 documents none; a wrong one still is).")
    boolean allowMissingBodySign;

    @Option(names = "--timeout", defaultValue = "30s", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    static final java.util.Set<String> KIT_INTERFACES =
            java.util.Set.of("tenantSync", "applicationSync", "authSync", "singleOrgSync", "allOrgSync");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CallbackResult result;
        if (kit) {
            if (kitKey == null || kitKey.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--kit-key (or KOOGALLERY_KIT_KEY) is required with --kit");
            }
            if (!KIT_INTERFACES.contains(activity)) {
                err.println("warning: '" + activity + "' is not a documented Kit interface; sending it anyway");
            }
            KitClient client = new KitClient(target.url, kitKey, CallbackClient.defaultHttpClient(), timeout);
            KitClient.SignedKitCall signed = client.sign(kitBody());
            out.println("> POST " + client.uri(activity));
            out.println("> Content-Type: " + CallbackClient.REQUEST_CONTENT_TYPE);
            out.println("> " + KitClient.HEADER_SIGN + ": " + signed.sign());
            out.println("> " + KitClient.HEADER_TIMESTAMP + ": " + signed.timestamp());
            out.println("> " + KitClient.HEADER_NONCE + ": " + signed.nonce());
            out.println("> " + new String(signed.body(), StandardCharsets.UTF_8));
            out.println();
            try {
                result = client.send(activity, signed);
            } catch (UncheckedIOException e) {
                out.println("no answer: " + e.getMessage());
                out.flush();
                return 1;
            }
        } else {
            String key = target.key.require(spec);
            if (Activity.fromWire(activity).isEmpty()) {
                err.println("warning: '" + activity + "' is not a documented activity; sending it anyway");
            }
            ObjectNode body = body();
            CallbackClient client = new CallbackClient(target.url, key, CallbackClient.defaultHttpClient(), timeout);
            CallbackClient.SignedCallback signed = client.sign(body);

            out.println("> POST " + client.requestUri(signed.nonce(), signed.timestamp(), signed.signature()));
            out.println("> Content-Type: " + CallbackClient.REQUEST_CONTENT_TYPE);
            out.println("> " + new String(signed.body(), StandardCharsets.UTF_8));
            out.println();
            try {
                result = client.send(signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
            } catch (UncheckedIOException e) {
                out.println("no answer: " + e.getMessage());
                out.flush();
                return 1;
            }
        }
        out.println("< HTTP " + result.status() + " in " + result.latency().toMillis() + " ms");
        out.println("< Content-Type: " + (result.contentType() == null ? "(missing)" : result.contentType()));
        out.println("< Body-Sign: " + (result.bodySignHeader() == null ? "(missing)"
                : result.bodySignHeader() + (result.bodySignValid() ? "  [valid]" : "  [INVALID]")));
        out.println("< " + result.bodyText());
        out.println();
        out.println("resultCode: " + (result.resultCode() == null ? "(none)" : result.resultCode()));
        out.println("checks:");
        check(out, result.status() == 200, "HTTP status 200 (got " + result.status() + ")");
        check(out, CallbackResult.isJsonContentType(result.contentType()), "Content-Type application/json");
        check(out, result.json() != null, "body is a JSON object");
        check(out, result.json() != null && result.json().path("resultCode").isTextual()
                && result.json().path("resultCode").asText().length() == 6, "resultCode is a 6-character string");
        if (result.bodySignHeader() == null) {
            out.println((allowMissingBodySign ? "  [skip] " : "  [FAIL] ") + "Body-Sign header (missing)");
        } else {
            check(out, result.bodySignValid(), "Body-Sign matches the exact response bytes");
        }
        check(out, result.latency().compareTo(CallbackResult.KOOGALLERY_TIMEOUT) < 0,
                "answered within 20 s (" + result.latency().toMillis() + " ms)");
        List<String> problems = result.problems(!allowMissingBodySign);
        if (problems.isEmpty()) {
            out.println("problems: none");
        } else {
            out.println("problems:");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private static void check(PrintWriter out, boolean ok, String what) {
        out.println((ok ? "  [ ok ] " : "  [FAIL] ") + what);
    }

    /** The kit body: --body, then --field strings; testFlag as the integer 1 (kit fields may be numbers, §1.1). */
    ObjectNode kitBody() {
        ObjectNode body = baseBody();
        fields.forEach(body::put);
        if (test) {
            body.put("testFlag", 1);
        }
        return body;
    }

    private ObjectNode baseBody() {
        if (bodyJson == null || bodyJson.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.parseObject(bodyJson.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--body is not a JSON object: " + e.getMessage());
        }
    }

    /** The body: activity first, then the fields as strings; newInstance gets its ids filled in. */
    ObjectNode body() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("activity", activity);
        baseBody().fields().forEachRemaining(e -> {
            if (!"activity".equals(e.getKey())) {
                body.set(e.getKey(), e.getValue());
            }
        });
        if (Activity.fromWire(activity).orElse(null) == Activity.NEW_INSTANCE) {
            String orderId = fields.getOrDefault("orderId", body.path("orderId").asText(null));
            if (orderId == null || orderId.isBlank()) {
                throw new ParameterException(spec.commandLine(),
                        "newInstance needs --field orderId=... (e.g. MOCKPERIODYEARNEW)");
            }
            body.put("businessId", fields.getOrDefault("businessId",
                    body.path("businessId").asText(UUID.randomUUID().toString())));
            body.put("orderId", orderId);
            body.put("orderLineId", fields.getOrDefault("orderLineId",
                    body.path("orderLineId").asText(orderId + "-000001")));
        }
        fields.forEach(body::put);
        if (test) {
            body.put("testFlag", "1");
        }
        return body;
    }
}
