package dev.stallkeeper.web.console;

import dev.stallkeeper.catalog.application.Catalog;
import dev.stallkeeper.web.common.Inputs;
import java.util.Map;

import dev.stallkeeper.provisioning.application.InstanceSearch;
import dev.stallkeeper.provisioning.domain.InstanceState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** The instance list: its filters come from the query string, so every view of it can be bookmarked and shared. */
@Named("instances")
@RequestScoped
public class InstancesBean {

    /** Dates in the console are Beijing dates, as in KooGallery's seller console. */

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
                result = search.search(new InstanceSearch.Criteria(q, customer, Inputs.parseState(state), product,
                        Inputs.day(from), Inputs.day(to) == null ? null : Inputs.day(to).plusSeconds(86_400), Inputs.parseSort(sort), page, 50));
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

    /** A filter is set or a later page asked for (the empty list then means "nothing matches"). */
    public boolean isFiltered() {
        return PageLinks.narrowed(page, q, customer, state, product, from, to);
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
