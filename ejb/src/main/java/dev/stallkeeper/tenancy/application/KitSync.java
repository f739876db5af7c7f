package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.protocol.kit.ClientSecretCipher;
import dev.stallkeeper.protocol.kit.KitInterface;
import dev.stallkeeper.tenancy.domain.KitTenant;
import dev.stallkeeper.tenancy.domain.SyncFlag;
import dev.stallkeeper.tenancy.infrastructure.KitStore;
import dev.stallkeeper.platform.SecretSealer;
import dev.stallkeeper.tenancy.infrastructure.TenancyKeys;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies one authenticated Kit call (spec §6.2) in one transaction. Every call is idempotent: adding what exists
 * changes it in place, deleting what is gone succeeds (§1.6 rule 6). Debug calls ({@code testFlag=1}) are checked
 * exactly like real ones (including decrypting the client secret) but write nothing. A refusal is a
 * {@link KitRequestException}, which rolls the transaction back: nothing of a refused call is stored.
 */
@Stateless
public class KitSync {

    private static final Logger LOG = Logger.getLogger(KitSync.class);

    @Inject
    KitStore store;

    @Inject
    TenancyKeys keys;

    @Inject
    Clock clock;

    /** Whether KOOGALLERY_KIT_PRIVATE_KEY is set and reads as an RSA private key (the go-live checklist asks). */
    public boolean sellerPrivateKeyUsable() {
        return keys.sellerPrivateKey().isPresent();
    }

    public void apply(KitInterface kind, ObjectNode body) {
        Instant now = clock.instant();
        switch (kind) {
            case TENANT_SYNC -> tenant(KitMessages.tenantSync(body), now);
            case APPLICATION_SYNC -> application(KitMessages.applicationSync(body), now);
            case AUTH_SYNC -> auth(KitMessages.authSync(body), now);
            case SINGLE_ORG_SYNC -> singleOrg(KitMessages.singleOrgSync(body), now);
            case ALL_ORG_SYNC -> allOrgs(KitMessages.allOrgSync(body), now);
        }
    }

    private void tenant(KitMessages.TenantSync m, Instant now) {
        if (m.test()) {
            return;
        }
        if (m.flag() == SyncFlag.DELETE) {
            store.deactivateTenant(m.tenantId(), now);
        } else {
            store.upsertTenant(new KitTenant(m.tenantId(), m.instanceId(), m.orderId() == null || m.orderId().isEmpty()
                    ? null : m.orderId(), m.tenantCode(), m.name(), m.domainName(), true), now);
        }
        LOG.infof("tenantSync %s tenant %s (instance %s)", m.flag(), m.tenantId(), m.instanceId());
    }

    private void application(KitMessages.ApplicationSync m, Instant now) {
        if (m.flag() == SyncFlag.DELETE) {
            if (!m.test()) {
                store.deactivateApplication(m.tenantId(), m.appId(), now);
            }
            LOG.infof("applicationSync DELETE app %s of tenant %s", m.appId(), m.tenantId());
            return;
        }
        PrivateKey privateKey = keys.sellerPrivateKey().orElseThrow(() -> {
            LOG.error("KOOGALLERY_KIT_PRIVATE_KEY is not configured: applicationSync cannot decrypt clientSecret");
            return new KitRequestException(ResultCode.INTERNAL_ERROR, "seller private key not configured");
        });
        SecretSealer sealer = keys.sealer().orElseThrow(() -> {
            LOG.error("STALLKEEPER_DATA_KEY is not configured: applicationSync cannot store clientSecret");
            return new KitRequestException(ResultCode.INTERNAL_ERROR, "data key not configured");
        });
        String secret = ClientSecretCipher.decrypt(privateKey, m.encryptedSecret()).orElseThrow(() -> {
            LOG.warnf("applicationSync: clientSecret of app %s (tenant %s) cannot be decrypted with the seller key",
                    m.appId(), m.tenantId());
            return new KitRequestException(ResultCode.APP_SECRET_INVALID,
                    "clientSecret cannot be decrypted with the seller's private key");
        });
        if (m.test()) {
            return;
        }
        store.upsertApplication(m.tenantId(), m.appId(), m.instanceId(), m.clientId(),
                sealer.seal(secret, KitStore.secretContext(m.tenantId(), m.appId())), now);
        LOG.infof("applicationSync %s app %s of tenant %s", m.flag(), m.appId(), m.tenantId());
    }

    private void auth(KitMessages.AuthSync m, Instant now) {
        if (m.test()) {
            return;
        }
        switch (m.flag()) {
            case ADD -> store.upsertUsers(m.tenantId(), m.appId(), m.users(), Boolean.TRUE, now);
            case MODIFY -> store.upsertUsers(m.tenantId(), m.appId(), m.users(), null, now);
            case CANCEL_AUTHORISATION -> store.cancelAuthorisation(m.tenantId(), m.appId(), KitMessages.names(m.users()), now);
            case DELETE -> store.deleteUsers(m.tenantId(), m.appId(), KitMessages.names(m.users()));
        }
        LOG.infof("authSync %s %d user(s) of tenant %s app %s", m.flag(), m.users().size(), m.tenantId(), m.appId());
    }

    private void singleOrg(KitMessages.SingleOrgSync m, Instant now) {
        if (m.test()) {
            return;
        }
        store.lockTree(m.tenantId(), m.instanceId(), now);
        if (m.flag() == SyncFlag.DELETE) {
            store.deleteOrg(m.tenantId(), m.org().orgCode());
        } else {
            store.upsertOrg(m.tenantId(), m.org(), now);
        }
        store.touchTree(m.tenantId(), m.instanceId(), now);
        LOG.infof("singleOrgSync %s org %s of tenant %s", m.flag(), m.org().orgCode(), m.tenantId());
    }

    private void allOrgs(KitMessages.AllOrgSync m, Instant now) {
        if (m.test()) {
            return;
        }
        store.lockTree(m.tenantId(), m.instanceId(), now);
        store.replaceTree(m.tenantId(), m.instanceId(), m.orgs(), now);
        LOG.infof("allOrgSync %d org(s) of tenant %s", m.orgs().size(), m.tenantId());
    }
}
