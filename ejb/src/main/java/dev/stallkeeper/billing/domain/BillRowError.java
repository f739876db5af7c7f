package dev.stallkeeper.billing.domain;

/** One problem of an imported bill file. {@code line} is the line the record starts on (1 = the header). */
public record BillRowError(long line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
