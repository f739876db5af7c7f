package dev.stallkeeper.provisioning.spi;

/** The answer to a change pre-check; {@code reason} is shown to the buyer when the change is refused. */
public record ChangeCheck(boolean allowed, String reason) {
    public static ChangeCheck allow() {
        return new ChangeCheck(true, null);
    }

    public static ChangeCheck refuse(String reason) {
        return new ChangeCheck(false, reason);
    }
}
