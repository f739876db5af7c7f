package dev.stallkeeper.web.common;

import dev.stallkeeper.platform.Clocks;
import dev.stallkeeper.provisioning.application.InstanceSearch;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.security.domain.AccountException;
import dev.stallkeeper.security.domain.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the console's forms and the admin API's query parameters share: people's time zone and parsing. */
public final class Inputs {

    private Inputs() {
    }

    public static InstanceState parseState(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return InstanceState.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state " + s);
        }
    }

    public static InstanceSearch.Sort parseSort(String s) {
        if (s == null || s.isBlank()) {
            return InstanceSearch.Sort.CREATED_DESC;
        }
        try {
            return InstanceSearch.Sort.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sort order " + s);
        }
    }

    /** The start of a Beijing day typed as yyyy-MM-dd (null for blank). */
    public static Instant day(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip()).atStartOfDay(Clocks.BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates are yyyy-MM-dd, not " + s);
        }
    }

    /** Roles by their ids; an unknown id is refused. */
    public static Set<Role> roles(List<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids) {
            roles.add(Role.fromId(id).orElseThrow(() -> new AccountException("unknown role " + id)));
        }
        return roles;
    }
}
