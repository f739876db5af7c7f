package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the seller's production address answered to one callback.
 *
 * @param status         HTTP status
 * @param contentType    the {@code Content-Type} header as sent, {@code null} if absent
 * @param body           the exact response bytes
 * @param json           the body as a JSON object, {@code null} if it is not one
 * @param resultCode     {@code resultCode} as text, {@code null} if absent or not JSON
 * @param bodySignHeader the {@code Body-Sign} header, {@code null} if absent
 * @param bodySignValid  whether {@code Body-Sign} is the HMAC of the exact bytes with the callback key (§2.4)
 * @param latency        from just before sending to the last byte of the answer
 */
public record CallbackResult(int status, String contentType, byte[] body, ObjectNode json, String resultCode,
                             String bodySignHeader, boolean bodySignValid, Duration latency) {

    /** KooGallery gives up after this long (§1.1, §4.1). */
    public static final Duration KOOGALLERY_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Contract violations of this answer per §1.1 and §10.2 case 24; empty when KooGallery would accept it. A missing
     * {@code Body-Sign} counts as a problem (the recommended V2 practice, §2.4); see {@link #problems(boolean)}.
     */
    public List<String> problems() {
        return problems(true);
    }

    /**
     * Contract violations of this answer. A {@code Body-Sign} header that does not match the exact bytes is always a
     * problem; a missing one only when {@code requireBodySign} (V2 documents no response signature, §2.4).
     */
    public List<String> problems(boolean requireBodySign) {
        List<String> problems = new ArrayList<>();
        if (status != 200) {
            problems.add("HTTP status " + status + ", expected 200 for every outcome");
        }
        if (!isJsonContentType(contentType)) {
            problems.add("Content-Type " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + ", expected application/json");
        }
        if (json == null) {
            problems.add("body is not a JSON object");
        } else {
            JsonNode code = json.get("resultCode");
            if (code == null || code.isNull()) {
                problems.add("resultCode missing");
            } else if (!code.isTextual() || code.asText().length() != 6) {
                problems.add("resultCode " + code + " is not a 6-character string");
            }
            JsonNode msg = json.get("resultMsg");
            if (msg != null && !msg.isNull()) {
                if (!msg.isTextual()) {
                    problems.add("resultMsg is not a string");
                } else if (msg.asText().length() > 255) {
                    problems.add("resultMsg has " + msg.asText().length() + " characters, at most 255 allowed");
                }
            }
        }
        if (bodySignHeader == null) {
            if (requireBodySign) {
                problems.add("Body-Sign header missing");
            }
        } else if (!bodySignValid) {
            problems.add("Body-Sign header does not match the body: " + bodySignHeader);
        }
        if (latency != null && latency.compareTo(KOOGALLERY_TIMEOUT) >= 0) {
            problems.add("answered in " + latency.toMillis() + " ms, KooGallery times out after "
                    + KOOGALLERY_TIMEOUT.toSeconds() + " s");
        }
        return problems;
    }

    /** The body decoded as UTF-8, for printing. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static boolean isJsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    @Override
    public String toString() {
        return "CallbackResult[status=" + status + ", contentType=" + contentType + ", resultCode=" + resultCode
                + ", bodySignValid=" + bodySignValid + ", latency=" + latency + ", body=" + bodyText() + "]";
    }
}
