package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KooTimeTest {

    @Test
    void parsesFourteenDigits() {
        assertThat(KooTime.parseExpireTime("20240101000000")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(KooTime.parseExpireTime("20230726155959")).isEqualTo(Instant.parse("2023-07-26T15:59:59Z"));
    }

    @Test
    void parsesSeventeenDigitsWithMilliseconds() {
        assertThat(KooTime.parseExpireTime("20221124023618256")).isEqualTo(Instant.parse("2022-11-24T02:36:18.256Z"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2024010100000", "202401010000000", "2024010100000000", "202401010000000000",
            "2024-01-01T00:00", "2024010100000a", "20241301000000", "20240230000000", "20240101240000",
            "20240101006000", "20240101000060", " 20240101000000", "２０２４０１０１００００００"})
    void rejectsGarbageAndImpossibleDates(String value) {
        assertThatThrownBy(() -> KooTime.parseExpireTime(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsAndRoundTrips() {
        Instant t = Instant.parse("2022-11-24T02:36:18.256789Z");
        assertThat(KooTime.format14(t)).isEqualTo("20221124023618");
        assertThat(KooTime.format17(t)).isEqualTo("20221124023618256");
        assertThat(KooTime.formatUsage(t)).isEqualTo("20221124T023618Z");
        assertThat(KooTime.parseExpireTime(KooTime.format17(t))).isEqualTo(Instant.parse("2022-11-24T02:36:18.256Z"));
        assertThat(KooTime.parseUsage("20231114T010500Z")).isEqualTo(Instant.parse("2023-11-14T01:05:00Z"));
        assertThat(KooTime.formatUsage(Instant.parse("2019-11-15T03:36:55Z"))).isEqualTo("20191115T033655Z");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "20231114T010500", "20231114 010500Z", "20231314T010500Z", "2023-11-14T01:05:00Z"})
    void parseUsageRejectsOtherShapes(String value) {
        assertThatThrownBy(() -> KooTime.parseUsage(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signatureTimestampOfTenDigitsIsSecondsOfThirteenMilliseconds() {
        assertThat(KooTime.parseSignatureTimestamp("1680508066618")).isEqualTo(Instant.ofEpochMilli(1680508066618L));
        assertThat(KooTime.parseSignatureTimestamp("1680508066")).isEqualTo(Instant.ofEpochSecond(1680508066L));
    }

    /** Nonce and timestamp are signed without a separator: only one split of "nonce + timestamp" may verify. */
    @ParameterizedTest
    @ValueSource(strings = {"01680508066618", "0168050806", "0680508066618", "0000000000", "168050806661",
            "16805080666", "99999999999", "100000000000", "16805080666180", "168050806", "1"})
    void signatureTimestampRejectsLeadingZerosAndOtherLengths(String value) {
        assertThatThrownBy(() -> KooTime.parseSignatureTimestamp(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "-1680508066618", "+1680508066618", "1680508066618 ", "1.5e12",
            "99999999999999999999"})
    void signatureTimestampRejectsNonDigits(String value) {
        assertThatThrownBy(() -> KooTime.parseSignatureTimestamp(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
