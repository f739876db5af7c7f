package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KitSignatureTest {

    private static final String KEY = "xxxxxxx";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("TV-13: Kit x-sign for tenantSync (from the unsorted doc body) and authSync (nested, Chinese)")
    void tv13() {
        String nonce = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
        String ts = "1680508066618";
        // Key order of the doc example, not sorted.
        byte[] tenantRaw = utf8("{\"instanceId\":\"huaiweitest123456\",\"orderId\":\"CS1906666666ABCDE\","
                + "\"tenantId\":\"68cbc86abc2018ab880d92f36422fa0e\",\"tenantCode\":\"huawei\",\"name\":\"huaiweitest\","
                + "\"domainName\":\"https://example.tenantaccount.com\",\"flag\":1,\"testFlag\":0,"
                + "\"timeStamp\":\"20220413093539534\"}");
        assertThat(CanonicalJson.canonicalize(tenantRaw)).isEqualTo("{\"domainName\":\"https://example.tenantaccount.com\","
                + "\"flag\":1,\"instanceId\":\"huaiweitest123456\",\"name\":\"huaiweitest\",\"orderId\":\"CS1906666666ABCDE\","
                + "\"tenantCode\":\"huawei\",\"tenantId\":\"68cbc86abc2018ab880d92f36422fa0e\",\"testFlag\":0,"
                + "\"timeStamp\":\"20220413093539534\"}");
        String tenantSign = "46e815abb27c2b601238029454050df77257dde9f3be320cf51d902666d43e74";
        assertThat(KitSignature.sign(KEY, nonce, ts, tenantRaw)).isEqualTo(tenantSign);
        assertThat(KitSignature.verify(KEY, nonce, ts, tenantRaw, tenantSign.toUpperCase())).isTrue();
        // The kit scheme signs the payload itself; the V2 scheme (digest) must not produce the same value.
        assertThat(V2Signature.sign(KEY, nonce, ts, tenantRaw)).isNotEqualTo(tenantSign);

        byte[] auth = utf8("{\"appId\":\"app-001\",\"currentSyncTime\":\"20231114120000000\",\"flag\":1,"
                + "\"instanceId\":\"huaiweitest123456\",\"tenantId\":\"68cbc86abc2018ab880d92f36422fa0e\",\"testFlag\":1,"
                + "\"timeStamp\":\"20231114120000000\",\"userList\":[{\"userName\":\"zhangsan\",\"name\":\"张三\","
                + "\"orgCode\":\"ORG001\",\"role\":\"admin\",\"enable\":\"true\"}]}");
        String authSign = "2163c169285220b635445173c3b46e9c2169868b5cf464c4229f4eeb2565fdb3";
        assertThat(KitSignature.sign(KEY, "0123456789abcdef0123456789abcdef", "1700000000000", auth))
                .isEqualTo(authSign);
        assertThat(KitSignature.verify(KEY, "0123456789abcdef0123456789abcdef", "1700000000000", auth, authSign))
                .isTrue();
    }

    @Test
    void wrongKeyTimestampOrMalformedInputIsFalse() {
        byte[] body = utf8("{\"a\":1}");
        String sig = KitSignature.sign(KEY, "n", "1700000000000", body);
        assertThat(KitSignature.verify(KEY, "n", "1700000000000", body, sig)).isTrue();
        assertThat(KitSignature.verify("other", "n", "1700000000000", body, sig)).isFalse();
        assertThat(KitSignature.verify(KEY, "n", "1700000000001", body, sig)).isFalse();
        assertThat(KitSignature.verify(KEY, null, "1700000000000", body, sig)).isFalse();
        assertThat(KitSignature.verify(KEY, "n", "1700000000000", body, "nothex")).isFalse();
        assertThat(KitSignature.verify(KEY, "n", "1700000000000", null, sig)).isFalse();
    }
}
