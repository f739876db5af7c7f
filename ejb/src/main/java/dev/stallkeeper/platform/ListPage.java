package dev.stallkeeper.platform;

import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a console or API list, done by the database: the rows of page {@code page} (from 0) of
 * {@code size}, and the total counted only up to {@link #COUNT_LIMIT} (beyond it {@code totalCapped} is true), so
 * a page answers in the same time with a thousand rows or a million. The same rule as the instance list.
 */
public record ListPage<T>(List<T> rows, long total, boolean totalCapped, int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;
    public static final int COUNT_LIMIT = 10_000;

    public ListPage {
        rows = List.copyOf(rows);
    }

    /** A page number as asked (negative: the first). */
    public static int page(int page) {
        return Math.max(page, 0);
    }

    /** A page size as asked (0 or less: the default; at most {@link #MAX_SIZE}). */
    public static int size(int size) {
        return size <= 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    /**
     * Runs a list query for one page: {@code rows} (ordered, with an id tie-breaker so pages never overlap) and
     * {@code ids} (the same FROM and WHERE, selecting a constant) share {@code params}.
     */
    static <R, T> ListPage<T> fetch(TypedQuery<R> rows, TypedQuery<Long> ids, Map<String, ?> params, int page,
                                           int size, Function<R, T> map) {
        int p = page(page);
        int s = size(size);
        params.forEach((k, v) -> {
            rows.setParameter(k, v);
            ids.setParameter(k, v);
        });
        List<T> found = rows.setFirstResult(p * s).setMaxResults(s).getResultList().stream().map(map).toList();
        long counted = ids.setMaxResults(COUNT_LIMIT + 1).getResultList().size();
        return new ListPage<>(found, Math.min(counted, COUNT_LIMIT), counted > COUNT_LIMIT, p, s);
    }

    /** Rows {@code first} to {@code first + max} (max at most 500) of an ordered list query with its {@code params}. */
    static <R, T> List<T> slice(TypedQuery<R> rows, Map<String, ?> params, int first, int max, Function<R, T> map) {
        params.forEach(rows::setParameter);
        return rows.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, 500))).getResultList()
                .stream().map(map).toList();
    }
}
