package dev.stallkeeper.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Body-Sign} response header (spec §2.4): base64 HMAC-SHA256 of the exact response bytes under the
 * access key alone (not key + timestamp as in {@link V1AuthToken}). Mandatory on V1 responses, harmless on V2.
 */
public final class BodySign {

    /** The header name. */
    public static final String HEADER = "Body-Sign";

    // Tolerant on input: either quoted or bare value, any spacing around '='; the name must not be a suffix of
    // another parameter name (so "sign_type" never matches).
    private static final Pattern SIGNATURE_PARAM =
            Pattern.compile("(?:^|[,;\\s])signature\\s*=\\s*(?:\"([^\"]*)\"|([^\\s,;\"]+))");

    private BodySign() {
    }

    /**
     * Base64 HMAC-SHA256 of {@code body} under {@code key}. The body must be the exact bytes written to the
     * wire: trailing whitespace changes the signature.
     *
     * @throws IllegalArgumentException if {@code key} is null or empty
     */
    public static String signature(String key, byte[] body) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty");
        }
        return Base64.getEncoder().encodeToString(
                Crypto.hmacSha256(key.getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * The header value in the exact layout Huawei prints, including the space after {@code signature=}:
     * {@code sign_type="HMAC-SHA256", signature= "<base64>"}.
     */
    public static String header(String key, byte[] body) {
        return "sign_type=\"HMAC-SHA256\", signature= \"" + signature(key, body) + "\"";
    }

    /** The base64 value of the {@code signature} parameter of a header value; empty if absent or null. */
    public static Optional<String> parseSignature(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        Matcher m = SIGNATURE_PARAM.matcher(headerValue);
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1) != null ? m.group(1) : m.group(2);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Whether {@code headerValue} carries the right signature for {@code body}; constant-time on the decoded
     * bytes. False, never an exception, for a null key, body or header, or an undecodable signature.
     */
    public static boolean verify(String key, byte[] body, String headerValue) {
        if (key == null || key.isEmpty() || body == null) {
            return false;
        }
        Optional<String> received = parseSignature(headerValue);
        if (received.isEmpty()) {
            return false;
        }
        byte[] receivedMac;
        try {
            receivedMac = Base64.getDecoder().decode(received.get());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = Crypto.hmacSha256(key.getBytes(StandardCharsets.UTF_8), body);
        return MessageDigest.isEqual(expected, receivedMac);
    }
}
