package dev.stallkeeper.protocol;

/**
 * A request or response body is not what the protocol requires: not valid UTF-8, not a single JSON
 * object, a duplicate key, nesting deeper than {@link Json#MAX_NESTING_DEPTH}, or trailing content.
 * The message says which and where; it quotes at most the offending token, never the whole body.
 */
public class MalformedBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(message);
    }

    public MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
