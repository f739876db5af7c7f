package dev.stallkeeper.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The time formats of the wire protocol, all in UTC.
 * <ul>
 *   <li>{@code expireTime}/{@code createTime}: {@code yyyyMMddHHmmss}, sometimes with milliseconds appended
 *       ({@code yyyyMMddHHmmssSSS}, spec §1.4.3);</li>
 *   <li>usage records and {@code X-Sdk-Date}: {@code yyyyMMdd'T'HHmmss'Z'} (spec §7.2, §7.4);</li>
 *   <li>signature timestamps: Unix milliseconds (13 digits) or seconds (10 digits) (spec §2.2.1).</li>
 * </ul>
 */
public final class KooTime {

    /** Timestamps below this are read as Unix seconds (year 5138 in seconds, March 1973 in milliseconds). */
    public static final long SECONDS_THRESHOLD = 100_000_000_000L;

    private static final DateTimeFormatter FORMAT14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter FORMAT17 = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");
    private static final DateTimeFormatter USAGE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private KooTime() {
    }

    /**
     * Parses an {@code expireTime}-style value of exactly 14 ({@code yyyyMMddHHmmss}) or 17
     * ({@code yyyyMMddHHmmssSSS}) ASCII digits as UTC.
     *
     * @throws IllegalArgumentException for null, any other length, non-digits, or an impossible date or time
     */
    public static Instant parseExpireTime(String value) {
        if (value == null || (value.length() != 14 && value.length() != 17) || !allDigits(value)) {
            throw new IllegalArgumentException("expected 14 or 17 digits (yyyyMMddHHmmss[SSS]), got "
                    + describe(value));
        }
        int millis = value.length() == 17 ? num(value, 14, 17) : 0;
        return toInstant(value, num(value, 0, 4), num(value, 4, 6), num(value, 6, 8),
                num(value, 8, 10), num(value, 10, 12), num(value, 12, 14), millis);
    }

    /** {@code yyyyMMddHHmmss} in UTC; sub-second precision is dropped, not rounded. */
    public static String format14(Instant instant) {
        return FORMAT14.format(utc(instant));
    }

    /** {@code yyyyMMddHHmmssSSS} in UTC; precision below milliseconds is dropped. */
    public static String format17(Instant instant) {
        return FORMAT17.format(utc(instant));
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} in UTC, as used by usage records and {@code X-Sdk-Date}. */
    public static String formatUsage(Instant instant) {
        return USAGE.format(utc(instant));
    }

    /**
     * Parses {@code yyyyMMdd'T'HHmmss'Z'} (exactly 16 characters).
     *
     * @throws IllegalArgumentException for null, another shape or an impossible date or time
     */
    public static Instant parseUsage(String value) {
        if (value == null || value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z'
                || !allDigits(value.substring(0, 8)) || !allDigits(value.substring(9, 15))) {
            throw new IllegalArgumentException("expected yyyyMMdd'T'HHmmss'Z', got " + describe(value));
        }
        return toInstant(value, num(value, 0, 4), num(value, 4, 6), num(value, 6, 8),
                num(value, 9, 11), num(value, 11, 13), num(value, 13, 15), 0);
    }

    /**
     * Parses a signature timestamp: exactly 10 (Unix seconds) or 13 (Unix milliseconds) decimal ASCII digits, the
     * first not {@code 0}. The signed string joins nonce and timestamp without a separator, so a timestamp that may
     * carry leading zeros or vary in length would let nonce {@code abc0} + timestamp {@code T} sign the same as nonce
     * {@code abc} + timestamp {@code 0T}; a fixed length without leading zeros leaves one way to split them.
     *
     * @throws IllegalArgumentException for null, another length, a leading zero or non-digits
     */
    public static Instant parseSignatureTimestamp(String value) {
        if (value == null || (value.length() != 10 && value.length() != 13) || !allDigits(value)
                || value.charAt(0) == '0') {
            throw new IllegalArgumentException("timestamp must be 10 or 13 digits without a leading zero, got "
                    + describe(value));
        }
        long n = Long.parseLong(value);
        return value.length() == 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
    }

    private static LocalDateTime utc(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            // The formats have a fixed four-digit year; anything else would not round-trip.
            throw new IllegalArgumentException("year outside 0000-9999: " + instant);
        }
        return t;
    }

    private static Instant toInstant(String source, int y, int mo, int d, int h, int mi, int s, int ms) {
        try {
            return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date-time: " + describe(source), e);
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    /** Quotes a value for an error message, cut short so that hostile input cannot flood logs. */
    private static String describe(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "\"";
    }
}
