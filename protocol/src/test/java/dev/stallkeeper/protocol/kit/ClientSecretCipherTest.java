package dev.stallkeeper.protocol.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import javax.crypto.spec.OAEPParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientSecretCipherTest {

    private static KeyPair seller;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(3072); // the documented minimum
        seller = g.generateKeyPair();
        other = g.generateKeyPair();
    }

    @Test
    void decryptsEveryAcceptedOaepParameterSet() {
        for (OAEPParameterSpec spec : ClientSecretCipher.PARAMETERS) {
            String encrypted = ClientSecretCipher.encrypt(seller.getPublic(), "s3cret-客户端", spec);
            assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), encrypted))
                    .as(spec.getDigestAlgorithm() + "/" + ((java.security.spec.MGF1ParameterSpec) spec.getMGFParameters())
                            .getDigestAlgorithm())
                    .contains("s3cret-客户端");
        }
    }

    @Test
    void acceptsBase64Url() {
        String encrypted = ClientSecretCipher.encrypt(seller.getPublic(), "abc");
        String url = encrypted.replace('+', '-').replace('/', '_').replace("=", "");
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), url)).contains("abc");
    }

    @Test
    void secretForAnotherKeyOrGarbageIsEmpty() {
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(),
                ClientSecretCipher.encrypt(other.getPublic(), "abc"))).isEmpty();
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), "plain-text-secret")).isEmpty();
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), "")).isEmpty();
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), null)).isEmpty();
        assertThat(ClientSecretCipher.decrypt(seller.getPrivate(), "AAAA")).isEmpty();
    }

    @Test
    void pemRoundTripAndClearErrors() {
        String pem = ClientSecretCipher.toPem(seller.getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(ClientSecretCipher.privateKeyFromPem(pem)).isEqualTo(seller.getPrivate());
        assertThat(ClientSecretCipher.publicKeyFromPem(ClientSecretCipher.toPem(seller.getPublic())))
                .isEqualTo(seller.getPublic());
        assertThatThrownBy(() -> ClientSecretCipher.privateKeyFromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----")).hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> ClientSecretCipher.privateKeyFromPem("not a key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not a key");
        assertThatThrownBy(() -> ClientSecretCipher.privateKeyFromPem(" ")).hasMessage("no key given");
    }

    @Test
    void interfaceNamesAreTheDocumentedPaths() {
        assertThat(KitInterface.fromWire("tenantSync")).contains(KitInterface.TENANT_SYNC);
        assertThat(KitInterface.fromWire("allOrgSync")).contains(KitInterface.ALL_ORG_SYNC);
        assertThat(KitInterface.fromWire("TenantSync")).isEmpty();
        assertThat(KitInterface.fromWire(null)).isEmpty();
        assertThat(KitInterface.MAX_USERS_PER_AUTH_SYNC).isEqualTo(500);
    }
}
