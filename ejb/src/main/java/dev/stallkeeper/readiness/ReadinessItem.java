package dev.stallkeeper.readiness;

import java.util.Objects;

/**
 * One line of the go-live checklist: what was checked ({@code id}), how it stands, what was found (English, never a
 * secret) and, unless it is green, how to fix it.
 */
public record ReadinessItem(String id, Status status, String message, String howToFix) {

    /** Green: ready. Amber: works but needs a look, or could not be checked (the message says why). Red: blocks go-live. */
    public enum Status {
        GREEN, AMBER, RED
    }

    public ReadinessItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        howToFix = howToFix == null ? "" : howToFix;
    }

    static ReadinessItem green(String id, String message) {
        return new ReadinessItem(id, Status.GREEN, message, "");
    }

    static ReadinessItem amber(String id, String message, String howToFix) {
        return new ReadinessItem(id, Status.AMBER, message, howToFix);
    }

    static ReadinessItem red(String id, String message, String howToFix) {
        return new ReadinessItem(id, Status.RED, message, howToFix);
    }
}
