package dev.stallkeeper.notification.application;

import java.time.Instant;
import dev.stallkeeper.platform.Clocks;
import java.time.format.DateTimeFormatter;

/**
 * One thing the seller must hear about, as an e-mail to the notification address. {@code eventKey} is unique per
 * event (the outbox's unique key keeps it to one e-mail however many nodes or ticks see it).
 */
public record Alert(String eventKey, Outbox.Kind kind, String subject, String body) {

    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(Clocks.BEIJING);

    /** An instant as people read it in an alert: Beijing time to the minute. */
    public static String beijing(Instant instant) {
        return BEIJING.format(instant);
    }
}
