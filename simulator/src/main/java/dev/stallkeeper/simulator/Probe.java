package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Sends callbacks for conformance cases and scenario steps and judges each answer the way KooGallery does before
 * looking at the business result: HTTP 200, JSON content type and body, a 6-character {@code resultCode}, a valid
 * {@code Body-Sign} ({@link CallbackResult#problems(boolean)}) and an answer within the deadline. Any of these
 * failing, or no answer at all, ends the case with a {@link Failure}. Every exchange is logged for the report.
 * Thread-safe.
 */
final class Probe {

    private static final int SHOWN_CHARS = 400;

    private final CallbackClient client;
    private final Duration deadline;
    private final boolean requireBodySign;
    private final List<ConformanceReport.Exchange> log = Collections.synchronizedList(new ArrayList<>());

    Probe(CallbackClient client, Duration deadline, boolean requireBodySign) {
        this.client = Objects.requireNonNull(client, "client");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.requireBodySign = requireBodySign;
    }

    CallbackClient client() {
        return client;
    }

    /** Signs {@code body} correctly, sends it and checks the answer's shape. */
    CallbackResult send(String label, ObjectNode body) {
        CallbackClient.SignedCallback signed = client.sign(body);
        return send(label, signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
    }

    /** Sends exactly these bytes and parameters and checks the answer's shape. */
    CallbackResult send(String label, byte[] body, String nonce, String timestamp, String signature) {
        String request = shown(body);
        CallbackResult result;
        try {
            result = client.send(body, nonce, timestamp, signature);
        } catch (UncheckedIOException e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().toString();
            log.add(new ConformanceReport.Exchange(label, request, 0, null, 0, why));
            throw new Failure(label + ": no answer (" + why + ")");
        }
        log.add(new ConformanceReport.Exchange(label, request, result.status(), result.resultCode(),
                result.latency().toMillis(), shown(result.body())));
        List<String> problems = result.problems(requireBodySign);
        if (!problems.isEmpty()) {
            throw new Failure(label + ": " + String.join("; ", problems));
        }
        if (result.latency().compareTo(deadline) > 0) {
            throw new Failure(label + ": answered in " + result.latency().toMillis() + " ms, the deadline is "
                    + deadline.toMillis() + " ms");
        }
        return result;
    }

    /** Fails unless the answer's resultCode is one of {@code codes}. */
    static void expect(String label, CallbackResult result, String... codes) {
        if (!Arrays.asList(codes).contains(result.resultCode())) {
            throw new Failure(label + ": expected resultCode " + String.join(" or ", codes) + ", got "
                    + result.resultCode() + message(result));
        }
    }

    /** The non-empty {@code instanceId} of a newInstance answer (at most 64 characters). */
    static String instanceId(String label, CallbackResult result) {
        JsonNode id = result.json().get("instanceId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new Failure(label + ": answer has no instanceId");
        }
        if (id.asText().length() > 64) {
            throw new Failure(label + ": instanceId has " + id.asText().length() + " characters, at most 64 allowed");
        }
        return id.asText();
    }

    static String message(CallbackResult result) {
        JsonNode msg = result.json() == null ? null : result.json().get("resultMsg");
        return msg == null || msg.isNull() ? "" : " (" + msg.asText() + ")";
    }

    /** The exchanges logged so far, and forgets them. */
    List<ConformanceReport.Exchange> drain() {
        synchronized (log) {
            List<ConformanceReport.Exchange> copy = List.copyOf(log);
            log.clear();
            return copy;
        }
    }

    private static String shown(byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes.length > SHOWN_CHARS * 4) {
            return new String(bytes, 0, SHOWN_CHARS, StandardCharsets.UTF_8) + "... (" + bytes.length + " bytes)";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "... (" + bytes.length + " bytes)" : text;
    }

    /** A case or step did not get what the protocol requires; the message says what and why. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
