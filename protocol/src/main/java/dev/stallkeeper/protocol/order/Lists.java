package dev.stallkeeper.protocol.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** List handling shared by the message records. */
final class Lists {

    private Lists() {
    }

    /**
     * An unmodifiable copy, empty for null. Null elements are kept (unlike {@code List.copyOf}) so that an odd
     * {@code [null]} in a response does not make the whole message unreadable.
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
