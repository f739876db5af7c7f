package dev.stallkeeper.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.Objects;

/**
 * The family of business refusals: every context's refusal extends this (accounts, catalog, billing, settlement,
 * bill imports, invoices, supervisions, usage reports). It carries a message key (for translation and for API
 * clients), an English message, whether the thing is in the wrong state ({@link #conflict()}: HTTP 409) or the
 * input is invalid (400), and the input's problems one by one. An {@code @ApplicationException}: it reaches the
 * caller of an EJB as itself (not wrapped) and rolls the transaction back. The web module maps the whole family
 * with one mapper to one JSON shape.
 */
@ApplicationException(rollback = true, inherited = true)
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final boolean conflict;
    private final transient List<Problem> problems;

    public RefusedException(String key, boolean conflict, String message) {
        this(key, conflict, message, List.of());
    }

    public RefusedException(String key, boolean conflict, String message, List<Problem> problems) {
        super(message);
        this.key = Objects.requireNonNull(key, "key");
        this.conflict = conflict;
        this.problems = List.copyOf(problems);
    }

    /** Dotted message key, e.g. {@code supervision.illegalTransition}. */
    public String key() {
        return key;
    }

    /** True for a transition the current state does not allow, false for invalid input. */
    public boolean conflict() {
        return conflict;
    }

    /** The input's problems one by one (empty when the message says it all). */
    public List<Problem> problems() {
        return problems;
    }
}
