package dev.stallkeeper.it.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KitSignature;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.kit.ClientSecretCipher;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import dev.stallkeeper.simulator.KitClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.UUID;

/** KooGallery's joint-operation Kit as the tests see it: the simulator's Kit client with the test kit key. */
public final class Kit {

    private Kit() {
    }

    public static String key() {
        return System.getProperty("it.kit.key");
    }

    public static KitClient client() {
        return new KitClient(KooGallery.produceAddress(), key(), CallbackClient.defaultHttpClient(), Duration.ofSeconds(30),
                TestClock.CLOCK);
    }

    /** Signs {@code body} now with a fresh nonce and sends it to {@code name}. */
    public static CallbackResult send(String name, ObjectNode body) {
        KitClient c = client();
        return c.send(name, c.sign(body));
    }

    /** Sends exactly these bytes with these header values. */
    public static CallbackResult sendRaw(String name, byte[] body, String nonce, String timestamp, String sign) {
        return client().send(name, new KitClient.SignedKitCall(body, nonce, timestamp, sign));
    }

    /** Signs exactly these bytes now (fresh nonce) and sends them. */
    public static CallbackResult sendSigned(String name, byte[] body) {
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(TestClock.millis());
        return sendRaw(name, body, nonce, ts, KitSignature.sign(key(), nonce, ts, body));
    }

    public static String uniqueTenantId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static ObjectNode tenantSync(String tenantId, int flag, String name, String domainName) {
        return JsonNodeFactory.instance.objectNode().put("instanceId", "inst-" + tenantId).put("orderId", "CS" + tenantId.substring(0, 10))
                .put("tenantId", tenantId).put("tenantCode", "code-" + tenantId.substring(0, 8)).put("name", name)
                .put("domainName", domainName).put("flag", flag).put("testFlag", 0).put("timeStamp", KooTime.format17(TestClock.now()));
    }

    public static ObjectNode applicationSync(String tenantId, String appId, String clientId, String encryptedSecret, int flag) {
        return JsonNodeFactory.instance.objectNode().put("instanceId", "inst-" + tenantId).put("tenantId", tenantId)
                .put("appId", appId).put("clientId", clientId).put("clientSecret", encryptedSecret).put("flag", flag)
                .put("testFlag", 0).put("timeStamp", KooTime.format17(TestClock.now()));
    }

    public static ObjectNode authSync(String tenantId, String appId, int flag, String... userNames) {
        ArrayNode users = JsonNodeFactory.instance.arrayNode();
        for (String u : userNames) {
            users.addObject().put("userName", u).put("name", "Name of " + u).put("orgCode", "ORG001").put("role", "user")
                    .put("enable", "true");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("instanceId", "inst-" + tenantId)
                .put("tenantId", tenantId).put("appId", appId).put("flag", flag).put("testFlag", 0)
                .put("timeStamp", KooTime.format17(TestClock.now()));
        body.set("userList", users);
        return body;
    }

    /** The seller's public key (the test pair; the server holds the private half). */
    public static PublicKey sellerPublicKey() {
        try {
            return ClientSecretCipher.publicKeyFromPem(Files.readString(Path.of(System.getProperty("it.kit.public.key"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encryptForSeller(String secret) {
        return ClientSecretCipher.encrypt(sellerPublicKey(), secret);
    }

    public static byte[] bytes(ObjectNode body) {
        return Json.write(body);
    }
}
