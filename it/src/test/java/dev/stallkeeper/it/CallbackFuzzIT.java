package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.Kit;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated hostile bodies (seeded, so a failure replays): deep nesting, huge numbers and exponents, NUL and invalid
 * UTF-8, non-string activities, wrong types, long ids, reused businessIds; signed and unsigned, to the production
 * address and a Kit interface. Every answer is HTTP 200 with a 6-digit resultCode other than 000005 and no stack
 * trace, and every request has its audit row.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallbackFuzzIT {

    private static final int REQUESTS = 2000;
    private static final long SEED = 13L;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static final String[] ACTIVITIES = {"newInstance", "queryInstance", "refreshInstance",
        "updateInstanceStatus", "releaseInstance", "upgradeInstance", "changeInstanceCheck", "orderNotify"};

    private static final String[] HOSTILE_VALUES = {"1E-2147483648", "1E+2147483647", "-0", "1" + "0".repeat(2000),
        "0." + "9".repeat(3000) + "E-99999", "true", "null", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"\\u0000\"",
        "\"a\\u0000b\"", "\"\\u0001\\u001f\"", "\"" + "x".repeat(5000) + "\"", "\"\uD800\"", "\"\\uD800\"",
        "123456789012345678901234567890", "{\"a\":{\"b\":{\"c\":1}}}", "\"中文订单号\"", "\"AB-1\"", "\"ab1\""};

    private static String value(Random r) {
        return HOSTILE_VALUES[r.nextInt(HOSTILE_VALUES.length)];
    }

    private static byte[] body(Random r, String reusedBusinessId) {
        String activity = r.nextInt(4) == 0 ? value(r) : "\"" + ACTIVITIES[r.nextInt(ACTIVITIES.length)] + "\"";
        StringBuilder sb = new StringBuilder("{\"activity\":").append(activity);
        String[] fields = {"orderId", "orderLineId", "businessId", "instanceId", "testFlag", "status", "scene",
            "expireTime", "productInfo", "orderAmount", "tenantId", "flag"};
        for (String f : fields) {
            if (r.nextBoolean()) {
                String v = switch (r.nextInt(5)) {
                    case 0 -> value(r);
                    case 1 -> "\"" + "Z".repeat(r.nextInt(200)) + "\"";
                    case 2 -> "businessId".equals(f) ? "\"" + reusedBusinessId + "\"" : "\"" + UUID.randomUUID() + "\"";
                    default -> "\"CS" + Integer.toHexString(r.nextInt()) + "\"";
                };
                sb.append(",\"").append(f).append("\":").append(v);
            }
        }
        switch (r.nextInt(8)) {
            case 0 -> { // deep nesting
                int depth = 1 + r.nextInt(200);
                sb.append(",\"deep\":").append("[".repeat(depth)).append("]".repeat(depth));
            }
            case 1 -> sb.append(",\"n\":").append(r.nextBoolean() ? "1E" + r.nextInt() : "9".repeat(1 + r.nextInt(5000)));
            case 2 -> sb.append(",\"x\":\"a\\u0000\"");
            case 3 -> sb.append(",\"long\":\"").append("L".repeat(r.nextInt(60_000))).append('"');
            default -> { }
        }
        sb.append(r.nextInt(20) == 0 ? "" : "}"); // sometimes truncated
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0) { // invalid UTF-8 inside
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int cut = Math.min(text.length, 12);
            out.write(text, 0, cut);
            out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0}, 0, 4);
            out.write(text, cut, text.length - cut);
            return out.toByteArray();
        }
        return text;
    }

    @Test
    void everyHostileBodyIsAnsweredWithADocumentedCodeAndAudited() {
        Random r = new Random(SEED);
        CallbackClient produce = KooGallery.client();
        String reusedBusinessId = UUID.randomUUID().toString();
        long before = Db.count("SELECT COUNT(*) FROM callback_log");
        List<String> problems = new ArrayList<>();
        int sent = 0;

        // A signed newInstance comes from KooGallery for an order its Query Order knows; one that Query Order
        // cannot answer is a dependency failure answered 000005 (retry later), not hostile input. So every order
        // id the generator makes up is known for the length of this test.
        KooGallery.openApi().setSynthesizeUnknown(true);
        try {
            // a businessId reused by another order line is a parameter error
            String first = KooGallery.uniqueOrderId();
            String second = KooGallery.uniqueOrderId();
            KooGallery.order(first, "NEW", "PERIOD", "P-" + first, "SKU-BASIC", 5);
            KooGallery.order(second, "NEW", "PERIOD", "P-" + second, "SKU-BASIC", 5);
            String shared = UUID.randomUUID().toString();
            CallbackResult a = KooGallery.send(KooGallery.newInstance(first, first + "-000001", shared));
            CallbackResult b = KooGallery.send(KooGallery.newInstance(second, second + "-000001", shared));
            sent += 2;
            assertThat(a.resultCode()).isIn("000000", "000004");
            assertThat(b.resultCode()).isEqualTo("000002");

            for (int i = 0; i < REQUESTS; i++) {
                byte[] body = body(r, reusedBusinessId);
                boolean signed = r.nextInt(3) != 0;
                boolean kit = r.nextInt(5) == 0;
                String nonce = CallbackClient.newNonce();
                String ts = Long.toString(TestClock.millis());
                CallbackResult result;
                if (kit) {
                    String name = r.nextBoolean() ? "tenantSync" : "authSync";
                    result = Kit.sendRaw(name, body, nonce, ts, signed ? kitSignRaw(nonce, ts, body) : null);
                } else {
                    result = signed ? produce.send(body, nonce, ts, v2SignRaw(produce.key(), nonce, ts, body))
                            : produce.send(body, r.nextBoolean() ? nonce : null, r.nextBoolean() ? ts : null, null);
                }
                sent++;
                String text = result.bodyText();
                if (result.status() != 200 || result.resultCode() == null || !result.resultCode().matches("\\d{6}")
                        || "000005".equals(result.resultCode()) || text.contains("Exception") || text.contains("\tat ")) {
                    problems.add("#" + i + (signed ? " signed " : " unsigned ") + (kit ? "kit" : "produce") + ": HTTP "
                            + result.status() + " " + text + " <- " + new String(body, 0, Math.min(body.length, 300),
                            StandardCharsets.UTF_8));
                }
            }
        } finally {
            KooGallery.openApi().setSynthesizeUnknown(false);
        }
        assertThat(problems).as("answers that are not a documented refusal").isEmpty();
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log") - before).as("audit rows").isEqualTo(sent);
    }

    /** The V2 signature over exactly these bytes (invalid UTF-8 included): what reaches the parser when signed. */
    private static String v2SignRaw(String key, String nonce, String ts, byte[] body) {
        String digest = HexFormat.of().formatHex(hmac(key, body));
        return HexFormat.of().formatHex(hmac(key, (key + nonce + ts + digest).getBytes(StandardCharsets.UTF_8)));
    }

    /** The Kit x-sign over exactly these bytes. */
    private static String kitSignRaw(String nonce, String ts, byte[] body) {
        byte[] prefix = (Kit.key() + nonce + ts).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return HexFormat.of().formatHex(hmac(Kit.key(), all));
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
