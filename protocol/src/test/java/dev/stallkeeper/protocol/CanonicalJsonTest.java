package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static String canon(String json) {
        return CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sortsOnlyTopLevelKeysAndKeepsNestedOrder() {
        assertThat(canon("{\"b\":{\"z\":1,\"a\":2},\"a\":[{\"y\":1,\"x\":2},3]}"))
                .isEqualTo("{\"a\":[{\"y\":1,\"x\":2},3],\"b\":{\"z\":1,\"a\":2}}");
    }

    @Test
    void dropsTopLevelNullsOnlyAndKeepsEmptyStrings() {
        assertThat(canon("{\"c\":null,\"b\":\"\",\"a\":{\"n\":null},\"d\":[null]}"))
                .isEqualTo("{\"a\":{\"n\":null},\"b\":\"\",\"d\":[null]}");
    }

    @Test
    void keepsNumberTextExactly() {
        assertThat(canon("{\"orderAmount\":12.780,\"e\":1E+5,\"n\":-0,\"big\":123456789012345678901234567890}"))
                .isEqualTo("{\"big\":123456789012345678901234567890,\"e\":1E+5,\"n\":-0,\"orderAmount\":12.780}");
    }

    @Test
    void compactsWhitespaceAndWritesRawUtf8WithoutEscapingSlash() {
        assertThat(canon("{ \"url\" : \"https://a.example/x\" ,\n \"name\":\"\\u5f20\\u4e09\", \"t\" : true }"))
                .isEqualTo("{\"name\":\"张三\",\"t\":true,\"url\":\"https://a.example/x\"}");
    }

    @Test
    void escapesWhatJacksonEscapes() {
        assertThat(canon("{\"q\":\"a\\\"b\\\\c\\n\\u0001\"}")).isEqualTo("{\"q\":\"a\\\"b\\\\c\\n\\u0001\"}");
    }

    @Test
    void sortsByUtf16CodeUnitsLikeTreeMap() {
        assertThat(canon("{\"b\":1,\"B\":2,\"_\":3,\"a\":4}")).isEqualTo("{\"B\":2,\"_\":3,\"a\":4,\"b\":1}");
    }

    @Test
    void rejectsWhatIsNotASingleObject() {
        for (String bad : new String[] {"", "[]", "\"s\"", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":01}", "{\"a\":1"}) {
            assertThatThrownBy(() -> canon(bad)).as(bad).isInstanceOf(MalformedBodyException.class);
        }
        assertThatThrownBy(() -> CanonicalJson.canonicalize(null)).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void nestingLimitAppliesAsInJsonParseObject() {
        assertThat(canon(nested(32))).isEqualTo(nested(32));
        assertThatThrownBy(() -> canon(nested(33))).isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("nesting");
    }

    /** An object nested {@code depth} levels deep, the top-level object counting as 1. */
    static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }
}
