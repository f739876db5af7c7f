package dev.stallkeeper.audit.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.NodeMetrics;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.protocol.V2Signature;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackIntakeTest {

    private static final String KEY = "intake-test-key";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final String TS = Long.toString(NOW.toEpochMilli());
    private static final String NONCE = "N0NCE0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A body that would cost a large JSON tree: an order id first, then many empty objects. */
    private static final byte[] HOSTILE = ("{\"activity\":\"newInstance\",\"orderId\":\"CS-FAKE\",\"x\":["
            + "{},".repeat(30_000) + "{}]}").getBytes(StandardCharsets.UTF_8);

    private final List<CallbackLogEntry> audited = new ArrayList<>();
    private final List<String> claimed = new ArrayList<>();
    private final AtomicInteger parsed = new AtomicInteger();
    private final AtomicInteger dispatched = new AtomicInteger();
    private CallbackIntake intake;

    @BeforeEach
    void setUp() {
        intake = intake(Map.of());
    }

    private CallbackIntake intake(Map<String, String> settings) {
        CallbackIntake i = new CallbackIntake();
        i.journal = new CallbackJournal() {
            @Override
            public NonceClaim claimNonce(String nonce, String bodySha256, Instant now) {
                claimed.add(nonce);
                return new Fresh();
            }

            @Override
            public void complete(String nonce, byte[] response, CallbackLogEntry entry) {
                audited.add(entry);
            }

            @Override
            public void record(CallbackLogEntry entry) {
                audited.add(entry);
            }
        };
        i.config = new StallkeeperConfig(settings, Map.of());
        i.clock = CLOCK;
        i.audit = new CallbackAudit();
        i.audit.journal = i.journal;
        i.audit.config = i.config;
        i.audit.metrics = new NodeMetrics();
        i.init();
        i.parser = bytes -> {
            parsed.incrementAndGet();
            return Json.parseObject(bytes);
        };
        return i;
    }

    /** The production address's shape, with a dispatcher that counts and succeeds. */
    private final CallbackChannel channel = new CallbackChannel() {
        @Override
        public String name() {
            return "produce";
        }

        @Override
        public List<String> keys() {
            return List.of(KEY);
        }

        @Override
        public RequestAuthenticator authenticator() {
            return new RequestAuthenticator(keys(), Duration.ofSeconds(60), CLOCK);
        }

        @Override
        public int maxBodyBytes() {
            return 4 * 1024 * 1024;
        }

        @Override
        public byte[] nonceScope() {
            return new byte[0];
        }

        @Override
        public AuditKeys auditKeys(ObjectNode body) {
            return new AuditKeys(AuditKeys.text(body, "activity"), AuditKeys.text(body, "orderId"), null, null, false);
        }

        @Override
        public ProduceResponse dispatch(ObjectNode body) {
            dispatched.incrementAndGet();
            return ProduceResponse.of(ResultCode.SUCCESS);
        }

        @Override
        public ProduceResponse dispatchInTransaction(ObjectNode body, boolean busy) {
            return "inline".equals(AuditKeys.text(body, "activity")) ? ProduceResponse.of(ResultCode.SUCCESS) : null;
        }
    };

    private CallbackAnswer send(String signature, String timestamp, byte[] body) throws Exception {
        return intake.handle(channel, new CallbackIntake.Arrival(signature, timestamp, NONCE, "192.0.2.1", NOW,
                body.length), new ByteArrayInputStream(body));
    }

    private void assertNothingParsedAndMetadataOnly(byte[] body) throws Exception {
        assertThat(parsed).hasValue(0);
        assertThat(dispatched).hasValue(0);
        assertThat(claimed).isEmpty();
        assertThat(audited).hasSize(1);
        CallbackLogEntry entry = audited.get(0);
        assertThat(entry.refused()).isTrue();
        assertThat(entry.activity()).isEqualTo("produce");
        assertThat(entry.orderId()).isNull();
        assertThat(entry.orderLineId()).isNull();
        assertThat(entry.instanceIds()).isNull();
        assertThat(entry.bodySize()).isEqualTo(body.length);
        assertThat(entry.bodySha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(entry.requestBody()).hasSizeLessThanOrEqualTo(BodyMetadata.PREFIX_BYTES)
                .isEqualTo(Arrays.copyOf(body, Math.min(body.length, BodyMetadata.PREFIX_BYTES)));
    }

    @Test
    void anUnsignedRequestIsAnsweredWithoutItsBodyParsedAndAuditedAsMetadata() throws Exception {
        intake.parser = bytes -> fail("an unsigned body must not be parsed");
        CallbackAnswer answer = send(null, TS, HOSTILE);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.AUTH_FAILED.code());
        assertNothingParsedAndMetadataOnly(HOSTILE);
    }

    @Test
    void aMisSignedRequestIsAnsweredWithoutItsBodyParsedAndAuditedAsMetadata() throws Exception {
        intake.parser = bytes -> fail("a mis-signed body must not be parsed");
        String wrong = V2Signature.sign("another-key", NONCE, TS, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        CallbackAnswer answer = send(wrong, TS, HOSTILE);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.AUTH_FAILED.code());
        assertNothingParsedAndMetadataOnly(HOSTILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "12", "14", "leading-zero-ms", "leading-zero-s"})
    void timestampsOtherThanTenOrThirteenDigitsAreRefusedUnparsed(String shape) throws Exception {
        String ts = switch (shape) {
            case "leading-zero-ms" -> "0" + TS.substring(1);
            case "leading-zero-s" -> "0" + TS.substring(0, 9);
            case "0" -> "0" + TS; // 14 digits that parse to the right instant: the nonce/timestamp split attack
            default -> (TS + "000").substring(0, Integer.parseInt(shape));
        };
        byte[] body = "{\"activity\":\"newInstance\",\"orderId\":\"CS1\"}".getBytes(StandardCharsets.UTF_8);
        intake.parser = bytes -> fail("must not be parsed");
        CallbackAnswer answer = send(V2Signature.sign(KEY, NONCE, ts, body), ts, body);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.INVALID_PARAM.code());
        assertThat(answer.resultMsg()).isEqualTo("timestamp is not 10 or 13 digits");
        assertNothingParsedAndMetadataOnly(body);
    }

    @Test
    void aSignedRequestIsParsedOnceDispatchedAndAuditedWithItsKeys() throws Exception {
        byte[] body = "{\"activity\":\"newInstance\",\"orderId\":\"CS1\"}".getBytes(StandardCharsets.UTF_8);
        CallbackAnswer answer = send(V2Signature.sign(KEY, NONCE, TS, body), TS, body);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.SUCCESS.code());
        assertThat(parsed).hasValue(1);
        assertThat(dispatched).hasValue(1);
        assertThat(claimed).containsExactly(NONCE);
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.refused()).isFalse();
            assertThat(e.orderId()).isEqualTo("CS1");
            assertThat(e.requestBody()).isEqualTo(body);
        });
    }

    @Test
    void theCommonPathRunsInOneTransactionAndTheRestTakesTheDurablePath() throws Exception {
        AtomicInteger transactions = new AtomicInteger();
        intake.transactions = new CallbackTransaction() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                transactions.incrementAndGet();
                return work.get();
            }
        };
        byte[] inline = "{\"activity\":\"inline\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(send(V2Signature.sign(KEY, NONCE, TS, inline), TS, inline).resultCode()).isEqualTo("000000");
        assertThat(transactions).hasValue(1);
        assertThat(dispatched).hasValue(0);
        assertThat(audited).hasSize(1);

        byte[] durable = "{\"activity\":\"other\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(send(V2Signature.sign(KEY, NONCE, TS, durable), TS, durable).resultCode()).isEqualTo("000000");
        assertThat(transactions).hasValue(2);
        assertThat(dispatched).as("the durable path after the one transaction declined").hasValue(1);
        assertThat(audited).hasSize(2);
    }

    @Test
    void aSignedBodyThatIsNotJsonIsAParameterErrorAndStillAudited() throws Exception {
        for (String text : new String[] {"{\"n\":1E-2147483648}", "{\"orderId\":\"a\\u0000b\"}"}) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            CallbackAnswer answer = send(V2Signature.sign(KEY, NONCE, TS, body), TS, body);
            assertThat(answer.resultCode()).as(text).isEqualTo(ResultCode.INVALID_PARAM.code());
        }
        assertThat(dispatched).hasValue(0);
        assertThat(audited).hasSize(2).allSatisfy(e -> assertThat(e.refused()).isFalse());
    }

    @Test
    void aBodyOverTheBytesInFlightIsAnsweredAtOnceUnread() throws Exception {
        intake = intake(Map.of("STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT", "1000"));
        intake.parser = bytes -> fail("must not be parsed");
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("an over-cap body must not be read");
            }
        };
        String sig = V2Signature.sign(KEY, NONCE, TS, HOSTILE);
        CallbackAnswer answer = intake.handle(channel, new CallbackIntake.Arrival(sig, TS, NONCE, "192.0.2.1", NOW,
                HOSTILE.length), unreadable);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.INTERNAL_ERROR.code());
        assertThat(answer.resultMsg()).startsWith("busy");
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.refused()).isTrue();
            assertThat(e.bodySize()).isEqualTo(HOSTILE.length);
            assertThat(e.requestBody()).isEmpty();
        });
        // the permits of refused and answered requests are given back: a small body still passes
        byte[] small = "{\"activity\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        intake.parser = Json::parseObject;
        assertThat(send(V2Signature.sign(KEY, NONCE, TS, small), TS, small).resultCode()).isEqualTo("000000");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAsMetadata() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024 + 10];
        Arrays.fill(big, (byte) 'x');
        intake.parser = bytes -> fail("must not be parsed");
        CallbackAnswer answer = send(V2Signature.sign(KEY, NONCE, TS, "{}".getBytes(StandardCharsets.UTF_8)), TS, big);
        assertThat(answer.resultCode()).isEqualTo(ResultCode.INVALID_PARAM.code());
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.refused()).isTrue();
            assertThat(e.bodySize()).isEqualTo(4 * 1024 * 1024 + 1); // read up to the bound, no further
            assertThat(e.requestBody()).hasSize(BodyMetadata.PREFIX_BYTES);
        });
    }

    @Test
    void aNulInTheNonceIsRefusedBeforeAnyWriteButAudited() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String nonce = "abc\u0000def";
        CallbackAnswer answer = intake.handle(channel, new CallbackIntake.Arrival(V2Signature.sign(KEY, nonce, TS, body),
                TS, nonce, "192.0.2.1", NOW, body.length), new ByteArrayInputStream(body));
        assertThat(answer.resultCode()).isEqualTo(ResultCode.INVALID_PARAM.code());
        assertThat(claimed).isEmpty();
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.nonce()).doesNotContain("\u0000"));
    }
}
