package dev.stallkeeper.web.admin;

import dev.stallkeeper.catalog.application.Catalog;
import java.util.Map;

import dev.stallkeeper.provisioning.application.InstanceSearch;
import dev.stallkeeper.provisioning.domain.InstanceState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** The instance list: its filters come from the query string, so every view of it can be bookmarked and shared. */
@Named("instances")
@RequestScoped
public class InstancesBean {

    /** Dates in the console are Beijing dates, as in KooGallery's seller console. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    InstanceSearch search;

    @Inject
    Catalog catalog;

    private String q;
    private String customer;
    private Map<String, String> productNames;
    private String state;
    private String product;
    private String from;
    private String to;
    private String sort;
    private int page;
    private InstanceSearch.Page result;
    private String error;

    public InstanceSearch.Page getResult() {
        if (result == null) {
            try {
                result = search.search(new InstanceSearch.Criteria(q, customer, parseState(state), product,
                        day(from), day(to) == null ? null : day(to).plusSeconds(86_400), parseSort(sort), page, 50));
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                result = new InstanceSearch.Page(List.of(), 0, false, 0, 50);
            }
        }
        return result;
    }

    public String getError() {
        getResult();
        return error;
    }

    /** The product's display name (the seller's, else KooGallery's, else its id). */
    public String productName(String productId) {
        if (productId == null) {
            return "";
        }
        if (productNames == null) {
            productNames = catalog.productNames();
        }
        return productNames.getOrDefault(productId, productId);
    }

    public List<String> getStates() {
        return Arrays.stream(InstanceState.values()).map(Enum::name).toList();
    }

    public List<String> getSorts() {
        return Arrays.stream(InstanceSearch.Sort.values()).map(Enum::name).toList();
    }

    /** The query string of this view with another page number. */
    public String pageLink(int target) {
        StringBuilder s = new StringBuilder("?page=").append(Math.max(0, target));
        append(s, "q", q);
        append(s, "customer", customer);
        append(s, "state", state);
        append(s, "product", product);
        append(s, "from", from);
        append(s, "to", to);
        append(s, "sort", sort);
        return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value != null && !value.isBlank()) {
            s.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static InstanceState parseState(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return InstanceState.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state " + s);
        }
    }

    static InstanceSearch.Sort parseSort(String s) {
        if (s == null || s.isBlank()) {
            return InstanceSearch.Sort.CREATED_DESC;
        }
        try {
            return InstanceSearch.Sort.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sort order " + s);
        }
    }

    static java.time.Instant day(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip()).atStartOfDay(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates are yyyy-MM-dd, not " + s);
        }
    }

    public String getQ() { return q; }
    public void setQ(String v) { q = v; }
    public String getCustomer() { return customer; }
    public void setCustomer(String v) { customer = v; }
    public String getState() { return state; }
    public void setState(String v) { state = v; }
    public String getProduct() { return product; }
    public void setProduct(String v) { product = v; }
    public String getFrom() { return from; }
    public void setFrom(String v) { from = v; }
    public String getTo() { return to; }
    public void setTo(String v) { to = v; }
    public String getSort() { return sort; }
    public void setSort(String v) { sort = v; }
    public int getPage() { return page; }
    public void setPage(int v) { page = v; }
}
