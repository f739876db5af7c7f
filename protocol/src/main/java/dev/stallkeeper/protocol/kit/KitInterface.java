package dev.stallkeeper.protocol.kit;

import java.util.Optional;

/** The five V2 Kit sync interfaces, posted to {@code <production address>/produceAPI/v2/<name>} (spec §6.1). */
public enum KitInterface {
    TENANT_SYNC("tenantSync"),
    APPLICATION_SYNC("applicationSync"),
    AUTH_SYNC("authSync"),
    SINGLE_ORG_SYNC("singleOrgSync"),
    ALL_ORG_SYNC("allOrgSync");

    /** The sub-path of the V2 Kit interfaces under the production address. */
    public static final String PATH_PREFIX = "/produceAPI/v2/";

    /** Most users one {@code authSync} call may carry (spec §6.2). */
    public static final int MAX_USERS_PER_AUTH_SYNC = 500;

    private final String wireName;

    KitInterface(String wireName) {
        this.wireName = wireName;
    }

    /** The last path segment, e.g. {@code tenantSync}. */
    public String wireName() {
        return wireName;
    }

    /** The interface named exactly {@code name} (case-sensitive); empty for null or unknown names. */
    public static Optional<KitInterface> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (KitInterface k : values()) {
            if (k.wireName.equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
