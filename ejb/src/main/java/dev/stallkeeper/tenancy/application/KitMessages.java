package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.kit.KitInterface;
import dev.stallkeeper.tenancy.domain.KitUser;
import dev.stallkeeper.tenancy.domain.OrgUnit;
import dev.stallkeeper.tenancy.domain.SyncFlag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bodies of the five Kit calls (spec §6.2) into typed requests, with the documented lengths. Anything
 * missing or malformed is a {@link KitRequestException} with 000002 naming the field. Tolerant where Huawei is
 * inconsistent: numbers may arrive as strings, and (as in V1) a list may arrive as a string holding the JSON array.
 */
public final class KitMessages {

    private KitMessages() {
    }

    public record TenantSync(String instanceId, String orderId, String tenantId, String tenantCode, String name,
                             String domainName, SyncFlag flag, boolean test) {
    }

    public record ApplicationSync(String instanceId, String tenantId, String appId, String clientId,
                                  String encryptedSecret, SyncFlag flag, boolean test) {
    }

    public record AuthSync(String instanceId, String tenantId, String appId, List<KitUser> users, SyncFlag flag,
                           boolean test) {
    }

    public record SingleOrgSync(String instanceId, String tenantId, OrgUnit org, SyncFlag flag, boolean test) {
    }

    public record AllOrgSync(String instanceId, String tenantId, List<OrgUnit> orgs, boolean test) {
    }

