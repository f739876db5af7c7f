package dev.stallkeeper.tenancy.infrastructure;

import dev.stallkeeper.platform.SqlTimes;
import dev.stallkeeper.tenancy.infrastructure.KitStore;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The SSO tables, one short transaction per call. Single use is the database's: a state is consumed by the
 * delete that removes it, a code by the insert of its hash under a primary key.
 */
@Stateless
public class SsoStore {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    KitStore kit;

    /** A login we started: for which tenant and app. */
    public record IssuedState(String tenantId, String appId) {
    }

    /** A session as stored (tokens still sealed). */
    public record SessionRow(String tenantId, String appId, String userName, String displayName, String role,
                             String orgCode, String sealedAccessToken, String sealedRefreshToken, Instant expiresAt,
                             Instant refreshExpiresAt) {
    }

    private Query sql(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    public void issueState(String state, String tenantId, String appId, String address, Instant now) {
        sql("INSERT INTO sso_state (state, tenant_id, app_id, client_address, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                state, tenantId, appId, address, utc(now)).executeUpdate();
    }

    /** States issued to {@code address} since {@code since} and not used yet. */
    public long liveStates(String address, Instant since) {
        return ((Number) sql("SELECT COUNT(*) FROM sso_state WHERE client_address = ?1 AND created_at >= ?2",
                address, utc(since)).getSingleResult()).longValue();
    }

    /** Codes {@code address} presented since {@code since}. */
    public long recentCodes(String address, Instant since) {
        return ((Number) sql("SELECT COUNT(*) FROM sso_code WHERE client_address = ?1 AND used_at >= ?2",
                address, utc(since)).getSingleResult()).longValue();
    }

    /** A portal-started login waiting for its browser to confirm (tokens sealed). */
    public record PendingRow(String tenantId, String appId, String userName, String sealedAccessToken,
                             String sealedRefreshToken, long expiresIn) {
    }

    public void createPending(String confirmSha256, PendingRow p, Instant now) {
        sql("INSERT INTO sso_pending (confirm_sha256, tenant_id, app_id, user_name, access_token, refresh_token,"
                + " expires_in, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", confirmSha256, p.tenantId(),
                p.appId(), p.userName(), p.sealedAccessToken(), p.sealedRefreshToken(), p.expiresIn(), utc(now))
                .executeUpdate();
    }

    /** Removes the pending login and returns it; empty when unknown, older than {@code notBefore}, or taken. */
    public Optional<PendingRow> takePending(String confirmSha256, Instant notBefore) {
        List<?> rows = sql("SELECT tenant_id, app_id, user_name, access_token, refresh_token, expires_in"
                + " FROM sso_pending WHERE confirm_sha256 = ?1 AND created_at >= ?2", confirmSha256, utc(notBefore))
                .getResultList();
        if (rows.isEmpty() || sql("DELETE FROM sso_pending WHERE confirm_sha256 = ?1", confirmSha256).executeUpdate() != 1) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new PendingRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                ((Number) r[5]).longValue()));
    }

    /** Removes the state and returns what it was issued for; empty when unknown, older than {@code notBefore}, or taken. */
    public Optional<IssuedState> consumeState(String state, Instant notBefore) {
        List<?> rows = sql("SELECT tenant_id, app_id FROM sso_state WHERE state = ?1 AND created_at >= ?2",
                state, utc(notBefore)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        int deleted = sql("DELETE FROM sso_state WHERE state = ?1", state).executeUpdate();
        return deleted == 1 ? Optional.of(new IssuedState((String) r[0], (String) r[1])) : Optional.empty();
    }

    /** Records a code's first use; false when it was presented before. */
    public boolean claimCode(String codeSha256, String tenantId, String address, Instant now) {
        return sql("INSERT INTO sso_code (code_sha256, tenant_id, client_address, used_at) VALUES (?1, ?2, ?3, ?4)"
                + " ON CONFLICT DO NOTHING", codeSha256, tenantId, address, utc(now)).executeUpdate() == 1;
    }

    public Optional<KitStore.SignInUser> authorisedUser(String tenantId, String appId, String userName) {
        return kit.authorisedUser(tenantId, appId, userName);
    }

    public void createSession(String idSha256, SessionRow s, Instant now) {
        sql("INSERT INTO sso_session (id_sha256, tenant_id, app_id, user_name, display_name, role, org_code,"
                + " access_token, refresh_token, expires_at, refresh_expires_at, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", idSha256, s.tenantId(), s.appId(),
                s.userName(), s.displayName(), s.role(), s.orgCode(), s.sealedAccessToken(), s.sealedRefreshToken(),
                utc(s.expiresAt()), utc(s.refreshExpiresAt()), utc(now)).executeUpdate();
    }

    public Optional<SessionRow> session(String idSha256) {
        List<?> rows = sql("SELECT tenant_id, app_id, user_name, display_name, role, org_code, access_token,"
                + " refresh_token, expires_at, refresh_expires_at FROM sso_session WHERE id_sha256 = ?1", idSha256)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new SessionRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], instant(r[8]), instant(r[9])));
    }

    public void renewSession(String idSha256, String sealedAccessToken, String sealedRefreshToken, Instant expiresAt,
                             Instant now) {
        sql("UPDATE sso_session SET access_token = ?2, refresh_token = ?3, expires_at = ?4, refreshed_at = ?5"
                + " WHERE id_sha256 = ?1", idSha256, sealedAccessToken, sealedRefreshToken, utc(expiresAt), utc(now))
                .executeUpdate();
    }

    public void deleteSession(String idSha256) {
        sql("DELETE FROM sso_session WHERE id_sha256 = ?1", idSha256).executeUpdate();
    }

    /**
     * Forgets what can no longer be used: states older than {@code stateCutoff}, codes used before
     * {@code codeCutoff} (long after any identity service would still accept them), and sessions whose refresh
     * token has expired.
     */
    /** Forgets expired states and pending logins, old codes and dead sessions; returns the rows deleted. */
    public int purge(Instant stateCutoff, Instant codeCutoff, Instant now) {
        return sql("DELETE FROM sso_state WHERE created_at < ?1", utc(stateCutoff)).executeUpdate()
                + sql("DELETE FROM sso_pending WHERE created_at < ?1", utc(stateCutoff)).executeUpdate()
                + sql("DELETE FROM sso_code WHERE used_at < ?1", utc(codeCutoff)).executeUpdate()
                + sql("DELETE FROM sso_session WHERE refresh_expires_at < ?1", utc(now)).executeUpdate();
    }

    private static Instant instant(Object value) {
        return SqlTimes.instant(value);
    }
}
