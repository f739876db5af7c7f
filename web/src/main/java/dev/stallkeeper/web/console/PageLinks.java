package dev.stallkeeper.web.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The query string of a list view with another page number, keeping its filters (blank ones are left out). */
final class PageLinks {

    private PageLinks() {
    }

    /** {@code ?page=N&size=S&name=value...}; {@code filters} are name, value pairs. */
    static String query(int page, int size, String... filters) {
        StringBuilder s = new StringBuilder("?page=").append(Math.max(0, page)).append("&size=").append(size);
        for (int i = 0; i + 1 < filters.length; i += 2) {
            String value = filters[i + 1];
            if (value != null && !value.isBlank()) {
                s.append('&').append(filters[i]).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return s.toString();
    }

    /**
     * True when the list is narrowed (a filter set) or shows a later page: its empty state then says that nothing
     * matches, not that there is nothing yet.
     */
    static boolean narrowed(int page, String... filters) {
        if (page > 0) {
            return true;
        }
        for (String value : filters) {
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
