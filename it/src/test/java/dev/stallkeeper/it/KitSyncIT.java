package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.Kit;
import dev.stallkeeper.protocol.KitSignature;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The joint-operation Kit sync interfaces (§6.1-6.2, §10.2 cases 26-29) on PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KitSyncIT {

    private static final String DOMAIN = "https://idp.example.com";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static long tenants(String tenantId) {
        return Db.count("SELECT COUNT(*) FROM kit_tenant WHERE tenant_id = ?", tenantId);
    }

    private static void assertOk(CallbackResult r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.resultCode()).as(r.bodyText()).isEqualTo("000000");
        assertThat(r.bodySignValid()).as("Body-Sign under the kit key").isTrue();
    }

    @Test
    void tv13TenantSyncBodyAsReceivedVerifiesAndIsStoredOnceThenModifiedAndDeletedIdempotently() {
        // TV-13's tenantSync body in the order of the doc example (not sorted): x-sign is over the canonical form
        String tenantId = "68cbc86abc2018ab880d92f36422fa0e";
        byte[] doc = ("{\"instanceId\":\"huaiweitest123456\",\"orderId\":\"CS1906666666ABCDE\",\"tenantId\":\"" + tenantId
                + "\",\"tenantCode\":\"huawei\",\"name\":\"huaiweitest\",\"domainName\":\"https://example.tenantaccount.com\","
                + "\"flag\":1,\"testFlag\":0,\"timeStamp\":\"20220413093539534\"}").getBytes(StandardCharsets.UTF_8);
        assertOk(Kit.sendSigned("tenantSync", doc));
        assertOk(Kit.sendSigned("tenantSync", doc)); // KooGallery's buyer retries: no duplicate
        assertThat(tenants(tenantId)).isEqualTo(1);
        Map<String, Object> row = Db.rows("SELECT * FROM kit_tenant WHERE tenant_id = ?", tenantId).get(0);
        assertThat(row).containsEntry("instance_id", "huaiweitest123456").containsEntry("order_id", "CS1906666666ABCDE")
                .containsEntry("tenant_code", "huawei").containsEntry("name", "huaiweitest")
                .containsEntry("domain_name", "https://example.tenantaccount.com").containsEntry("active", true);

        ObjectNode modify = Kit.tenantSync(tenantId, 2, "Huawei renamed", "https://new.tenantaccount.com");
        assertOk(Kit.send("tenantSync", modify));
        assertThat(Db.rows("SELECT name, domain_name FROM kit_tenant WHERE tenant_id = ?", tenantId).get(0))
                .containsEntry("name", "Huawei renamed").containsEntry("domain_name", "https://new.tenantaccount.com");

        ObjectNode delete = Kit.tenantSync(tenantId, 0, "Huawei renamed", "https://new.tenantaccount.com");
        assertOk(Kit.send("tenantSync", delete));
        assertOk(Kit.send("tenantSync", delete));
        assertThat(Db.value("SELECT active FROM kit_tenant WHERE tenant_id = ?", tenantId)).isEqualTo(false);
        // deleting what was never seen succeeds too (§1.6 rule 6)
        assertOk(Kit.send("tenantSync", Kit.tenantSync(Kit.uniqueTenantId(), 0, "never", DOMAIN)));
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE activity = 'tenantSync' AND instance_ids = ?"
                + " AND result_code = '000000'", "huaiweitest123456")).isEqualTo(2);
    }

    @Test
    void badSignatureStaleOrFutureTimestampAndMissingHeadersAreRefusedAndAuditedWithoutChanges() {
        String tenantId = Kit.uniqueTenantId();
        byte[] body = Kit.bytes(Kit.tenantSync(tenantId, 1, "Acme", DOMAIN));
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(TestClock.millis());
        String good = KitSignature.sign(Kit.key(), nonce, ts, body);
        String flipped = good.substring(0, 5) + (good.charAt(5) == 'a' ? 'b' : 'a') + good.substring(6);

        CallbackResult bad = Kit.sendRaw("tenantSync", body, nonce, ts, flipped);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.resultCode()).isEqualTo("000001");
        assertThat(bad.bodySignValid()).isTrue();
        // signed with the basic-interface key instead of the kit key
        assertThat(Kit.sendRaw("tenantSync", body, nonce, ts,
                KitSignature.sign(System.getProperty("it.key"), nonce, ts, body)).resultCode()).isEqualTo("000001");
        for (long shift : new long[] {-61_000, 61_000}) {
            String n = CallbackClient.newNonce();
            String t = Long.toString(TestClock.millis() + shift);
            assertThat(Kit.sendRaw("tenantSync", body, n, t, KitSignature.sign(Kit.key(), n, t, body)).resultCode())
                    .as("shift %d", shift).isEqualTo("000002");
        }
        assertThat(Kit.sendRaw("tenantSync", body, null, ts, good).resultCode()).as("no nonce").isEqualTo("000002");
        assertThat(Kit.sendRaw("tenantSync", body, nonce, null, good).resultCode()).as("no timestamp").isEqualTo("000002");
        assertThat(Kit.sendRaw("tenantSync", body, nonce, ts, null).resultCode()).as("no x-sign").isEqualTo("000001");
        assertThat(tenants(tenantId)).isZero();
        // refused before authentication: metadata only (the body's hash and size), never its keys
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE activity = 'tenantSync' AND body_sha256 = ?"
                + " AND refused AND result_code <> '000000' AND instance_ids IS NULL AND order_id IS NULL"
                + " AND body_size = ?", sha256(body), body.length)).isEqualTo(7);
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE instance_ids = ?", "inst-" + tenantId)).isZero();
    }

    @Test
    void replayedNonceGetsTheSameAnswerAndANonceReusedForAnotherBodyOrInterfaceIsRefused() {
        String tenantId = Kit.uniqueTenantId();
        byte[] body = Kit.bytes(Kit.tenantSync(tenantId, 1, "Replay", DOMAIN));
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(TestClock.millis());
        String sign = KitSignature.sign(Kit.key(), nonce, ts, body);
        CallbackResult first = Kit.sendRaw("tenantSync", body, nonce, ts, sign);
        CallbackResult again = Kit.sendRaw("tenantSync", body, nonce, ts, sign);
        assertOk(first);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(tenants(tenantId)).isEqualTo(1);

        byte[] other = Kit.bytes(Kit.tenantSync(tenantId, 2, "Changed by a replay", DOMAIN));
        assertThat(Kit.sendRaw("tenantSync", other, nonce, ts, KitSignature.sign(Kit.key(), nonce, ts, other))
                .resultCode()).isEqualTo("000001");
        // x-sign does not cover the path: the same signed bytes sent to another interface are a replay
        assertThat(Kit.sendRaw("allOrgSync", body, nonce, ts, sign).resultCode()).isEqualTo("000001");
        assertThat(Db.value("SELECT name FROM kit_tenant WHERE tenant_id = ?", tenantId)).isEqualTo("Replay");
    }

    @Test
    void concurrentDuplicatesMeetOnTheDatabaseKeys() throws Exception {
        String tenantId = Kit.uniqueTenantId();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<CallbackResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) { // each with its own nonce: KooGallery's buyer pressing "retry" repeatedly
                results.add(pool.submit(() -> Kit.send("tenantSync", Kit.tenantSync(tenantId, 1, "Racer", DOMAIN))));
                results.add(pool.submit(() -> Kit.send("allOrgSync", orgs(tenantId, "A", "B", "C"))));
                results.add(pool.submit(() -> Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, "u1", "u2"))));
            }
            for (java.util.concurrent.Future<CallbackResult> r : results) {
                assertOk(r.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tenants(tenantId)).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM kit_org WHERE tenant_id = ?", tenantId)).isEqualTo(3);
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ?", tenantId)).isEqualTo(2);
    }

    @Test
    void unknownInterfaceAndMalformedBodiesGet000002() {
        assertThat(Kit.send("userSync", Kit.tenantSync(Kit.uniqueTenantId(), 1, "x", DOMAIN)).resultCode())
                .isEqualTo("000002");
        ObjectNode noDomain = Kit.tenantSync(Kit.uniqueTenantId(), 1, "x", DOMAIN);
        noDomain.remove("domainName");
        CallbackResult r = Kit.send("tenantSync", noDomain);
        assertThat(r.resultCode()).isEqualTo("000002");
        assertThat(r.json().path("resultMsg").asText()).contains("domainName");
        assertThat(Kit.send("tenantSync", Kit.tenantSync(Kit.uniqueTenantId(), 7, "x", DOMAIN)).resultCode())
                .isEqualTo("000002");
    }

    @Test
    void applicationSyncStoresTheDecryptedSecretSealedAndRefusesAnUndecryptableOneStoringNothing() {
        String tenantId = Kit.uniqueTenantId();
        String secret = "client-secret-" + tenantId;
        assertOk(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", "client-1", Kit.encryptForSeller(secret), 1)));
        assertOk(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", "client-1", Kit.encryptForSeller(secret), 1)));
        Map<String, Object> row = Db.rows("SELECT * FROM kit_application WHERE tenant_id = ?", tenantId).get(0);
        assertThat(Db.count("SELECT COUNT(*) FROM kit_application WHERE tenant_id = ?", tenantId)).isEqualTo(1);
        assertThat((String) row.get("client_secret")).startsWith("v1.").doesNotContain(secret);
        assertThat(row).containsEntry("client_id", "client-1").containsEntry("active", true);

        String other = Kit.uniqueTenantId();
        CallbackResult plain = Kit.send("applicationSync", Kit.applicationSync(other, "app-1", "client-2", "not-encrypted", 1));
        assertThat(plain.resultCode()).isEqualTo("000101");
        assertThat(plain.bodySignValid()).isTrue();
        // encrypted for someone else's key: the same refusal
        java.security.KeyPairGenerator g;
        try {
            g = java.security.KeyPairGenerator.getInstance("RSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        g.initialize(2048);
        String foreign = dev.stallkeeper.protocol.kit.ClientSecretCipher.encrypt(g.generateKeyPair().getPublic(), "x");
        assertThat(Kit.send("applicationSync", Kit.applicationSync(other, "app-1", "client-2", foreign, 1)).resultCode())
                .isEqualTo("000101");
        assertThat(Db.count("SELECT COUNT(*) FROM kit_application WHERE tenant_id = ?", other)).isZero();

        assertOk(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", "client-1", "", 0)));
        assertThat(Db.value("SELECT active FROM kit_application WHERE tenant_id = ?", tenantId)).isEqualTo(false);
    }

    @Test
    void authSyncAcceptsFiveHundredUsersRefusesFiveHundredAndOneAndCancelsOrDeletesAuthorisations() {
        String tenantId = Kit.uniqueTenantId();
        String[] five00 = new String[500];
        for (int i = 0; i < five00.length; i++) {
            five00[i] = "user" + i;
        }
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, five00)));
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, five00)));
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ? AND authorised", tenantId)).isEqualTo(500);

        String other = Kit.uniqueTenantId();
        String[] five01 = java.util.Arrays.copyOf(five00, 501);
        five01[500] = "user500";
        CallbackResult tooMany = Kit.send("authSync", Kit.authSync(other, "app-1", 1, five01));
        assertThat(tooMany.resultCode()).isEqualTo("000002");
        assertThat(tooMany.json().path("resultMsg").asText()).contains("500");
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ?", other)).isZero();

        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 3, "user1", "user2")));
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ? AND NOT authorised", tenantId)).isEqualTo(2);
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ?", tenantId)).isEqualTo(500);
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 0, "user3", "nobody")));
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 0, "user3")));
        assertThat(Db.count("SELECT COUNT(*) FROM kit_user WHERE tenant_id = ?", tenantId)).isEqualTo(499);
        // TV-13's authSync user (Chinese name, V2 list) is stored as sent
        ObjectNode tv13 = Kit.authSync(tenantId, "app-1", 1);
        ((ArrayNode) tv13.get("userList")).addObject().put("userName", "zhangsan").put("name", "张三")
                .put("orgCode", "ORG001").put("role", "admin").put("enable", "true");
        tv13.put("currentSyncTime", "20231114120000000");
        assertOk(Kit.send("authSync", tv13));
        assertThat(Db.rows("SELECT name, role FROM kit_user WHERE tenant_id = ? AND user_name = 'zhangsan'", tenantId)
                .get(0)).containsEntry("name", "张三").containsEntry("role", "admin");
    }

    @Test
    void allOrgSyncReplacesTheTreeAndSingleOrgSyncChangesOneDepartment() {
        String tenantId = Kit.uniqueTenantId();
        assertOk(Kit.send("allOrgSync", orgs(tenantId, "A", "B", "C")));
        assertOk(Kit.send("allOrgSync", orgs(tenantId, "A", "D")));
        assertThat(Db.rows("SELECT org_code FROM kit_org WHERE tenant_id = ? ORDER BY org_code", tenantId))
                .extracting(r -> r.get("org_code")).containsExactly("A", "D");

        ObjectNode single = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("instanceId", "inst-" + tenantId).put("tenantId", tenantId).put("orgCode", "E")
                .put("orgName", "Sales").put("parentCode", "A").put("flag", 1).put("testFlag", 0)
                .put("timeStamp", KooTime.format17(TestClock.now()));
        assertOk(Kit.send("singleOrgSync", single));
        assertOk(Kit.send("singleOrgSync", single.deepCopy().put("orgName", "Sales East").put("flag", 2)));
        assertThat(Db.value("SELECT org_name FROM kit_org WHERE tenant_id = ? AND org_code = 'E'", tenantId))
                .isEqualTo("Sales East");
        assertOk(Kit.send("singleOrgSync", single.deepCopy().put("flag", 0)));
        assertOk(Kit.send("singleOrgSync", single.deepCopy().put("orgCode", "missing").put("flag", 0)));
        assertThat(Db.count("SELECT COUNT(*) FROM kit_org WHERE tenant_id = ?", tenantId)).isEqualTo(2);
    }

    @Test
    void debugCallsAnswerLikeRealOnesButWriteNothing() {
        String tenantId = Kit.uniqueTenantId();
        assertOk(Kit.send("tenantSync", Kit.tenantSync(tenantId, 1, "Debug", DOMAIN).put("testFlag", 1)));
        assertOk(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", "c", Kit.encryptForSeller("s"), 1)
                .put("testFlag", 1)));
        assertThat(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-1", "c", "garbage", 1)
                .put("testFlag", 1)).resultCode()).isEqualTo("000101");
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-1", 1, "u1").put("testFlag", 1)));
        assertOk(Kit.send("allOrgSync", orgs(tenantId, "A").put("testFlag", 1)));
        for (String table : new String[] {"kit_tenant", "kit_application", "kit_user", "kit_org", "kit_org_tree"}) {
            assertThat(Db.count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenantId)).as(table).isZero();
        }
    }

    @Test
    void theConsoleListsTenantsWithTheirAppsUsersAndTreeButNeverTheSecret() {
        String tenantId = Kit.uniqueTenantId();
        String secret = "console-secret-" + tenantId;
        assertOk(Kit.send("tenantSync", Kit.tenantSync(tenantId, 1, "<script>alert('t')</script> Corp", DOMAIN)));
        assertOk(Kit.send("applicationSync", Kit.applicationSync(tenantId, "app-c", "client-c", Kit.encryptForSeller(secret), 1)));
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-c", 1, "u1", "u2", "u3")));
        assertOk(Kit.send("authSync", Kit.authSync(tenantId, "app-c", 3, "u3")));
        assertOk(Kit.send("allOrgSync", orgs(tenantId, "A", "B")));

        dev.stallkeeper.it.support.Console browser = dev.stallkeeper.it.support.Console.browser();
        assertThat(browser.login(dev.stallkeeper.it.support.Console.adminUser(),
                dev.stallkeeper.it.support.Console.adminPassword()).statusCode()).isEqualTo(302);
        String list = browser.get("/admin/tenants.xhtml").body();
        assertThat(list).contains(tenantId).contains("&lt;script&gt;alert('t')&lt;/script&gt; Corp")
                .doesNotContain("<script>alert");
        String page = browser.get("/admin/tenants.xhtml?id=" + tenantId).body();
        assertThat(page).contains("client-c").contains("2 / 3").contains("Org A").contains("Org B")
                .doesNotContain(secret).doesNotContain("v1.");
        assertThat(browser.get("/admin/tenants.xhtml?id=nobody").body()).contains("No such tenant.");
    }

    private static ObjectNode orgs(String tenantId, String... codes) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("instanceId", "inst-" + tenantId).put("tenantId", tenantId).put("testFlag", 0)
                .put("timeStamp", KooTime.format17(TestClock.now()));
        ArrayNode list = body.putArray("orgInfoList");
        for (String c : codes) {
            list.addObject().put("orgCode", c).put("orgName", "Org " + c).put("parentCode", "A".equals(c) ? "" : "A");
        }
        return body;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
