package dev.stallkeeper.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.ProductInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lifecycle story told as KooGallery would tell it: the orders Query Order must know, then steps (callbacks with
 * expected result codes, captures of values for later steps, polls, waits and assertions). Read from a plain YAML or
 * JSON file; the built-in scenarios are such files too ({@code simulator/src/main/resources/scenarios/}). The format
 * is documented in {@code simulator/README.md}.
 *
 * @param name        short name
 * @param description one paragraph, shown by {@code scenario --list}
 * @param orders      registered in the Query Order server before the first step
 * @param steps       run in order; the first failing step ends the run
 */
public record Scenario(String name, String description, List<OrderSpec> orders, List<Step> steps) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a name");
        }
        orders = orders == null ? List.of() : List.copyOf(orders);
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no steps");
        }
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).validate(name, i + 1);
        }
        for (OrderSpec o : orders) {
            o.validate(name);
        }
    }

    /**
     * An order to register. {@code id} and product fields may use {@code ${run}}; its only line is
     * {@code <id>-000001}.
     *
     * @param expires relative expiry of the line, e.g. {@code +1y}, {@code +1M}, {@code +7d}; none when absent
     */
    public record OrderSpec(String id, String type, String chargingMode, String periodType, Integer periodNumber,
                            String expires, String amount, List<ProductInfo> products, BuyerInfo buyer) {

        void validate(String scenario) {
            if (id == null || id.isBlank() || type == null || chargingMode == null) {
                throw new IllegalArgumentException("scenario " + scenario + ": every order needs id, type and "
                        + "chargingMode");
            }
            if (products == null || products.isEmpty()) {
                throw new IllegalArgumentException("scenario " + scenario + ": order " + id + " needs products");
            }
        }
    }

    /**
     * One step. Exactly one of {@code activity} (send a callback), {@code wait} (pause, the {@code pause} component) and {@code distinct}
     * (assert that the listed values differ) is set.
     *
     * @param fields   the body besides {@code activity}; strings undergo {@code ${...}} substitution
     * @param expect   the resultCode, or a list of acceptable ones (default {@code 000000}); {@code !000000}
     *                 accepts any code but the ones listed
     * @param capture  variable name to JSON pointer in the answer ({@code instanceId}, {@code info/0/instanceId})
     * @param check    JSON pointer to expected text: {@code "*"} any non-empty value, {@code "${x}"} equals a
     *                 variable; a pointer ending in {@code #} means the size of that array
     * @param same     pointers whose value must be equal across every answer of a repeated step
     * @param poll     resend until the answer has {@code until} (and passes {@code check})
     * @param repeat   send the step this many times, one after the other or all at once
     * @param test     add {@code testFlag="1"}
     */
    public record Step(String name, String activity, ObjectNode fields, JsonNode expect, Map<String, String> capture,
                       Map<String, String> check, List<String> same, Poll poll, Repeat repeat,
                       @JsonProperty("wait") String pause,
                       List<String> distinct, Boolean test) {

        void validate(String scenario, int index) {
            int kinds = (activity != null ? 1 : 0) + (pause != null ? 1 : 0) + (distinct != null ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("scenario " + scenario + ", step " + index + " (" + label(index)
                        + "): give exactly one of activity, wait, distinct");
            }
            if (activity == null && (fields != null || expect != null || capture != null || check != null
                    || poll != null || repeat != null)) {
                throw new IllegalArgumentException("scenario " + scenario + ", step " + index
                        + ": fields, expect, capture, check, poll and repeat belong to activity steps");
            }
            if (poll != null && repeat != null) {
                throw new IllegalArgumentException("scenario " + scenario + ", step " + index
                        + ": poll and repeat cannot be combined");
            }
            if (repeat != null && repeat.times() < 1) {
                throw new IllegalArgumentException("scenario " + scenario + ", step " + index
                        + ": repeat.times must be >= 1");
            }
            expectedCodes();
        }

        /** The acceptable result codes. */
        public List<String> expectedCodes() {
            if (expect == null || expect.isNull()) {
                return List.of("000000");
            }
            List<String> codes = new ArrayList<>();
            if (expect.isArray()) {
                expect.forEach(c -> codes.add(c.asText()));
            } else {
                codes.add(expect.asText());
            }
            long negated = codes.stream().filter(c -> c.startsWith("!")).count();
            if (negated != 0 && negated != codes.size()) {
                throw new IllegalArgumentException("expect mixes codes and !codes: " + codes);
            }
            for (String c : codes) {
                if (c.length() != (c.startsWith("!") ? 7 : 6)) {
                    throw new IllegalArgumentException("expected resultCode must have 6 characters: " + c);
                }
            }
            return List.copyOf(codes);
        }

        public String label(int index) {
            if (name != null) {
                return name;
            }
            if (activity != null) {
                return activity;
            }
            return pause != null ? "wait " + pause : "distinct " + distinct;
        }
    }

    /** @param until the resultCode to wait for (default: the first expected code) */
    public record Poll(String until, String every, String timeout) {
    }

    public record Repeat(int times, boolean concurrent) {
    }

    // ------------------------------------------------------------------------------------------------ loading

    private static final ObjectMapper YAML = configure(new YAMLMapper());
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final String BUILT_IN_DIR = "/scenarios/";

    private static ObjectMapper configure(ObjectMapper m) {
        // Strict: a misspelt key in a scenario file is an error, not a silently ignored line.
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return m;
    }

    /** The names of the built-in scenarios, in the order {@code scenario --list} shows them. */
    public static List<String> builtInNames() {
        String index = resource("index.txt");
        return index.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The text of a built-in scenario file. */
    public static String builtInText(String name) {
        if (!builtInNames().contains(name)) {
            throw new IllegalArgumentException("no built-in scenario named " + name + "; built in: "
                    + String.join(", ", builtInNames()));
        }
        return resource(name + ".yaml");
    }

    /** A built-in scenario by name, or a scenario file (YAML, or JSON when it ends in {@code .json}). */
    public static Scenario load(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            try {
                return parse(Files.readString(file, StandardCharsets.UTF_8),
                        file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        if (nameOrFile.contains("/") || nameOrFile.contains(".")) {
            throw new IllegalArgumentException("no such scenario file: " + nameOrFile);
        }
        return parse(builtInText(nameOrFile), false);
    }

    /**
     * Parses scenario text.
     *
     * @throws IllegalArgumentException with the line and the reason when the text is not a valid scenario
     */
    public static Scenario parse(String text, boolean json) {
        try {
            return (json ? JSON : YAML).readValue(text, Scenario.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " (line " + p.getLocation().getLineNr() + ")" : "";
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("not a valid scenario" + where + ": " + firstLine(msg), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String resource(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream(BUILT_IN_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
