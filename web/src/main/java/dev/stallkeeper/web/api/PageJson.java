package dev.stallkeeper.web.api;

import dev.stallkeeper.platform.ListPage;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a workflow list in the admin API: the rows ({@code items}), the total (exact below
 * {@link ListPage#COUNT_LIMIT}, else {@code totalCapped}), and the links to the previous and next pages (this
 * request's URI with another {@code page}: the filters are kept), null where there is none.
 */
public record PageJson<T>(List<T> items, long total, boolean totalCapped, int page, int size, String prev, String next) {

    static <R, T> PageJson<T> of(ListPage<R> found, Function<R, T> view, UriInfo uri) {
        return new PageJson<>(found.rows().stream().map(view).toList(), found.total(), found.totalCapped(), found.page(),
                found.size(), found.hasPrevious() ? link(uri, found.page() - 1, found.size()) : null,
                found.hasNext() ? link(uri, found.page() + 1, found.size()) : null);
    }

    private static String link(UriInfo uri, int page, int size) {
        java.net.URI u = uri.getRequestUriBuilder().replaceQueryParam("page", page).replaceQueryParam("size", size).build();
        return u.getRawPath() + "?" + u.getRawQuery();
    }
}
