package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V2SignatureTest {

    private static final String KEY = "xxxxxxx";
    private static final String NONCE_12 = "0123456789abcdef0123456789abcdef";
    private static final String TS_12 = "1700000000000";

    static final String TV7_NONCE = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
    static final String TV7_TS = "1680508066618";
    static final String TV7_PAYLOAD = "{\"activity\":\"newInstance\",\"businessId\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\","
            + "\"orderId\":\"CS2211181819B4LVS\",\"orderLineId\":\"CS2211181819B4LVS-000001\",\"testFlag\":\"1\"}";
    static final String TV7_SIGNATURE = "5cba99cdfd4be412ef7ee87accf419acfc21297ae13a457e8776a5d0693ae907";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("TV-7: V2 newInstance doc example, key xxxxxxx; upper-case signature accepted")
    void tv7() {
        String digest = V2Signature.bodyDigest(KEY, TV7_PAYLOAD);
        assertThat(digest).isEqualTo("0fae6a8a779554e964b26ad4bdbf7acfb143e2d6c53ff52405206110fc18c80d");
        assertThat(KEY + TV7_NONCE + TV7_TS + digest).isEqualTo("xxxxxxx"
                + "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA1680508066618"
                + "0fae6a8a779554e964b26ad4bdbf7acfb143e2d6c53ff52405206110fc18c80d");
        assertThat(V2Signature.sign(KEY, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD))).isEqualTo(TV7_SIGNATURE);

        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD), TV7_SIGNATURE)).isTrue();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD),
                "5CBA99CDFD4BE412EF7EE87ACCF419ACFC21297AE13A457E8776A5D0693AE907")).isTrue();
    }

    @Test
    @DisplayName("TV-8: same request as TV-7, key kg-test-key-0001")
    void tv8() {
        String key = "kg-test-key-0001";
        assertThat(V2Signature.bodyDigest(key, TV7_PAYLOAD))
                .isEqualTo("5231187147378e9b33f78ad67e8ec5eb41e6bd2710b92ff1ca5c87b39bb72814");
        String expected = "3e0dae029e66d05b57e869fa15f9326e94d8a3d85228b266b42d903526675277";
        assertThat(V2Signature.sign(key, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD))).isEqualTo(expected);
        assertThat(V2Signature.verify(key, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD), expected)).isTrue();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD), expected)).isFalse();
    }

    @Test
    @DisplayName("TV-9: V2 updateInstanceStatus doc example")
    void tv9() {
        String nonce = "9F26B85CAEB3A8439221BA293E9250BC5EA689225B523C291EA75CC76B469510";
        String payload = "{\"activity\":\"updateInstanceStatus\",\"instanceId\":\"10e758d0-31ad-4c4b-8f1b-81d03469a10e\","
                + "\"status\":\"FREEZE\",\"testFlag\":\"1\"}";
        assertThat(V2Signature.bodyDigest(KEY, payload))
                .isEqualTo("153d854d53cf1ee5e4fa71900b7d5a1dd74d205a315d3286b2f9dd35a9801f08");
        assertThat(V2Signature.sign(KEY, nonce, "1680509558159", utf8(payload)))
                .isEqualTo("c5eec50f5abbd5fd923a99ef878a81a16e6cb0a7419902884cb83abeb9474832");
    }

    @Test
    @DisplayName("TV-10: orderNotify doc example")
    void tv10() {
        String payload = "{\"activity\":\"orderNotify\",\"orderId\":\"CS2211181819B4LVS\","
                + "\"orderLineId\":\"CS2211181819B4LVS-000001\",\"testFlag\":\"1\"}";
        assertThat(V2Signature.bodyDigest(KEY, payload))
                .isEqualTo("12e8c407c7d795e8d0ca2e9ef47c804f0dfa483521f19f9308ffabbdd49bb2f3");
        assertThat(V2Signature.sign(KEY, "Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA6", "1729566664115", utf8(payload)))
                .isEqualTo("f182de8421a85e10d8268728dc17a29ed0a6967da39e7d9c1b36e64e4e6849af");
    }

    @Test
    @DisplayName("TV-11: unsorted raw body with a null value is canonicalised, signed and verified")
    void tv11() {
        byte[] raw = utf8("{\"testFlag\":\"1\",\"orderId\":\"CS2211181819B4LVS\",\"activity\":\"releaseInstance\","
                + "\"orderLineId\":null,\"instanceId\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\"}");
        String canonical = CanonicalJson.canonicalize(raw);
        assertThat(canonical).isEqualTo("{\"activity\":\"releaseInstance\","
                + "\"instanceId\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\",\"orderId\":\"CS2211181819B4LVS\","
                + "\"testFlag\":\"1\"}");
        assertThat(V2Signature.bodyDigest(KEY, canonical))
                .isEqualTo("8a598934bed6674cd97e02e243a8e542c3c4cdb33669acf9c59fbcd2bcb707ef");
        String expected = "255d7cde2da521b44c59a6b9e223dfccab0e44bec130ffde57d7d6d9e90d8180";
        assertThat(V2Signature.sign(KEY, NONCE_12, TS_12, raw)).isEqualTo(expected);
        assertThat(V2Signature.verify(KEY, NONCE_12, TS_12, raw, expected)).isTrue();
    }

    @ParameterizedTest(name = "TV-12 row {index}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '{"activity":"refreshInstance","expireTime":"20240101000000","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2311141200ABCDE","orderLineId":"CS2311141200ABCDE-000001","scene":"RENEWAL","testFlag":"1"}' | 56b7b7086ae9aec37cb3ee775870dbe9c4b84e6a7aa1ac4a9d96e4c1c6986def | 5c666af27064bb6e7a3c7c6508d9255111de4aab7991f1a3dfbc7a6823b0225e
            '{"activity":"queryInstance","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8,10e758d0-31ad-4c4b-8f1b-81d03469a10e","testFlag":"1"}' | 82305a43a7db34c0742ce22eb211169933216fe4487d77d66e8961e01fa92b0e | 5926cde5749d27cb93dc61bbefbdffaef266419c712415809ce3a193f019ca8a
            '{"activity":"changeInstanceCheck","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8","productInfo":{"productId":"OFFI788963615933718528","skuCode":"a63ee5c9-4f86-11ed-9f95-fa163e8cb3b2","linearValue":10,"productName":"SaaS测试商品"},"testFlag":"1"}' | ba6ad9af02b2ccedc983bf3b3c2d6b0297417552fa4c1d3614dc830df69316cb | 084a230751dcfba5f193339bb6591c5343a0e78f1b2ab983a5e971044792a019
            """)
    void tv12(String payload, String digest, String signature) {
        // Every TV-12 payload is already canonical: canonicalisation must leave it byte for byte unchanged,
        // including the nested object's order and the raw Chinese characters.
        assertThat(CanonicalJson.canonicalize(utf8(payload))).isEqualTo(payload);
        assertThat(V2Signature.bodyDigest(KEY, payload)).isEqualTo(digest);
        assertThat(V2Signature.sign(KEY, NONCE_12, TS_12, utf8(payload))).isEqualTo(signature);
        assertThat(V2Signature.verify(KEY, NONCE_12, TS_12, utf8(payload), signature.toUpperCase(Locale.ROOT)))
                .isTrue();
    }

    @Test
    void rawBodyFallbackVerifiesASignatureOverTheUnsortedBytes() {
        String raw = "{\"testFlag\":\"1\",\"activity\":\"queryInstance\",\"instanceId\":\"a\"}";
        String overRaw = V2Signature.signPayload(KEY, NONCE_12, TS_12, raw);
        assertThat(overRaw).isNotEqualTo(V2Signature.sign(KEY, NONCE_12, TS_12, utf8(raw)));
        assertThat(V2Signature.verify(KEY, NONCE_12, TS_12, utf8(raw), overRaw)).isTrue();
    }

    @Test
    void tamperedOrMalformedInputIsFalseNotAnException() {
        byte[] body = utf8(TV7_PAYLOAD);
        String flipped = "6" + TV7_SIGNATURE.substring(1);
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, body, flipped)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, "1680508066619", body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE + "0", TV7_TS, body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, utf8(TV7_PAYLOAD.replace("\"1\"", "\"0\"")),
                TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(null, TV7_NONCE, TV7_TS, body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify("", TV7_NONCE, TV7_TS, body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, " ", TV7_TS, body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, null, body, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, null, TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, body, null)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, body, "zz" + TV7_SIGNATURE.substring(2))).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, body, TV7_SIGNATURE + "00")).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, utf8("[1,2"), TV7_SIGNATURE)).isFalse();
        assertThat(V2Signature.verify(KEY, TV7_NONCE, TV7_TS, new byte[] {(byte) 0xff}, TV7_SIGNATURE)).isFalse();
    }
}
