package dev.stallkeeper.security.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a member of the seller's staff may do. {@code admin}: everything, including users and settings;
 * {@code finance}: settlement, bills and invoices; {@code operator}: instances, callbacks and replays.
 * Everyone logged in may look at the dashboard.
 */
public enum Role {
    ADMIN, FINANCE, OPERATOR;

    /** The name used in the database, in web.xml and in {@code @RolesAllowed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }
}
