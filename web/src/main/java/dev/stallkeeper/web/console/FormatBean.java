package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: Beijing time, to the second. */
@Named("format")
@ApplicationScoped
public class FormatBean {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Clocks.BEIJING);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
