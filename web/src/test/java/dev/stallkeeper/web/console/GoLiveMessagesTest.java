package dev.stallkeeper.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The go-live page names every checklist item, status and fix in both languages. */
class GoLiveMessagesTest {

    /** The checklist's items as issue 19 lists them. */
    private static final List<String> ITEMS = List.of("koogalleryKey", "kit", "queryOrder", "clock", "https", "smtp",
            "debugCall", "auditRetention", "adminAccount");

    @Test
    void everyItemStatusAndFixIsWordedInEnglishAndChinese() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties messages = new Properties();
            try (InputStream in = getClass().getResourceAsStream(bundle)) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (String item : ITEMS) {
                assertThat(messages.getProperty("golive.item." + item)).as(bundle + " " + item).isNotBlank();
                assertThat(messages.getProperty("golive.fix." + item)).as(bundle + " fix " + item).isNotBlank();
            }
            for (String status : List.of("GREEN", "AMBER", "RED")) {
                assertThat(messages.getProperty("golive.status." + status)).as(bundle + " " + status).isNotBlank();
            }
            assertThat(messages).containsKeys("golive.title", "golive.intro", "golive.report", "golive.reportDownload",
                    "golive.reportNotCovered", "golive.fromSettings");
        }
    }
}
