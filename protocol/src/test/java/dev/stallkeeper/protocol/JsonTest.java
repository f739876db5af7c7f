package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAnObjectWithExactDecimals() {
        ObjectNode node = Json.parseObject(utf8("{\"orderAmount\":12.780,\"n\":5}"));
        assertThat(node.get("orderAmount").decimalValue()).isEqualTo(new BigDecimal("12.780"));
        assertThat(new String(Json.write(node), StandardCharsets.UTF_8)).isEqualTo("{\"orderAmount\":12.780,\"n\":5}");
    }

    @Test
    void writesCompactRawUtf8WithoutEscapingSlash() {
        ObjectNode node = Json.mapper().createObjectNode().put("name", "SaaS测试商品").put("url", "https://a/b");
        assertThat(Json.write(node)).isEqualTo(utf8("{\"name\":\"SaaS测试商品\",\"url\":\"https://a/b\"}"));
    }

    @Test
    void mapperIgnoresUnknownProperties() throws Exception {
        record Small(String a) {
        }
        assertThat(Json.mapper().readValue("{\"a\":\"x\",\"b\":1}", Small.class)).isEqualTo(new Small("x"));
    }

    @Test
    void rejectsArraysAndScalars() {
        assertThatThrownBy(() -> Json.parseObject(utf8("[{\"a\":1}]")))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> Json.parseObject(utf8("42"))).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> Json.parseObject(utf8("null"))).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void rejectsEmptyAndWhitespaceBodies() {
        assertThatThrownBy(() -> Json.parseObject(null)).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> Json.parseObject(new byte[0])).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> Json.parseObject(utf8("  \n"))).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"a\":1} trailing")))
                .isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"a\":1}{\"b\":2}")))
                .isInstanceOf(MalformedBodyException.class);
        assertThat(Json.parseObject(utf8("{\"a\":1}\n")).get("a").intValue()).isEqualTo(1);
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"activity\":\"a\",\"activity\":\"b\"}")))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("Duplicate field 'activity'");
        assertThatThrownBy(() -> Json.parseObject(utf8("{\"p\":{\"x\":1,\"x\":2}}")))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void rejectsNestingDeeperThan32() {
        assertThat(Json.parseObject(utf8(CanonicalJsonTest.nested(32)))).isNotNull();
        assertThatThrownBy(() -> Json.parseObject(utf8(CanonicalJsonTest.nested(33))))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("nesting depth");
        String deepArrays = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertThatThrownBy(() -> Json.parseObject(utf8(deepArrays))).isInstanceOf(MalformedBodyException.class);
    }

    @Test
    void rejectsInvalidUtf8AndOtherEncodings() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Json.parseObject(latin1))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("UTF-8");
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> Json.parseObject(utf16)).isInstanceOf(MalformedBodyException.class);
        byte[] withBom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};
        assertThatThrownBy(() -> Json.parseObject(withBom)).isInstanceOf(MalformedBodyException.class);
    }
}
