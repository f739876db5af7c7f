package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApigSignerTest {

    private static String sha256Hex(String s) {
        return HexFormat.of().formatHex(Crypto.sha256(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> headers(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("TV-14: APIG signing guide example")
    void tv14() {
        URI uri = URI.create("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
                + "?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
        String canonical = ApigSigner.canonicalRequest("GET", uri, headers("Content-Type", "application/json",
                "Host", "service.region.example.com", "X-Sdk-Date", "20191115T033655Z"), new byte[0]);
        assertThat(canonical).isEqualTo("""
                GET
                /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
                limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
                content-type:application/json
                host:service.region.example.com
                x-sdk-date:20191115T033655Z

                content-type;host;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(sha256Hex(canonical)).isEqualTo("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        String sk = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
        String signature = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";
        assertThat(ApigSigner.signature(sk, ApigSigner.stringToSign("20191115T033655Z", canonical)))
                .isEqualTo(signature);

        Map<String, String> signed = ApigSigner.sign("GET", uri, headers("Content-Type", "application/json"),
                null, "QTWAOYTTINDUT2QVKYUC", sk, Instant.parse("2019-11-15T03:36:55Z"));
        assertThat(signed).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Sdk-Date", "20191115T033655Z")
                .containsEntry("Authorization", "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                        + "SignedHeaders=content-type;host;x-sdk-date, Signature=" + signature)
                .hasSize(3);
    }

    @Test
    @DisplayName("TV-15: KooGallery license/activate example, extra x-stage header, canonical URI ends with /")
    void tv15() {
        URI uri = URI.create("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/license/activate");
        String canonical = ApigSigner.canonicalRequest("POST", uri, headers("Content-Type", "application/json",
                "Host", "mkt.myhuaweicloud.com", "X-Sdk-Date", "20240317T144237Z", "x-stage", "RELEASE"), null);
        assertThat(canonical.split("\n", -1)[1]).isEqualTo("/api/mkp-openapi-public/global/v1/license/activate/");
        assertThat(canonical.split("\n", -1)[8]).isEqualTo("content-type;host;x-sdk-date;x-stage");
        String signature = "77595ad624b6e4e49990b8c4e84bf1c287457fca61069c4e60b9b6765b52053d";
        assertThat(ApigSigner.signature("123", ApigSigner.stringToSign("20240317T144237Z", canonical)))
                .isEqualTo(signature);

        Map<String, String> signed = ApigSigner.sign("POST", uri,
                headers("Content-Type", "application/json", "x-stage", "RELEASE"), new byte[0], "test", "123",
                Instant.parse("2024-03-17T14:42:37Z"));
        assertThat(signed.get("Authorization")).isEqualTo("SDK-HMAC-SHA256 Access=test, "
                + "SignedHeaders=content-type;host;x-sdk-date;x-stage, Signature=" + signature);
    }

    @Test
    void encodesPathAndQueryPerRfc3986AndSortsQuery() {
        URI uri = URI.create("https://h.example/a%20b/%E5%BC%A0~x?z=1&b=%2F+&a=2&a=1&empty");
        String canonical = ApigSigner.canonicalRequest("get", uri, Map.of("Host", "h.example"), null);
        String[] lines = canonical.split("\n", -1);
        assertThat(lines[0]).isEqualTo("GET");
        assertThat(lines[1]).isEqualTo("/a%20b/%E5%BC%A0~x/");
        assertThat(lines[2]).isEqualTo("a=1&a=2&b=%2F%2B&empty=&z=1");
        assertThat(ApigSigner.canonicalRequest("GET", URI.create("https://h.example"), Map.of(), null)
                .split("\n", -1)[1]).isEqualTo("/");
    }

    @Test
    void signsHostWithNonDefaultPort() {
        URI uri = URI.create("http://localhost:8089/api/mkp-openapi-public/global/v1/order/query?orderId=X");
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        Map<String, String> signed = ApigSigner.sign("GET", uri, Map.of(), null, "ak", "sk", now);
        String expected = ApigSigner.signature("sk", ApigSigner.stringToSign("20240101T000000Z",
                ApigSigner.canonicalRequest("GET", uri,
                        Map.of("host", "localhost:8089", "x-sdk-date", "20240101T000000Z"), null)));
        assertThat(signed.get("Authorization")).endsWith("SignedHeaders=host;x-sdk-date, Signature=" + expected);
        assertThat(ApigSigner.hostOf(URI.create("https://h.example:443/"))).isEqualTo("h.example");
        assertThat(ApigSigner.hostOf(URI.create("https://h.example:8443/"))).isEqualTo("h.example:8443");
    }

    @Test
    void signThenVerifyRoundTripAndTamperingIsRejected() {
        URI uri = URI.create("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/isv/usage-data");
        byte[] body = "{\"usage_records\":[]}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2024-03-17T14:42:37Z");
        Clock clock = Clock.fixed(now.plusSeconds(30), ZoneOffset.UTC);
        Duration window = Duration.ofMinutes(15);
        Map<String, String> signed = ApigSigner.sign("POST", uri, headers("Content-Type", "application/json"), body,
                "AK1", "SK1", now);

        assertThat(ApigSigner.verify("POST", uri, signed, body, "AK1", "SK1", window, clock)).isTrue();
        // A server sees header names in its own case, and the Host header it received.
        Map<String, String> received = new TreeMap<>();
        signed.forEach((k, v) -> received.put(k.toLowerCase(), v));
        received.put("host", "mkt.myhuaweicloud.com");
        assertThat(ApigSigner.verify("POST", uri, received, body, "AK1", "SK1", window, clock)).isTrue();

        byte[] tampered = "{\"usage_records\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertThat(ApigSigner.verify("POST", uri, signed, tampered, "AK1", "SK1", window, clock)).isFalse();
        assertThat(ApigSigner.verify("PUT", uri, signed, body, "AK1", "SK1", window, clock)).isFalse();
        assertThat(ApigSigner.verify("POST", URI.create(uri + "?x=1"), signed, body, "AK1", "SK1", window, clock))
                .isFalse();
        assertThat(ApigSigner.verify("POST", uri, signed, body, "AK2", "SK1", window, clock)).isFalse();
        assertThat(ApigSigner.verify("POST", uri, signed, body, "AK1", "SK2", window, clock)).isFalse();

        Map<String, String> changedHeader = new HashMap<>(signed);
        changedHeader.put("Content-Type", "text/plain");
        assertThat(ApigSigner.verify("POST", uri, changedHeader, body, "AK1", "SK1", window, clock)).isFalse();

        Clock late = Clock.fixed(now.plus(window).plusSeconds(1), ZoneOffset.UTC);
        assertThat(ApigSigner.verify("POST", uri, signed, body, "AK1", "SK1", window, late)).isFalse();
        Clock early = Clock.fixed(now.minus(window).minusSeconds(1), ZoneOffset.UTC);
        assertThat(ApigSigner.verify("POST", uri, signed, body, "AK1", "SK1", window, early)).isFalse();
    }

    @Test
    void verifyRejectsMalformedAuthorizationWithoutThrowing() {
        URI uri = URI.create("https://h.example/p");
        Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
        Duration w = Duration.ofMinutes(5);
        Map<String, String> signed = ApigSigner.sign("GET", uri, Map.of(), null, "ak", "sk", clock.instant());
        assertThat(ApigSigner.verify("GET", uri, signed, null, "ak", "sk", w, clock)).isTrue();

        for (String bad : new String[] {null, "", "Basic abc", "SDK-HMAC-SHA256 Access=ak",
                "SDK-HMAC-SHA256 Access=ak, SignedHeaders=host, Signature=" + "0".repeat(64),
                "SDK-HMAC-SHA256 Access=ak, SignedHeaders=Host;X-Sdk-Date, Signature=" + "0".repeat(64),
                "SDK-HMAC-SHA256 Access=ak, SignedHeaders=host;x-sdk-date, Signature=nothex"}) {
            Map<String, String> h = new HashMap<>(signed);
            h.put("Authorization", bad);
            assertThat(ApigSigner.verify("GET", uri, h, null, "ak", "sk", w, clock)).as(String.valueOf(bad)).isFalse();
        }
        // Without a Host header a server-relative URI gives no host to check against.
        assertThat(ApigSigner.verify("GET", URI.create("/p"), signed, null, "ak", "sk", w, clock)).isFalse();
        Map<String, String> withHost = new HashMap<>(signed);
        withHost.put("host", "h.example");
        assertThat(ApigSigner.verify("GET", URI.create("/p"), withHost, null, "ak", "sk", w, clock)).isTrue();
        Map<String, String> noDate = new HashMap<>(signed);
        noDate.remove("X-Sdk-Date");
        assertThat(ApigSigner.verify("GET", uri, noDate, null, "ak", "sk", w, clock)).isFalse();
        Map<String, String> badDate = new HashMap<>(signed);
        badDate.put("X-Sdk-Date", "yesterday");
        assertThat(ApigSigner.verify("GET", uri, badDate, null, "ak", "sk", w, clock)).isFalse();
    }

    @Test
    void signReplacesStaleDateAndAuthorizationAndLeavesInputUntouched() {
        Map<String, String> input = headers("x-sdk-date", "19990101T000000Z", "authorization", "old");
        Map<String, String> signed = ApigSigner.sign("GET", URI.create("https://h.example/p"), input, null, "ak", "sk",
                Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(input).containsOnlyKeys("x-sdk-date", "authorization");
        assertThat(signed).containsOnlyKeys("X-Sdk-Date", "Authorization");
        assertThat(signed.get("X-Sdk-Date")).isEqualTo("20240101T000000Z");
    }
}
