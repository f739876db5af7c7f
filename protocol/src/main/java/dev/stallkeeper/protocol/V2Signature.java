package dev.stallkeeper.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The V2 basic-interface request signature carried in the {@code signature}, {@code timestamp} and {@code nonce}
 * query parameters (spec §2.2.2):
 * <pre>
 * bodyDigest = lowerHex(HMAC_SHA256(key, RequestPayload))
 * signature  = hex(HMAC_SHA256(key, key + nonce + timestamp + bodyDigest))
 * </pre>
 * where RequestPayload is {@link CanonicalJson#canonicalize(byte[])} of the body. Freshness and nonce rules are
 * not checked here; see {@link RequestAuthenticator}.
 */
public final class V2Signature {

    /** Length of a hex HMAC-SHA256. */
    static final int HEX_LENGTH = 64;

    private V2Signature() {
    }

    /**
     * Lower-hex HMAC-SHA256 of {@code payload} (UTF-8) under {@code key}.
     *
     * @throws IllegalArgumentException if {@code key} is null or empty
     */
    public static String bodyDigest(String key, String payload) {
        return Crypto.lowerHex(Crypto.hmacSha256(key, payload));
    }

    /**
     * Lower-hex signature of a request, computed over the canonical payload of {@code rawBody}; the timestamp is
     * used exactly as the decimal string sent in the URL.
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
     * Whether {@code signature} (hex, either case) signs the request. The canonical payload is tried first; the raw
     * body, read as UTF-8, is tried next as a safety net for senders that sign the bytes they send (spec §2.2.3).
     * A body that is not a JSON object is checked against the raw form only. The comparison is constant-time.
     *
     * @return false, never an exception, when any argument is null or blank or the signature is not 64 hex digits
     */
    public static boolean verify(String key, String nonce, String timestamp, byte[] rawBody, String signature) {
        if (Crypto.isBlank(key) || Crypto.isBlank(nonce) || Crypto.isBlank(timestamp) || rawBody == null
                || !Crypto.isHex(signature, HEX_LENGTH)) {
            return false;
        }
        return verifyPrepared(key, nonce, timestamp, Payloads.of(rawBody), signature);
    }

    static String signPayload(String key, String nonce, String timestamp, String payload) {
        String canonicalRequest = key + nonce + timestamp + bodyDigest(key, payload);
        return Crypto.lowerHex(Crypto.hmacSha256(key, canonicalRequest));
    }

    /**
     * Verification with the body forms computed once, so that several keys can be tried cheaply. The raw bytes are
     * tried first: every KooGallery body seen is already canonical, so the canonical form (a streaming pass over the
     * body, no JSON tree) is computed only when the raw bytes do not verify.
     */
    static boolean verifyPrepared(String key, String nonce, String timestamp, Payloads body, String signature) {
        byte[] k = Crypto.utf8(key);
        if (Crypto.hexEquals(signRaw(k, nonce, timestamp, body.raw()), signature)) {
            return true;
        }
        return body.canonicalDiffers()
                && Crypto.hexEquals(signPayload(key, nonce, timestamp, body.canonical()), signature);
    }

    private static String signRaw(byte[] key, String nonce, String timestamp, byte[] payload) {
        String digest = Crypto.lowerHex(Crypto.hmacSha256(key, payload));
        return Crypto.lowerHex(Crypto.hmacSha256(key, key, Crypto.utf8(nonce), Crypto.utf8(timestamp),
                Crypto.utf8(digest)));
    }

    /**
     * The two candidate payloads of a body: the raw bytes as received, and the canonical form, computed on first use
     * (null when the body is not a JSON object).
     */
    static final class Payloads {

        private final byte[] raw;
        private String canonical;
        private boolean canonicalized;
        private boolean differs;

        private Payloads(byte[] raw) {
            this.raw = raw;
        }

        static Payloads of(byte[] rawBody) {
            return new Payloads(rawBody);
        }

        byte[] raw() {
            return raw;
        }

        String canonical() {
            if (!canonicalized) {
                canonicalized = true;
                try {
                    canonical = CanonicalJson.canonicalize(raw);
                } catch (MalformedBodyException | IllegalArgumentException e) {
                    canonical = null;
                }
                differs = canonical != null && !Arrays.equals(Crypto.utf8(canonical), raw);
            }
            return canonical;
        }

        /** Whether a canonical form exists and is not the raw body itself (already tried). */
        boolean canonicalDiffers() {
            canonical();
            return differs;
        }
    }
}
