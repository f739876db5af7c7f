package dev.stallkeeper.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackIntake;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KitSignature;
import dev.stallkeeper.protocol.V2Signature;
import dev.stallkeeper.provisioning.application.CallbackService;
import dev.stallkeeper.tenancy.application.KitCallbackService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Random;

/**
 * KooGallery as the demo plays it: signed calls handed to the same services the production address and the Kit
 * resources hand theirs to ({@link CallbackService}, {@link KitCallbackService}: the one intake, its checks, audit and
 * stored answers), signed with the keys the quick start configures, timestamped by the application's clock.
 */
@ApplicationScoped
public class DemoKooGallery {

    /** Where the demo's callbacks come from (TEST-NET-1, documentation only). */
    static final String REMOTE = "192.0.2.10";

    @Inject
    CallbackService produce;

    @Inject
    KitCallbackService kit;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    /** How a call is signed. */
    enum Signing { VALID, WRONG_SIGNATURE, STALE_TIMESTAMP }

    static ObjectNode body(String activity) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("activity", activity);
        return body;
    }

    /** One call to the production address; returns its result code. */
    String produce(ObjectNode body, Random random, Signing signing) {
        byte[] raw = Json.write(body);
        String nonce = nonce(random);
        long now = clock.millis();
        String timestamp = Long.toString(signing == Signing.STALE_TIMESTAMP ? now - 600_000 : now);
        String key = config.koogalleryKeys().get(0);
        String signature = V2Signature.sign(signing == Signing.WRONG_SIGNATURE ? key + "-old" : key, nonce, timestamp, raw);
        var arrival = new CallbackIntake.Arrival(signature, timestamp, nonce, REMOTE, clock.instant(), raw.length);
        try {
            return answer(produce.handle(arrival, new ByteArrayInputStream(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One call to a Kit interface; returns its result code. */
    String kit(String interfaceName, ObjectNode body, Random random) {
        byte[] raw = Json.write(body);
        String nonce = nonce(random);
        String timestamp = Long.toString(clock.millis());
        String sign = KitSignature.sign(config.kitKeys().get(0), nonce, timestamp, raw);
        var arrival = new CallbackIntake.Arrival(sign, timestamp, nonce, REMOTE, clock.instant(), raw.length);
        try {
            return answer(kit.handle(interfaceName, arrival, new ByteArrayInputStream(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String answer(CallbackAnswer answer) {
        return answer.resultCode();
    }

    /** 32 hex digits from the demo's seeded random: the same nonces on every load. */
    private static String nonce(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
