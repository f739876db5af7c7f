package dev.stallkeeper.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them; plain Java so that the library parts need no CLI classes. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Reads {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s}, a bare number of seconds or ISO
     * {@code PT30S}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("pt") || text.startsWith("p")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not a duration: '" + value + "'");
            }
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        long nanos = 0;
        while (m.find() && m.start() == at) {
            double amount = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Math.round(amount * unit);
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new IllegalArgumentException(
                    "Not a duration: '" + value + "' (use e.g. 30s, 500ms, 2m, 1m30s)");
        }
        return Duration.ofNanos(nanos);
    }
}
