package dev.stallkeeper.platform;

/**
 * One problem of refused input: its message, and the line of the file it is on when the input was a file (null
 * otherwise). The admin and usage APIs show it as {@code {"line": 3, "message": "..."}} ({@code line} only when set).
 */
public record Problem(Long line, String message) {

    public static Problem of(String message) {
        return new Problem(null, message);
    }

    @Override
    public String toString() {
        return line == null ? message : "line " + line + ": " + message;
    }
}
