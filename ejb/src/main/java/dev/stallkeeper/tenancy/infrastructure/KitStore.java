package dev.stallkeeper.tenancy.infrastructure;

import dev.stallkeeper.tenancy.domain.KitTenant;
import dev.stallkeeper.tenancy.domain.KitUser;
import dev.stallkeeper.tenancy.domain.OrgUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Kit tables, in plain SQL that runs on PostgreSQL and on H2 in PostgreSQL mode. Every write is an upsert on
 * KooGallery's own keys ({@code INSERT ... ON CONFLICT DO NOTHING} followed by an update of the same row), so a
 * repeated sync meets its earlier row, and two nodes applying the same call wait for each other on the key.
 * Callers run inside a transaction.
 */
@ApplicationScoped
public class KitStore {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private Query sql(String sql, Object... params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    // --- tenants -------------------------------------------------------------------------------------------

    public void upsertTenant(KitTenant t, Instant now) {
        sql("INSERT INTO kit_tenant (tenant_id, instance_id, order_id, tenant_code, name, domain_name, active,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, TRUE, ?7, ?7) ON CONFLICT DO NOTHING",
                t.tenantId(), t.instanceId(), t.orderId(), t.tenantCode(), t.name(), t.domainName(), utc(now))
                .executeUpdate();
        sql("UPDATE kit_tenant SET instance_id = ?2, order_id = COALESCE(CAST(?3 AS VARCHAR(64)), order_id), tenant_code = ?4, name = ?5,"
                + " domain_name = ?6, active = TRUE, updated_at = ?7 WHERE tenant_id = ?1",
                t.tenantId(), t.instanceId(), t.orderId(), t.tenantCode(), t.name(), t.domainName(), utc(now))
                .executeUpdate();
    }

    /** Marks the tenant deleted (its users can no longer sign in); a tenant never seen is not an error. */
    public void deactivateTenant(String tenantId, Instant now) {
        sql("UPDATE kit_tenant SET active = FALSE, updated_at = ?2 WHERE tenant_id = ?1", tenantId, utc(now))
                .executeUpdate();
        endSessions(tenantId, null);
    }

    public Optional<KitTenant> tenant(String tenantId) {
        List<?> rows = sql("SELECT tenant_id, instance_id, order_id, tenant_code, name, domain_name, active"
                + " FROM kit_tenant WHERE tenant_id = ?1", tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new KitTenant((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], Boolean.TRUE.equals(r[6])));
    }

    /** The associated data that binds a sealed client secret to its row of kit_application. */
    public static String secretContext(String tenantId, String appId) {
        return "kit_application:" + tenantId + ":" + appId;
    }

    // --- applications --------------------------------------------------------------------------------------

    public void upsertApplication(String tenantId, String appId, String instanceId, String clientId,
                                  String sealedSecret, Instant now) {
        sql("INSERT INTO kit_application (tenant_id, app_id, instance_id, client_id, client_secret, active,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, TRUE, ?6, ?6) ON CONFLICT DO NOTHING",
                tenantId, appId, instanceId, clientId, sealedSecret, utc(now)).executeUpdate();
        sql("UPDATE kit_application SET instance_id = ?3, client_id = ?4, client_secret = ?5, active = TRUE,"
                + " updated_at = ?6 WHERE tenant_id = ?1 AND app_id = ?2",
                tenantId, appId, instanceId, clientId, sealedSecret, utc(now)).executeUpdate();
    }

    public void deactivateApplication(String tenantId, String appId, Instant now) {
        sql("UPDATE kit_application SET active = FALSE, updated_at = ?3 WHERE tenant_id = ?1 AND app_id = ?2",
                tenantId, appId, utc(now)).executeUpdate();
        sql("DELETE FROM sso_session WHERE tenant_id = ?1 AND app_id = ?2", tenantId, appId).executeUpdate();
    }

    /** An active application of the tenant: (appId, clientId, sealed secret). */
    public record Application(String appId, String clientId, String sealedSecret) {
    }

    public List<Application> activeApplications(String tenantId) {
        List<?> rows = sql("SELECT app_id, client_id, client_secret FROM kit_application WHERE tenant_id = ?1"
                + " AND active = TRUE ORDER BY app_id", tenantId).getResultList();
        List<Application> out = new java.util.ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new Application((String) r[0], (String) r[1], (String) r[2]));
        }
        return out;
    }

    // --- users ---------------------------------------------------------------------------------------------

    /**
     * Adds or changes users; {@code authorise} null keeps an existing user's authorisation (new users are
     * authorised: KooGallery syncs the users an administrator authorised).
     */
    public void upsertUsers(String tenantId, String appId, Collection<KitUser> users, Boolean authorise, Instant now) {
        for (KitUser u : users) {
            sql("INSERT INTO kit_user (tenant_id, app_id, user_name, name, org_code, job_position, employee_code,"
                    + " employee_type, role, enabled, mobile, email, work_place, entry_date, authorised, created_at,"
                    + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, TRUE, ?15, ?15)"
                    + " ON CONFLICT DO NOTHING", tenantId, appId, u.userName(), u.name(), u.orgCode(), u.position(),
                    u.employeeCode(), u.employeeType(), u.role(), u.enabled(), u.mobile(), u.email(), u.workPlace(),
                    u.entryDate(), utc(now)).executeUpdate();
            sql("UPDATE kit_user SET name = ?4, org_code = ?5, job_position = ?6, employee_code = ?7,"
                    + " employee_type = ?8, role = ?9, enabled = ?10, mobile = ?11, email = ?12, work_place = ?13,"
                    + " entry_date = ?14, authorised = COALESCE(CAST(?15 AS BOOLEAN), authorised), updated_at = ?16"
                    + " WHERE tenant_id = ?1 AND app_id = ?2 AND user_name = ?3", tenantId, appId, u.userName(),
                    u.name(), u.orgCode(), u.position(), u.employeeCode(), u.employeeType(), u.role(), u.enabled(),
                    u.mobile(), u.email(), u.workPlace(), u.entryDate(), authorise, utc(now)).executeUpdate();
            if (!u.enabled()) {
                endSessions(tenantId, u.userName());
            }
        }
    }

    /** Cancels the users' authorisation; the users stay known. Their sessions end. */
    public void cancelAuthorisation(String tenantId, String appId, Collection<String> userNames, Instant now) {
        for (String name : userNames) {
            sql("UPDATE kit_user SET authorised = FALSE, updated_at = ?4 WHERE tenant_id = ?1 AND app_id = ?2"
                    + " AND user_name = ?3", tenantId, appId, name, utc(now)).executeUpdate();
            endSessions(tenantId, name);
        }
    }

    public void deleteUsers(String tenantId, String appId, Collection<String> userNames) {
        for (String name : userNames) {
            sql("DELETE FROM kit_user WHERE tenant_id = ?1 AND app_id = ?2 AND user_name = ?3", tenantId, appId, name)
                    .executeUpdate();
            endSessions(tenantId, name);
        }
    }

    /** An authorised, enabled user of the tenant's app: (display name, role, org code). */
    public record SignInUser(String userName, String name, String role, String orgCode) {
    }

    public Optional<SignInUser> authorisedUser(String tenantId, String appId, String userName) {
        List<?> rows = sql("SELECT user_name, name, role, org_code FROM kit_user WHERE tenant_id = ?1 AND app_id = ?2"
                + " AND user_name = ?3 AND authorised = TRUE AND enabled = TRUE", tenantId, appId, userName)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new SignInUser((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
    }

    // --- organisation tree ---------------------------------------------------------------------------------

    /** Locks the tenant's tree (creating its row), so that org changes of one tenant run one at a time. */
    public void lockTree(String tenantId, String instanceId, Instant now) {
        sql("INSERT INTO kit_org_tree (tenant_id, instance_id, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                tenantId, instanceId, utc(now)).executeUpdate();
        sql("SELECT tenant_id FROM kit_org_tree WHERE tenant_id = ?1 FOR UPDATE", tenantId).getResultList();
    }

    public void upsertOrg(String tenantId, OrgUnit org, Instant now) {
        sql("INSERT INTO kit_org (tenant_id, org_code, org_name, parent_code, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                + " ON CONFLICT DO NOTHING", tenantId, org.orgCode(), org.orgName(), org.parentCode(), utc(now))
                .executeUpdate();
        sql("UPDATE kit_org SET org_name = ?3, parent_code = ?4, updated_at = ?5 WHERE tenant_id = ?1 AND org_code = ?2",
                tenantId, org.orgCode(), org.orgName(), org.parentCode(), utc(now)).executeUpdate();
    }

    public void deleteOrg(String tenantId, String orgCode) {
        sql("DELETE FROM kit_org WHERE tenant_id = ?1 AND org_code = ?2", tenantId, orgCode).executeUpdate();
    }

    /** Replaces the whole tree (the tree must be {@linkplain #lockTree locked}). */
    public void replaceTree(String tenantId, String instanceId, List<OrgUnit> orgs, Instant now) {
        sql("DELETE FROM kit_org WHERE tenant_id = ?1", tenantId).executeUpdate();
        for (OrgUnit org : orgs) {
            sql("INSERT INTO kit_org (tenant_id, org_code, org_name, parent_code, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    tenantId, org.orgCode(), org.orgName(), org.parentCode(), utc(now)).executeUpdate();
        }
        sql("UPDATE kit_org_tree SET instance_id = ?2, full_sync_at = ?3, updated_at = ?3 WHERE tenant_id = ?1",
                tenantId, instanceId, utc(now)).executeUpdate();
    }

    public void touchTree(String tenantId, String instanceId, Instant now) {
        sql("UPDATE kit_org_tree SET instance_id = ?2, updated_at = ?3 WHERE tenant_id = ?1", tenantId, instanceId,
                utc(now)).executeUpdate();
    }

    // --- sessions ------------------------------------------------------------------------------------------

    /** Ends the SSO sessions of one user of the tenant, or of all its users when {@code userName} is null. */
    public void endSessions(String tenantId, String userName) {
        if (userName == null) {
            sql("DELETE FROM sso_session WHERE tenant_id = ?1", tenantId).executeUpdate();
        } else {
            sql("DELETE FROM sso_session WHERE tenant_id = ?1 AND user_name = ?2", tenantId, userName).executeUpdate();
        }
    }
}
