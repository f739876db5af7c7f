package dev.stallkeeper.protocol;

import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The deprecated V1 {@code authToken} (spec §2.5):
 * <pre>
 * authToken = base64(HMAC_SHA256(key + timeStamp, "k1=v1&amp;k2=v2&amp;..."))
 * </pre>
 * over every parameter except {@code authToken} itself, sorted by name, with URL-decoded values. The
 * {@code timeStamp} parameter is both signed and appended to the key.
 */
public final class V1AuthToken {

    /** The parameter that carries the token and is excluded from the signed string. */
    public static final String AUTH_TOKEN = "authToken";

    /** The parameter whose value is appended to the HMAC key. */
    public static final String TIME_STAMP = "timeStamp";

    private V1AuthToken() {
    }

    /**
     * Computes the token for URL-decoded parameters. Parameters with a null value are skipped (they cannot occur
     * on the wire); empty values are signed as {@code k=}.
     *
     * @throws IllegalArgumentException if {@code key} is null or empty or there is no {@code timeStamp} parameter
     */
    public static String compute(String key, Map<String, String> decodedParams) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty");
        }
        String timeStamp = decodedParams.get(TIME_STAMP);
        if (timeStamp == null) {
            throw new IllegalArgumentException("missing " + TIME_STAMP + " parameter");
        }
        return Base64.getEncoder().encodeToString(Crypto.hmacSha256(key + timeStamp, stringToSign(decodedParams)));
    }

    /**
     * Whether {@code token} is the token of the parameters; exact (case-sensitive) and constant-time. False, never an
     * exception, for null or missing inputs.
     */
    public static boolean verify(String key, Map<String, String> decodedParams, String token) {
        if (key == null || key.isEmpty() || decodedParams == null || token == null
                || decodedParams.get(TIME_STAMP) == null) {
            return false;
        }
        return Crypto.constantTimeEquals(compute(key, decodedParams), token);
    }

    /** The sorted {@code k=v&...} string the token signs. */
    static String stringToSign(Map<String, String> decodedParams) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(decodedParams).forEach((name, value) -> {
            if (!AUTH_TOKEN.equals(name) && value != null) {
                joined.add(name + "=" + value);
            }
        });
        return joined.toString();
    }
}
