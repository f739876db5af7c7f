package dev.stallkeeper.platform;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Secret values in JSON text (passwords, client secrets, tokens, keys) replaced by a mask. Applied to every answer
 * before it enters the audit ({@code callback_log.response_body}: a tenant's application password is shown to the
 * buyer by KooGallery, not kept for 400 days in the seller's audit), and again wherever the console shows a body.
 * Pure and thread-safe.
 */
public final class SecretFields {

    /** What a secret value becomes. */
    public static final String MASK = "\u2022\u2022\u2022\u2022";

    private static final Pattern SECRET = Pattern.compile(
            "(\"(?:[A-Za-z]*[Pp]assword|[A-Za-z]*[Ss]ecret|accessToken|refreshToken|sk|[A-Za-z]*[Kk]ey)\"\\s*:\\s*)"
                    + "\"(?:[^\"\\\\]|\\\\.)*\"");

    private SecretFields() {
    }

    /** {@code json} with every secret string value masked; other text unchanged. */
    public static String mask(String json) {
        return SECRET.matcher(json).replaceAll("$1\"" + MASK + "\"");
    }

    /** {@code json} (UTF-8) with every secret string value masked; the same array when it holds none; null stays null. */
    public static byte[] mask(byte[] json) {
        if (json == null) {
            return null;
        }
        String text = new String(json, StandardCharsets.UTF_8);
        String masked = mask(text);
        return masked.equals(text) ? json : masked.getBytes(StandardCharsets.UTF_8);
    }
}
