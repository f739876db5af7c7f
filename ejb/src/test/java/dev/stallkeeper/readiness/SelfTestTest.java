package dev.stallkeeper.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.BodySign;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The self-test's verdicts against stand-in production addresses (a JDK HTTP server in this JVM): one that accepts
 * every request, however forged, fails the security cases; one that cannot be reached fails once and is not sent more.
 */
class SelfTestTest {

    private static final String KEY = "self-test-key-0001";
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(Function<byte[], String> answer, boolean sign) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            byte[] body = answer.apply(request).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            if (sign) {
                exchange.getResponseHeaders().set(BodySign.HEADER, BodySign.header(KEY, body));
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static Map<String, SelfTest.CaseResult> byName(SelfTest.Result result) {
        return result.cases().stream().collect(Collectors.toMap(c -> c.name().replaceAll(" \\(.*", ""), c -> c,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void anAddressThatAcceptsForgedRequestsFailsTheSecurityCases() throws IOException {
        URI url = serve(request -> "{\"resultCode\":\"000000\",\"resultMsg\":\"ok\",\"instanceId\":\"i-1\"}", true);
        SelfTest.Result result = new SelfTest(SelfTest.client(), url, KEY, Duration.ofSeconds(60), 1024,
                Clock.systemUTC()).run();
        Map<String, SelfTest.CaseResult> cases = byName(result);
        assertThat(result.produceAddress()).hasToString(url + "/api/koogallery/produce");
        assertThat(cases.get("signed debug newInstance").passed()).isTrue();
        assertThat(cases.get("the same request again").passed()).isTrue();
        assertThat(cases.get("no signature").passed()).isFalse();
        assertThat(cases.get("no signature").problems()).containsExactly("answered 000000, expected 000001");
        assertThat(cases.get("stale timestamp").problems()).containsExactly("answered 000000, expected 000001 or 000002");
        assertThat(cases.get("oversized body").passed()).isFalse();
        assertThat(result.passed()).isEqualTo(2);
        assertThat(result.outside().tlsProtocol()).as("plain HTTP").isNull();
        assertThat(result.outside().headers()).containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Strict-Transport-Security", null);
    }

    @Test
    void anUnsignedAnswerIsAProblemEvenWithTheRightCode() throws IOException {
        URI url = serve(request -> "{\"resultCode\":\"000001\"}", false);
        SelfTest.Result result = new SelfTest(SelfTest.client(), url, KEY, Duration.ofSeconds(60), 1024,
                Clock.systemUTC()).run();
        assertThat(byName(result).get("no signature").problems()).containsExactly("no Body-Sign header");
    }

    @Test
    void anAddressThatDoesNotAnswerIsTriedOnce() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SelfTest.Result result = new SelfTest(SelfTest.client(), URI.create("http://127.0.0.1:" + closed), KEY,
                Duration.ofSeconds(60), 1024, Clock.systemUTC()).run();
        assertThat(result.outside().error()).contains("ConnectException");
        assertThat(result.cases()).isNotEmpty().allSatisfy(c -> assertThat(c.passed()).isFalse());
        assertThat(result.cases().get(1).problems()).containsExactly("not sent: the address did not answer before");
    }

    @Test
    void withoutAKeyNothingIsSent() throws IOException {
        URI url = serve(request -> "{}", false);
        SelfTest.Result result = new SelfTest(SelfTest.client(), url, null, Duration.ofSeconds(60), 1024,
                Clock.systemUTC()).run();
        assertThat(result.cases()).singleElement().satisfies(c ->
                assertThat(c.problems().get(0)).contains("KOOGALLERY_KEY is not set"));
    }
}
