package dev.stallkeeper.protocol;

import java.util.Optional;

/** The {@code activity} field values of the V2 produce interface (spec §1.2, §1.4). */
public enum Activity {
    NEW_INSTANCE("newInstance"),
    QUERY_INSTANCE("queryInstance"),
    REFRESH_INSTANCE("refreshInstance"),
    UPDATE_INSTANCE_STATUS("updateInstanceStatus"),
    RELEASE_INSTANCE("releaseInstance"),
    UPGRADE_INSTANCE("upgradeInstance"),
    CHANGE_INSTANCE_CHECK("changeInstanceCheck"),
    ORDER_NOTIFY("orderNotify");

    private final String wireName;

    Activity(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears in the request body. */
    public String wireName() {
        return wireName;
    }

    /**
     * The activity named exactly {@code wireName} (case-sensitive, no trimming); empty for null or unknown
     * names, which the endpoint answers with {@link ResultCode#INVALID_PARAM}.
     */
    public static Optional<Activity> fromWire(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (Activity a : values()) {
            if (a.wireName.equals(wireName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
