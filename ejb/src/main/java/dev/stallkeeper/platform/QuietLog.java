package dev.stallkeeper.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Failures logged in one line each, with the stack trace of a cause only the first time it is seen and then at most
 * once per interval (with how many were logged without it meanwhile). When the database goes away every request
 * fails the same way: one stack trace says everything, thousands of them fill the disk (issue 18 measured 136 MB in
 * 30 s). A cause is the innermost throwable's class and message.
 */
public final class QuietLog {

    /** Where the lines go; the throwable is null when its trace is held back. */
    @FunctionalInterface
    public interface Sink {
        void write(String line, Throwable trace);
    }

    private static final int MAX_CAUSES = 256;
    private static final int MAX_MESSAGE = 300;

    private final Sink sink;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Seen> causes = new LinkedHashMap<>();

    private static final class Seen {
        Instant tracedAt;
        long withoutTrace;
    }

    public QuietLog(Sink sink, Clock clock, Duration interval) {
        this.sink = sink;
        this.clock = clock;
        this.interval = interval;
    }

    /** Warnings to {@code log}, a stack trace per cause at most once a minute. */
    public static QuietLog warnings(Logger log) {
        return at(log, Logger.Level.WARN);
    }

    /** Errors to {@code log}, a stack trace per cause at most once a minute. */
    public static QuietLog errors(Logger log) {
        return at(log, Logger.Level.ERROR);
    }

    private static QuietLog at(Logger log, Logger.Level level) {
        return new QuietLog((line, trace) -> log.log(level, line, trace), Clock.systemUTC(), Duration.ofMinutes(1));
    }

    /** Logs {@code message} and the cause in one line; the trace only when this cause's turn has come. */
    public void failure(String message, Throwable failure) {
        Throwable root = root(failure);
        String cause = root.getClass().getName() + ": " + oneLine(root.getMessage());
        Instant now = clock.instant();
        boolean trace;
        long suppressed;
        synchronized (causes) {
            Seen seen = causes.get(cause);
            if (seen == null) {
                if (causes.size() >= MAX_CAUSES) {
                    causes.remove(causes.keySet().iterator().next());
                }
                seen = new Seen();
                causes.put(cause, seen);
            }
            trace = seen.tracedAt == null || !now.isBefore(seen.tracedAt.plus(interval));
            suppressed = seen.withoutTrace;
            if (trace) {
                seen.tracedAt = now;
                seen.withoutTrace = 0;
            } else {
                seen.withoutTrace++;
            }
        }
        String line = oneLine(message) + " (" + cause + ")";
        if (trace) {
            sink.write(suppressed == 0 ? line : line + " [" + suppressed + " more with this cause since its last stack trace]",
                    failure);
        } else {
            sink.write(line, null);
        }
    }

    /** The innermost cause of {@code t}. */
    public static Throwable root(Throwable t) {
        Throwable r = t;
        for (int depth = 0; r.getCause() != null && r.getCause() != r && depth < 32; depth++) {
            r = r.getCause();
        }
        return r;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("[\\p{Cntrl}]+", " ").trim();
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
