package dev.stallkeeper.platform;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A console or API list as JPQL parts: the columns, the FROM and WHERE, the order (ending with an id tie-breaker, so
 * pages never overlap), the parameters and how a row of columns becomes a list row.
 */
public record ListQuery<T>(EntityManager em, String columns, String from, String orderBy, Map<String, ?> params,
                           Function<Object[], T> row) {

    /** Rows {@code first} to {@code first + max} (at most 500), for work that walks a list. */
    public List<T> slice(int first, int max) {
        return ListPage.slice(em.createQuery(select(), Object[].class), params, first, max, row);
    }

    /** Page {@code page} (from 0) of {@code size}, with the total counted up to {@link ListPage#COUNT_LIMIT}. */
    public ListPage<T> page(int page, int size) {
        return ListPage.fetch(em.createQuery(select(), Object[].class), em.createQuery("SELECT 1L" + from, Long.class),
                params, page, size, row);
    }

    private String select() {
        return "SELECT " + columns + from + " ORDER BY " + orderBy;
    }
}
