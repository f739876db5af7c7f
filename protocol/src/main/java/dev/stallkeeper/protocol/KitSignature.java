package dev.stallkeeper.protocol;

import java.util.Objects;

/**
 * The joint-operation Kit signature carried in the {@code x-sign}, {@code x-timestamp} and {@code x-nonce}
 * headers (spec §2.3):
 * <pre>
 * x-sign = hex(HMAC_SHA256(key, key + nonce + timestamp + RequestPayload))
 * </pre>
 * Unlike {@link V2Signature} the payload itself, not its digest, is concatenated. The key is the one bound to the
 * joint-op sync interface, which differs from the basic-interface key.
 */
public final class KitSignature {

    private KitSignature() {
    }

    /**
     * Lower-hex {@code x-sign} over the canonical payload of {@code rawBody}.
     *
     * @throws MalformedBodyException if {@code rawBody} is not a single JSON object
     * @throws IllegalArgumentException if {@code key} is null or empty
     * @throws NullPointerException if {@code nonce} or {@code timestamp} is null
     */
    public static String sign(String key, String nonce, String timestamp, byte[] rawBody) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(timestamp, "timestamp");
        return signPayload(key, nonce, timestamp, CanonicalJson.canonicalize(rawBody));
    }

    /**
     * Same contract as {@link V2Signature#verify}: canonical payload first, raw body as fallback, hex of either
     * case, constant-time comparison, false for null, blank or malformed input.
     */
    public static boolean verify(String key, String nonce, String timestamp, byte[] rawBody, String signature) {
        if (Crypto.isBlank(key) || Crypto.isBlank(nonce) || Crypto.isBlank(timestamp) || rawBody == null
                || !Crypto.isHex(signature, V2Signature.HEX_LENGTH)) {
            return false;
        }
        return verifyPrepared(key, nonce, timestamp, V2Signature.Payloads.of(rawBody), signature);
    }

    /** Verification with the body forms computed once; raw bytes first, as {@link V2Signature#verifyPrepared}. */
    static boolean verifyPrepared(String key, String nonce, String timestamp, V2Signature.Payloads body,
                                  String signature) {
        byte[] k = Crypto.utf8(key);
        String raw = Crypto.lowerHex(Crypto.hmacSha256(k, k, Crypto.utf8(nonce), Crypto.utf8(timestamp), body.raw()));
        if (Crypto.hexEquals(raw, signature)) {
            return true;
        }
        return body.canonicalDiffers()
                && Crypto.hexEquals(signPayload(key, nonce, timestamp, body.canonical()), signature);
    }

    static String signPayload(String key, String nonce, String timestamp, String payload) {
        return Crypto.lowerHex(Crypto.hmacSha256(key, key + nonce + timestamp + payload));
    }
}
