package dev.stallkeeper.platform;

import jakarta.ejb.ApplicationException;
import java.util.Objects;

/**
 * A business refusal with a message key (for translation and for API clients) and an English message: an
 * illegal workflow transition ({@link #conflict()} true: the thing is in the wrong state) or invalid input.
 * Rolls the transaction back; the admin API maps it to a 409 or 400 JSON error.
 */
@ApplicationException(rollback = true)
public class RefusedException extends RuntimeException {

    private final String key;
    private final boolean conflict;

    public RefusedException(String key, boolean conflict, String message) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
        this.conflict = conflict;
    }

    /** Dotted message key, e.g. {@code supervision.illegalTransition}. */
    public String key() {
        return key;
    }

    /** True for a transition the current state does not allow, false for invalid input. */
    public boolean conflict() {
        return conflict;
    }
}
