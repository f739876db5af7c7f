package dev.stallkeeper.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Authenticates a V2 basic-interface request (spec §2.2): timestamp freshness, nonce presence and the
 * {@link V2Signature} under any of the configured keys.
 *
 * <p>Checks run in the order timestamp, nonce, signature, and the first failure decides the result code, as in
 * Huawei's sample: a missing or stale timestamp and a missing nonce are {@link ResultCode#INVALID_PARAM}; a
 * missing or wrong signature is {@link ResultCode#AUTH_FAILED}. Nonce replay detection is not done here; it needs
 * shared state and belongs to the caller.
 *
 * <p>{@link #kit} authenticates the joint-operation Kit calls instead ({@code x-sign}/{@code x-timestamp}/{@code x-nonce}
 * headers, {@link KitSignature}, spec §2.3) with the same window, nonce and result-code rules.
 *
 * <p>Several keys support rotation: during an overlap both the old and the new key verify. Instances are immutable
 * and thread-safe.
 */
public final class RequestAuthenticator {

    /** Longest nonce accepted; Huawei's nonces are 16 to 64 characters. */
    public static final int MAX_NONCE_LENGTH = 128;

    private final List<String> keys;
    private final Duration window;
    private final Clock clock;
    private final boolean kitScheme;

    /**
     * @param keys   the accepted keys, current first; at least one, none null or empty
     * @param window the largest accepted |now - timestamp|, in either direction; not negative
     * @param clock  the source of "now"
     */
    public RequestAuthenticator(List<String> keys, Duration window, Clock clock) {
        this(keys, window, clock, false);
    }

    /** An authenticator of Kit calls ({@link KitSignature}); arguments as for the constructor. */
    public static RequestAuthenticator kit(List<String> keys, Duration window, Clock clock) {
        return new RequestAuthenticator(keys, window, clock, true);
    }

    private RequestAuthenticator(List<String> keys, Duration window, Clock clock, boolean kitScheme) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(clock, "clock");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        for (String key : keys) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("keys must not be null or empty");
            }
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
        this.keys = List.copyOf(keys);
        this.window = window;
        this.clock = clock;
        this.kitScheme = kitScheme;
    }

    /**
     * Authenticates one request. Never throws for bad input; the verdict carries the result code to answer with.
     *
     * @param signature the {@code signature} query parameter (hex, either case)
     * @param timestamp the {@code timestamp} query parameter, exactly as received
     * @param nonce     the {@code nonce} query parameter
     * @param rawBody   the request body bytes exactly as received
     */
    public Verdict authenticate(String signature, String timestamp, String nonce, byte[] rawBody) {
        Verdict credentials = checkCredentials(signature, timestamp, nonce);
        if (credentials != null) {
            return credentials;
        }
        Instant ts = KooTime.parseSignatureTimestamp(timestamp);
        if (rawBody == null) {
            return Verdict.rejected(ResultCode.AUTH_FAILED, "signature mismatch", ts);
        }
        // The body forms are computed once, whatever the number of keys; raw bytes first, canonical form on demand.
        V2Signature.Payloads body = V2Signature.Payloads.of(rawBody);
        for (int i = 0; i < keys.size(); i++) {
            boolean verified = kitScheme
                    ? KitSignature.verifyPrepared(keys.get(i), nonce, timestamp, body, signature)
                    : V2Signature.verifyPrepared(keys.get(i), nonce, timestamp, body, signature);
            if (verified) {
                return new Verdict(true, ResultCode.SUCCESS, "ok", i, ts);
            }
        }
        return Verdict.rejected(ResultCode.AUTH_FAILED, "signature mismatch", ts);
    }

    /**
     * Everything that can be checked without the body: a timestamp of exactly 10 or 13 digits (no leading zero)
     * inside the window, a nonce of printable ASCII no longer than {@value #MAX_NONCE_LENGTH}, and a signature of 64
     * hex digits. A request that fails here is refused without its body being read into memory.
     *
     * @return the refusal, or null when only the signature over the body remains to be checked
     */
    public Verdict checkCredentials(String signature, String timestamp, String nonce) {
        if (Crypto.isBlank(timestamp)) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "missing timestamp", null);
        }
        Instant ts;
        try {
            ts = KooTime.parseSignatureTimestamp(timestamp);
        } catch (IllegalArgumentException e) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "timestamp is not 10 or 13 digits", null);
        }
        if (Duration.between(ts, clock.instant()).abs().compareTo(window) > 0) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "timestamp outside window", ts);
        }
        if (Crypto.isBlank(nonce)) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "missing nonce", ts);
        }
        if (nonce.length() > MAX_NONCE_LENGTH) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "nonce longer than " + MAX_NONCE_LENGTH, ts);
        }
        if (!printableAscii(nonce)) {
            return Verdict.rejected(ResultCode.INVALID_PARAM, "nonce is not printable ASCII", ts);
        }
        if (Crypto.isBlank(signature)) {
            return Verdict.rejected(ResultCode.AUTH_FAILED, "missing signature", ts);
        }
        if (!Crypto.isHex(signature, V2Signature.HEX_LENGTH)) {
            return Verdict.rejected(ResultCode.AUTH_FAILED, "signature mismatch", ts);
        }
        return null;
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The outcome of {@link #authenticate}.
     *
     * @param accepted   whether the request is authentic and fresh
     * @param resultCode {@link ResultCode#SUCCESS} when accepted, otherwise the code to answer with
     * @param reason     a short, log-safe explanation (never contains a key or the signature)
     * @param keyIndex   index into the configured keys of the key that verified; -1 when not accepted
     * @param timestamp  the parsed request timestamp; null when it was missing or not numeric
     */
    public record Verdict(boolean accepted, ResultCode resultCode, String reason, int keyIndex, Instant timestamp) {

        public Verdict {
            Objects.requireNonNull(resultCode, "resultCode");
            Objects.requireNonNull(reason, "reason");
        }

        static Verdict rejected(ResultCode code, String reason, Instant timestamp) {
            return new Verdict(false, code, reason, -1, timestamp);
        }
    }
}
