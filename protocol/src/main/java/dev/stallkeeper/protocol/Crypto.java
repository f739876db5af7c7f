package dev.stallkeeper.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC, digest and comparison primitives shared by the signature classes. */
final class Crypto {

    private static final HexFormat HEX = HexFormat.of();

    private Crypto() {
    }

    /**
     * HMAC-SHA256 of {@code data} under the UTF-8 bytes of {@code key}.
     *
     * @throws IllegalArgumentException if the key is null or empty (the JCE refuses empty HMAC keys)
     */
    static byte[] hmacSha256(String key, String data) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("HMAC key must not be null or empty");
        }
        return hmacSha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        return hmacSha256(key, new byte[][] {data});
    }

    /** HMAC-SHA256 of the concatenation of {@code parts} under {@code key}, without building the concatenation. */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        try {
            // Mac instances are not thread-safe: one per thread, re-keyed per call (looking the algorithm up
            // for every call cost more than the HMAC of a small body).
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String lowerHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Constant-time, case-insensitive comparison of an expected lower-hex value with a received one. */
    static boolean hexEquals(String expectedLowerHex, String received) {
        if (received == null) {
            return false;
        }
        byte[] a = expectedLowerHex.getBytes(StandardCharsets.US_ASCII);
        byte[] b = received.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    /** Constant-time comparison of two strings by their UTF-8 bytes (case-sensitive). */
    static boolean constantTimeEquals(String expected, String received) {
        if (expected == null || received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** True when {@code s} consists of exactly {@code length} hexadecimal digits, either case. */
    static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