    public static TenantSync tenantSync(ObjectNode body) {
        SyncFlag flag = flag(body, false);
        String domainName = required(body, "domainName", 255);
        URI uri;
        try {
            uri = URI.create(domainName);
        } catch (IllegalArgumentException e) {
            throw KitRequestException.invalid("domainName is not a URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw KitRequestException.invalid("domainName must be an https:// URL");
        }
        // the identity service's origin only: OAuth paths are appended to it, and credentials or a query in it
        // would travel with every call that carries the client secret
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))) {
            throw KitRequestException.invalid("domainName must be scheme://host[:port] without user, path or query");
        }
        return new TenantSync(required(body, "instanceId", 64), optional(body, "orderId", 64),
                required(body, "tenantId", 64), required(body, "tenantCode", 64), required(body, "name", 255),
                domainName, flag, test(body));
    }

    public static ApplicationSync applicationSync(ObjectNode body) {
        SyncFlag flag = flag(body, false);
        String secret = flag == SyncFlag.DELETE ? optional(body, "clientSecret", 2048)
                : required(body, "clientSecret", 2048);
        return new ApplicationSync(required(body, "instanceId", 64), required(body, "tenantId", 64),
                required(body, "appId", 64), flag == SyncFlag.DELETE ? optional(body, "clientId", 64)
                : required(body, "clientId", 64), secret, flag, test(body));
    }

    public static AuthSync authSync(ObjectNode body) {
        SyncFlag flag = flag(body, true);
        JsonNode list = list(body, "userList");
        if (list.size() > KitInterface.MAX_USERS_PER_AUTH_SYNC) {
            throw KitRequestException.invalid("userList has " + list.size() + " users; at most "
                    + KitInterface.MAX_USERS_PER_AUTH_SYNC + " per call");
        }
        Map<String, KitUser> users = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode u = list.get(i);
            if (!u.isObject()) {
                throw KitRequestException.invalid("userList[" + i + "] is not an object");
            }
            String field = "userList[" + i + "].";
            String userName = required(u, "userName", 64, field);
            String name = optional(u, "name", 255, field);
            String enable = optional(u, "enable", 8, field);
            users.put(userName, new KitUser(userName, name == null || name.isEmpty() ? userName : name,
                    optional(u, "orgCode", 64, field), optional(u, "position", 255, field),
                    optional(u, "employeeCode", 64, field), optional(u, "employeeType", 16, field),
                    optional(u, "role", 16, field), enable == null || !"false".equalsIgnoreCase(enable),
                    optional(u, "mobile", 64, field), optional(u, "email", 255, field),
                    optional(u, "workPlace", 255, field), optional(u, "entryDate", 32, field)));
        }
        return new AuthSync(required(body, "instanceId", 64), required(body, "tenantId", 64),
                required(body, "appId", 64), List.copyOf(users.values()), flag, test(body));
    }

    public static SingleOrgSync singleOrgSync(ObjectNode body) {
        SyncFlag flag = flag(body, false);
        String orgCode = required(body, "orgCode", 64);
        String orgName = flag == SyncFlag.DELETE ? optional(body, "orgName", 255) : required(body, "orgName", 255);
        String parent = optional(body, "parentCode", 64);
        return new SingleOrgSync(required(body, "instanceId", 64), required(body, "tenantId", 64),
                new OrgUnit(orgCode, orgName == null ? "" : orgName, parent == null ? "" : parent), flag, test(body));
    }

    public static AllOrgSync allOrgSync(ObjectNode body) {
        JsonNode list = list(body, "orgInfoList");
        Map<String, OrgUnit> orgs = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            if (!o.isObject()) {
                throw KitRequestException.invalid("orgInfoList[" + i + "] is not an object");
            }
            String field = "orgInfoList[" + i + "].";
            String code = required(o, "orgCode", 64, field);
            String parent = optional(o, "parentCode", 64, field);
            orgs.put(code, new OrgUnit(code, required(o, "orgName", 255, field), parent == null ? "" : parent));
        }
        return new AllOrgSync(required(body, "instanceId", 64), required(body, "tenantId", 64),
                List.copyOf(orgs.values()), test(body));
    }

    /** KooGallery's debug flag: 1 or "1". */
    public static boolean test(ObjectNode body) {
        JsonNode node = body.get("testFlag");
        return node != null && node.isValueNode() && "1".equals(node.asText().trim());
    }

    private static SyncFlag flag(ObjectNode body, boolean cancelAllowed) {
        String text = required(body, "flag", 2);
        int wire;
        try {
            wire = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw KitRequestException.invalid("flag must be a number");
        }
        if (wire < 0 || wire > (cancelAllowed ? 3 : 2)) {
            throw KitRequestException.invalid("flag must be 0, 1" + (cancelAllowed ? ", 2 or 3" : " or 2"));
        }
        return SyncFlag.of(wire);
    }

    private static JsonNode list(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        if (node != null && node.isTextual()) {
            try { // V1 sends the list as a string holding the JSON array
                node = Json.mapper().readTree(node.asText().getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException | MalformedBodyException e) {
                throw KitRequestException.invalid(name + " is not a JSON array");
            }
        }
        if (node == null || !node.isArray()) {
            throw KitRequestException.invalid(name + " must be a list");
        }
        return node;
    }

    private static String required(JsonNode body, String name, int maxLength) {
        return required(body, name, maxLength, "");
    }

    private static String required(JsonNode body, String name, int maxLength, String prefix) {
        String value = optional(body, name, maxLength, prefix);
        if (value == null || value.isEmpty()) {
            throw KitRequestException.invalid(prefix + name + " is missing");
        }
        return value;
    }

    private static String optional(JsonNode body, String name, int maxLength) {
        return optional(body, name, maxLength, "");
    }

    private static String optional(JsonNode body, String name, int maxLength, String prefix) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw KitRequestException.invalid(prefix + name + " must be a string or a number");
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            throw KitRequestException.invalid(prefix + name + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw KitRequestException.invalid(prefix + name + " contains control characters");
            }
        }
        return value;
    }

    /** For the audit: a value node's text, or null. */
    static String text(ObjectNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.get(field);
        return node != null && node.isValueNode() ? node.asText() : null;
    }

    static List<String> names(List<KitUser> users) {
        List<String> out = new ArrayList<>(users.size());
        users.forEach(u -> out.add(u.userName()));
        return out;
    }
}
