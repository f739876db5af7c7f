package dev.stallkeeper.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpooledCallbackTest {

    @Test
    void anAuthenticatedCallbackComesBackAsItWasAnswered() {
        Instant at = Instant.now();
        CallbackLogEntry entry = new CallbackLogEntry(at, "newInstance", "CS1", "CS1-000001", null, false, "nonce-1",
                "000005", "temporarily unavailable; retry later", 7, "192.0.2.1",
                "{\"activity\":\"newInstance\"}".getBytes(StandardCharsets.UTF_8),
                "{\"resultCode\":\"000005\"}".getBytes(StandardCharsets.UTF_8));
        CallbackLogEntry back = SpooledCallback.decode(SpooledCallback.encode(entry)).auditedAfterOutage("k1");
        assertThat(back).usingRecursiveComparison().ignoringFields("outage", "spoolKey").isEqualTo(entry);
        assertThat(back.outage()).isTrue();
        assertThat(back.spoolKey()).isEqualTo("k1");
    }

    @Test
    void aRefusedCallbackKeepsOnlyItsMetadata() {
        byte[] prefix = "{\"forged\":".getBytes(StandardCharsets.UTF_8);
        CallbackLogEntry refused = CallbackLogEntry.refused(Instant.now(), "produce", "n", "000001", "bad signature",
                1, "192.0.2.9", 70_000, "ab".repeat(32), prefix, "{}".getBytes(StandardCharsets.UTF_8));
        byte[] spooled = SpooledCallback.encode(refused);
        assertThat(spooled.length).isLessThan(400); // size, hash and the short prefix: not the 70 kB body
        CallbackLogEntry back = SpooledCallback.decode(spooled);
        assertThat(back.refused()).isTrue();
        assertThat(back.bodySize()).isEqualTo(70_000);
        assertThat(back.requestBody()).isEqualTo(prefix);
        assertThat(back.orderId()).isNull();
    }
}
