package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's instance list: filters, sorting and pages, done by the database. Every filter and sort order
 * has an index (V1, V4), and the total is counted only up to {@link #COUNT_LIMIT} so that a page answers in
 * the same time with a thousand instances or a million.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class InstanceSearch {

    public static final int MAX_PAGE_SIZE = 200;
    public static final int COUNT_LIMIT = 10_000;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    /** Sort orders the list offers (each backed by an index). */
    public enum Sort {
        CREATED_DESC("i.createdAt DESC, i.id DESC"), CREATED_ASC("i.createdAt ASC, i.id ASC"),
        UPDATED_DESC("i.updatedAt DESC, i.id DESC"), UPDATED_ASC("i.updatedAt ASC, i.id ASC");

        final String jpql;

        Sort(String jpql) {
            this.jpql = jpql;
        }
    }

    /**
     * What to look for. {@code key} matches an instance id, an order id or a customer id exactly;
     * {@code customerName} matches customer names that contain it, ignoring case (on PostgreSQL a trigram index,
     * V5.1, serves it); the other fields are optional filters; {@code from}/{@code to} bound the creation time
     * (from inclusive, to exclusive).
     */
    public record Criteria(String key, String customerName, InstanceState state, String productId, Instant from,
                           Instant to, Sort sort, int page, int pageSize) {
        public Criteria {
            customerName = blank(customerName);
            if (customerName != null && customerName.length() > 100) {
                throw new IllegalArgumentException("a customer name to look for has at most 100 characters");
            }
            sort = sort == null ? Sort.CREATED_DESC : sort;
            page = Math.max(page, 0);
            pageSize = pageSize <= 0 ? 50 : Math.min(pageSize, MAX_PAGE_SIZE);
            key = blank(key);
            productId = blank(productId);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** One page; {@code total} is exact below {@link #COUNT_LIMIT}, otherwise {@code totalCapped} is true. */
    public record Page(List<Instance> rows, long total, boolean totalCapped, int page, int pageSize) {
        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public boolean hasNext() {
            return (long) (page + 1) * pageSize < total;
        }
    }

    public Page search(Criteria c) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (c.key() != null) {
            where.append(" AND (i.id = :key OR i.orderId = :key OR i.customerId = :key)");
            params.put("key", c.key());
        }
        if (c.customerName() != null) {
            where.append(" AND LOWER(i.customerName) LIKE :customerName ESCAPE '!'");
            params.put("customerName", "%" + likeLiteral(c.customerName().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (c.state() != null) {
            where.append(" AND i.state = :state");
            params.put("state", c.state());
        }
        if (c.productId() != null) {
            where.append(" AND i.productId = :product");
            params.put("product", c.productId());
        }
        if (c.from() != null) {
            where.append(" AND i.createdAt >= :from");
            params.put("from", c.from());
        }
        if (c.to() != null) {
            where.append(" AND i.createdAt < :to");
            params.put("to", c.to());
        }
        TypedQuery<Instance> rows = em.createQuery("SELECT i FROM Instance i" + where + " ORDER BY " + c.sort().jpql,
                Instance.class);
        TypedQuery<Long> ids = em.createQuery("SELECT 1L FROM Instance i" + where, Long.class);
        params.forEach((k, v) -> {
            rows.setParameter(k, v);
            ids.setParameter(k, v);
        });
        List<Instance> found = rows.setFirstResult(c.page() * c.pageSize()).setMaxResults(c.pageSize()).getResultList();
        long counted = ids.setMaxResults(COUNT_LIMIT + 1).getResultList().size();
        return new Page(found, Math.min(counted, COUNT_LIMIT), counted > COUNT_LIMIT, c.page(), c.pageSize());
    }

    /** The text as a LIKE pattern that matches it literally ('!' escapes the wildcards and itself). */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
