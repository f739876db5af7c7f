package dev.stallkeeper.tenancy.application;

import dev.stallkeeper.platform.SqlTimes;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console shows of the joint-operation tenants: read-only, bounded reads. Client secrets and tokens are
 * never read here.
 */
@Stateless
public class TenantDirectory {

    /** Most tenants listed, and most departments shown of one tree. */
    public static final int MAX_ROWS = 500;
    public static final int MAX_ORGS = 2000;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    public record TenantRow(String tenantId, String name, String tenantCode, String domainName, String instanceId,
                            boolean active, long applications, long authorisedUsers, long departments, Instant updatedAt) {
    }

    public record AppRow(String appId, String clientId, boolean active, long authorisedUsers, long users,
                         Instant updatedAt) {
    }

    /** A department with its depth in the tree (0 at the top; departments whose parent is missing are at the top). */
    public record OrgRow(String orgCode, String orgName, String parentCode, int depth) {
    }

    public record TenantDetails(TenantRow tenant, List<AppRow> applications, List<OrgRow> orgs, boolean orgsCut) {
    }

    private static final String TENANT_SELECT = "SELECT t.tenant_id, t.name, t.tenant_code, t.domain_name,"
            + " t.instance_id, t.active, t.updated_at,"
            + " (SELECT COUNT(*) FROM kit_application a WHERE a.tenant_id = t.tenant_id AND a.active),"
            + " (SELECT COUNT(*) FROM kit_user u WHERE u.tenant_id = t.tenant_id AND u.authorised),"
            + " (SELECT COUNT(*) FROM kit_org o WHERE o.tenant_id = t.tenant_id) FROM kit_tenant t";

    public List<TenantRow> tenants() {
        List<?> rows = em.createNativeQuery(TENANT_SELECT + " ORDER BY t.updated_at DESC, t.tenant_id")
                .setMaxResults(MAX_ROWS).getResultList();
        List<TenantRow> out = new ArrayList<>();
        rows.forEach(r -> out.add(tenantRow((Object[]) r)));
        return out;
    }

    public Optional<TenantDetails> tenant(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery(TENANT_SELECT + " WHERE t.tenant_id = ?1").setParameter(1, tenantId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<AppRow> apps = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT a.app_id, a.client_id, a.active, a.updated_at,"
                        + " (SELECT COUNT(*) FROM kit_user u WHERE u.tenant_id = a.tenant_id AND u.app_id = a.app_id AND u.authorised),"
                        + " (SELECT COUNT(*) FROM kit_user u WHERE u.tenant_id = a.tenant_id AND u.app_id = a.app_id)"
                        + " FROM kit_application a WHERE a.tenant_id = ?1 ORDER BY a.app_id")
                .setParameter(1, tenantId).setMaxResults(MAX_ROWS).getResultList()) {
            Object[] r = (Object[]) o;
            apps.add(new AppRow((String) r[0], (String) r[1], Boolean.TRUE.equals(r[2]), count(r[4]), count(r[5]),
                    SqlTimes.instant(r[3])));
        }
        List<?> orgRows = em.createNativeQuery("SELECT org_code, org_name, parent_code FROM kit_org WHERE tenant_id = ?1"
                + " ORDER BY org_code").setParameter(1, tenantId).setMaxResults(MAX_ORGS + 1).getResultList();
        List<String[]> orgs = new ArrayList<>();
        for (Object o : orgRows.subList(0, Math.min(orgRows.size(), MAX_ORGS))) {
            Object[] r = (Object[]) o;
            orgs.add(new String[] {(String) r[0], (String) r[1], (String) r[2]});
        }
        return Optional.of(new TenantDetails(tenantRow((Object[]) rows.get(0)), apps, tree(orgs),
                orgRows.size() > MAX_ORGS));
    }

    /** Depth-first order of the departments, children after their parent; cycles and orphans do not loop. */
    static List<OrgRow> tree(List<String[]> orgs) {
        Map<String, List<String[]>> children = new HashMap<>();
        Map<String, String[]> byCode = new HashMap<>();
        orgs.forEach(o -> byCode.put(o[0], o));
        List<String[]> roots = new ArrayList<>();
        for (String[] o : orgs) {
            String parent = o[2] == null ? "" : o[2];
            if (parent.isEmpty() || !byCode.containsKey(parent) || parent.equals(o[0])) {
                roots.add(o);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(o);
            }
        }
        List<OrgRow> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String[] root : roots) {
            walk(root, 0, children, seen, out);
        }
        for (String[] o : orgs) { // members of a parent cycle are reachable from no root
            if (!seen.contains(o[0])) {
                walk(o, 0, children, seen, out);
            }
        }
        return out;
    }

    private static void walk(String[] org, int depth, Map<String, List<String[]>> children, java.util.Set<String> seen,
                             List<OrgRow> out) {
        if (!seen.add(org[0])) {
            return;
        }
        out.add(new OrgRow(org[0], org[1], org[2], depth));
        for (String[] child : children.getOrDefault(org[0], List.of())) {
            walk(child, depth + 1, children, seen, out);
        }
    }

    private static TenantRow tenantRow(Object[] r) {
        return new TenantRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                Boolean.TRUE.equals(r[5]), count(r[7]), count(r[8]), count(r[9]), SqlTimes.instant(r[6]));
    }

    private static long count(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }
}
