package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.protocol.RequestAuthenticator.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

    private static final String KEY = "xxxxxxx";
    private static final Instant NOW = Instant.ofEpochMilli(1680508066618L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = V2SignatureTest.TV7_PAYLOAD.getBytes(StandardCharsets.UTF_8);
    private static final String NONCE = V2SignatureTest.TV7_NONCE;

    private final RequestAuthenticator auth = new RequestAuthenticator(List.of(KEY), Duration.ofSeconds(60), CLOCK);

    private Verdict at(long offsetMillis) {
        String ts = Long.toString(NOW.toEpochMilli() + offsetMillis);
        return auth.authenticate(V2Signature.sign(KEY, NONCE, ts, BODY), ts, NONCE, BODY);
    }

    private static void assertRejected(Verdict v, ResultCode code) {
        assertThat(v.accepted()).isFalse();
        assertThat(v.resultCode()).isEqualTo(code);
        assertThat(v.keyIndex()).isEqualTo(-1);
    }

    @Test
    void acceptsTv7AtItsOwnTime() {
        Verdict v = auth.authenticate(V2SignatureTest.TV7_SIGNATURE, V2SignatureTest.TV7_TS, NONCE, BODY);
        assertThat(v.accepted()).isTrue();
        assertThat(v.resultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(v.keyIndex()).isZero();
        assertThat(v.timestamp()).isEqualTo(NOW);
    }

    @Test
    void acceptsWithin59SecondsEitherWay() {
        assertThat(at(-59_000).accepted()).isTrue();
        assertThat(at(59_000).accepted()).isTrue();
        assertThat(at(-60_000).accepted()).isTrue();
        assertThat(at(60_000).accepted()).isTrue();
    }

    @Test
    void rejectsStaleAndFutureTimestampsWithInvalidParam() {
        Verdict stale = at(-61_000);
        assertRejected(stale, ResultCode.INVALID_PARAM);
        assertThat(stale.resultCode().code()).isEqualTo("000002");
        assertThat(stale.reason()).isEqualTo("timestamp outside window");
        assertRejected(at(61_000), ResultCode.INVALID_PARAM);
        assertRejected(at(-60_001), ResultCode.INVALID_PARAM);
    }

    @Test
    void acceptsATimestampInSeconds() {
        String ts = Long.toString(NOW.getEpochSecond());
        Verdict v = auth.authenticate(V2Signature.sign(KEY, NONCE, ts, BODY), ts, NONCE, BODY);
        assertThat(v.accepted()).isTrue();
        assertThat(v.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond()));
    }

    @Test
    void missingOrBadTimestampIsInvalidParam() {
        String sig = V2SignatureTest.TV7_SIGNATURE;
        assertRejected(auth.authenticate(sig, null, NONCE, BODY), ResultCode.INVALID_PARAM);
        assertRejected(auth.authenticate(sig, " ", NONCE, BODY), ResultCode.INVALID_PARAM);
        Verdict nonNumeric = auth.authenticate(sig, "16805080666l8", NONCE, BODY);
        assertRejected(nonNumeric, ResultCode.INVALID_PARAM);
        assertThat(nonNumeric.timestamp()).isNull();
    }

    @Test
    void missingOrOverlongNonceIsInvalidParam() {
        String sig = V2SignatureTest.TV7_SIGNATURE;
        String ts = V2SignatureTest.TV7_TS;
        assertRejected(auth.authenticate(sig, ts, null, BODY), ResultCode.INVALID_PARAM);
        assertRejected(auth.authenticate(sig, ts, "", BODY), ResultCode.INVALID_PARAM);
        String longNonce = "n".repeat(129);
        assertRejected(auth.authenticate(V2Signature.sign(KEY, longNonce, ts, BODY), ts, longNonce, BODY),
                ResultCode.INVALID_PARAM);
        String maxNonce = "n".repeat(128);
        assertThat(auth.authenticate(V2Signature.sign(KEY, maxNonce, ts, BODY), ts, maxNonce, BODY).accepted())
                .isTrue();
    }

    @Test
    void missingOrFlippedSignatureIsAuthFailed() {
        String ts = V2SignatureTest.TV7_TS;
        assertRejected(auth.authenticate(null, ts, NONCE, BODY), ResultCode.AUTH_FAILED);
        assertRejected(auth.authenticate("", ts, NONCE, BODY), ResultCode.AUTH_FAILED);
        String sig = V2SignatureTest.TV7_SIGNATURE;
        String flipped = sig.substring(0, 10) + (sig.charAt(10) == '0' ? '1' : '0') + sig.substring(11);
        Verdict v = auth.authenticate(flipped, ts, NONCE, BODY);
        assertRejected(v, ResultCode.AUTH_FAILED);
        assertThat(v.resultCode().code()).isEqualTo("000001");
        assertRejected(auth.authenticate(sig, ts, NONCE, "{\"activity\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                ResultCode.AUTH_FAILED);
    }

    @Test
    void checksTimestampBeforeNonceBeforeSignature() {
        assertRejected(auth.authenticate(null, "1000000000", null, BODY), ResultCode.INVALID_PARAM);
        assertThat(auth.authenticate(null, "1000000000", null, BODY).reason()).isEqualTo("timestamp outside window");
        assertThat(auth.authenticate(null, V2SignatureTest.TV7_TS, null, BODY).reason()).isEqualTo("missing nonce");
    }

    @Test
    void anyConfiguredKeyVerifiesAndItsIndexIsReported() {
        RequestAuthenticator rotating = new RequestAuthenticator(List.of("new-key", KEY), Duration.ofSeconds(60), CLOCK);
        Verdict v = rotating.authenticate(V2SignatureTest.TV7_SIGNATURE, V2SignatureTest.TV7_TS, NONCE, BODY);
        assertThat(v.accepted()).isTrue();
        assertThat(v.keyIndex()).isEqualTo(1);
        String ts = V2SignatureTest.TV7_TS;
        assertThat(rotating.authenticate(V2Signature.sign("new-key", NONCE, ts, BODY), ts, NONCE, BODY).keyIndex())
                .isZero();
        RequestAuthenticator other = new RequestAuthenticator(List.of("new-key"), Duration.ofSeconds(60), CLOCK);
        assertRejected(other.authenticate(V2SignatureTest.TV7_SIGNATURE, ts, NONCE, BODY), ResultCode.AUTH_FAILED);
    }

    @Test
    void constructorRejectsBadConfiguration() {
        assertThatThrownBy(() -> new RequestAuthenticator(List.of(), Duration.ofSeconds(60), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestAuthenticator(List.of(""), Duration.ofSeconds(60), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestAuthenticator(List.of(KEY), Duration.ofSeconds(-1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kitAuthenticatorAcceptsTv13AtItsOwnTimeAndRefusesTheV2SchemeAndStaleCalls() {
        byte[] tenant = ("{\"domainName\":\"https://example.tenantaccount.com\",\"flag\":1,\"instanceId\":\"huaiweitest123456\","
                + "\"name\":\"huaiweitest\",\"orderId\":\"CS1906666666ABCDE\",\"tenantCode\":\"huawei\","
                + "\"tenantId\":\"68cbc86abc2018ab880d92f36422fa0e\",\"testFlag\":0,\"timeStamp\":\"20220413093539534\"}")
                .getBytes(StandardCharsets.UTF_8);
        String ts = "1680508066618";
        String sign = "46e815abb27c2b601238029454050df77257dde9f3be320cf51d902666d43e74";
        // the kit key first in a rotation list is not required: the second key verifies too
        RequestAuthenticator kit = RequestAuthenticator.kit(List.of("new-kit-key", KEY), Duration.ofSeconds(60), CLOCK);
        Verdict v = kit.authenticate(sign.toUpperCase(), ts, NONCE, tenant);
        assertThat(v.accepted()).isTrue();
        assertThat(v.keyIndex()).isEqualTo(1);
        // a V2-scheme signature over the same request is not a kit signature, and vice versa
        assertRejected(kit.authenticate(V2Signature.sign(KEY, NONCE, ts, tenant), ts, NONCE, tenant), ResultCode.AUTH_FAILED);
        assertRejected(auth.authenticate(sign, ts, NONCE, tenant), ResultCode.AUTH_FAILED);
        String stale = Long.toString(NOW.toEpochMilli() - 61_000);
        assertRejected(kit.authenticate(KitSignature.sign(KEY, NONCE, stale, tenant), stale, NONCE, tenant),
                ResultCode.INVALID_PARAM);
        assertRejected(kit.authenticate(sign, ts, null, tenant), ResultCode.INVALID_PARAM);
    }
}
