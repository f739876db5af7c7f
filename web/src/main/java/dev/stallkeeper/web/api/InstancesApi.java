package dev.stallkeeper.web.api;

import dev.stallkeeper.catalog.application.Catalog;
import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.provisioning.application.InstanceSearch;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.web.common.Inputs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The instance list in the admin API, with the console's filters ({@code GET /api/admin/instances?q=&customer=
 * &state=&product=&from=&to=&sort=&page=&size=}; dates are Beijing dates {@code yyyy-MM-dd}, {@code to} inclusive).
 * The application credentials of an instance are never part of the answer. A bad filter is 400 with its reason.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class InstancesApi {

    @Inject
    InstanceSearch search;

    @Inject
    Catalog catalog;

    public record InstanceJson(String id, String state, String orderId, String orderLineId, String productId,
                               String productName, String skuCode, String chargingMode, String customerId,
                               String customerName, String createdAt, String updatedAt, String expiresAt) {
    }

    public record PageJson(List<InstanceJson> instances, long total, boolean totalCapped, int page, int size) {
    }

    @GET
    @Path("instances")
    @RolesAllowed({"admin", "finance", "operator"})
    public Response list(@QueryParam("q") String q, @QueryParam("customer") String customer,
                         @QueryParam("state") String state, @QueryParam("product") String product,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("sort") String sort, @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size) {
        InstanceSearch.Page found;
        try {
            Instant until = Inputs.day(to);
            found = search.search(new InstanceSearch.Criteria(q, customer, Inputs.parseState(state), product,
                    Inputs.day(from), until == null ? null : until.plusSeconds(86_400),
                    Inputs.parseSort(sort), page, size));
        } catch (IllegalArgumentException e) {
            throw new RefusedException("instances.badQuery", false, e.getMessage());
        }
        Map<String, String> names = catalog.productNames();
        List<InstanceJson> rows = found.rows().stream().map(i -> json(i, names)).toList();
        return Response.ok(new PageJson(rows, found.total(), found.totalCapped(), found.page(), found.pageSize()))
                .build();
    }

    private static InstanceJson json(Instance i, Map<String, String> names) {
        return new InstanceJson(i.id(), i.state().name(), i.orderId(), i.orderLineId(), i.productId(),
                i.productId() == null ? null : names.getOrDefault(i.productId(), i.productId()), i.skuCode(),
                i.chargingMode(), i.customerId(), i.customerName(), text(i.createdAt()), text(i.updatedAt()),
                text(i.expiresAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
