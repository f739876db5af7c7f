package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsagePushMessageTest {

    private static UsagePushMessage.Record tv16() {
        return new UsagePushMessage.Record("87b94795-0603-4e24-8ae5-69420d60e3c8", Instant.parse("2023-11-14T01:05:00Z"),
                Instant.parse("2023-11-14T00:00:00Z"), Instant.parse("2023-11-14T01:00:00Z"), new BigDecimal("12.5000"),
                "3f2a7c1e-0b5d-4e8f-9a61-2c4d8e7f9b10", null);
    }

    @Test
    void theTv16RecordGivesTheTv16BodyAndSignature() {
        String body = UsagePushMessage.body(List.of(tv16()));
        assertThat(body).isEqualTo("{\"usage_records\":[{\"begin_time\":\"20231114T000000Z\",\"end_time\":"
                + "\"20231114T010000Z\",\"instance_id\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\",\"metering_sn\":"
                + "\"3f2a7c1e-0b5d-4e8f-9a61-2c4d8e7f9b10\",\"record_time\":\"20231114T010500Z\",\"usage_value\":\"12.5\"}]}");
        assertThat(UsagePushSignature.sign("xxxxxxx", "1699923900000", "3c8e1f2a-5b7d-4c9e-8f0a-1b2c3d4e5f60", body))
                .isEqualTo("vbiU5tEvVu6mPerZG9yCdY3E+yuf2V307KV7/OkAKfo=");
    }

    @Test
    void aCallCarriesOneToAThousandRecords() {
        List<UsagePushMessage.Record> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(tv16());
        }
        assertThat(UsagePushMessage.body(many.subList(0, 1000))).contains("usage_records");
        assertThatThrownBy(() -> UsagePushMessage.body(many)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsagePushMessage.body(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroNegativeOrTooPreciseValuesAreNeverSent() {
        for (String v : List.of("0", "0.0000", "-1", "1.00001")) {
            assertThatThrownBy(() -> new UsagePushMessage.Record("i", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                    new BigDecimal(v), "sn", null)).as(v).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void failuresAreFoundByMeteringSnOrByIndex() {
        UsagePushMessage.Response r = UsagePushMessage.parseResponse(("{\"resultCode\":\"MKT.0000\",\"resultMsg\":\"ok\","
                + "\"failed_records\":[{\"metering_sn\":\"b\",\"index\":1,\"error_code\":\"013\",\"error_msg\":\"released\"},"
                + "{\"index\":2,\"errorCode\":\"002\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.success()).isTrue();
        assertThat(r.failureOf("a", 0)).isNull();
        assertThat(r.failureOf("b", 1).errorCode()).isEqualTo("013");
        assertThat(r.failureOf("c", 2).errorCode()).isEqualTo("002");
    }
}
