package dev.stallkeeper.web.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.usage.application.ReportedUsage;
import dev.stallkeeper.usage.application.UsageReportException;
import dev.stallkeeper.usage.application.UsageReports;
import dev.stallkeeper.usage.domain.UsageRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage reporting for the seller's SaaS (docs/usage-push.md): {@code POST /api/usage} with
 * <pre>
 * {"records":[{"id":"r-1","instanceId":"...","unit":"hour","value":"1.5",
 *              "beginTime":"2026-11-29T13:00:00Z","endTime":"2026-11-29T14:00:00Z"}]}
 * </pre>
 * answers 200 {@code {"records":[{"id":"r-1","meteringSn":"..."}]}} (the same answer for the same report again);
 * {@code GET /api/usage/{id}} shows where a record stands. Bearer token, see {@link UsageToken}.
 */
@Path("/usage")
@Produces(MediaType.APPLICATION_JSON)
@UsageToken.Required
public class UsageResource {

    @Inject
    UsageReports reports;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> report(byte[] body) {
        ObjectNode root;
        try {
            root = Json.parseObject(body);
        } catch (MalformedBodyException e) {
            throw new RefusedException("usage.malformed", false, "the body is not valid JSON: " + e.getMessage());
        }
        JsonNode list = root.get("records");
        if (list == null || !list.isArray()) {
            throw new UsageReportException(UsageReportException.Reason.INVALID,
                    "the body must be {\"records\":[...]} with 1 to " + UsageReports.MAX_RECORDS + " records", List.of());
        }
        List<ReportedUsage> records = new ArrayList<>();
        list.forEach(r -> records.add(r.isObject() ? new ReportedUsage(text(r, "id"), text(r, "instanceId"),
                text(r, "unit"), text(r, "value"), text(r, "beginTime"), text(r, "endTime"),
                text(r, "relatePkgInstance")) : null));
        List<Map<String, String>> answer = reports.report(records).stream().map(receipt -> {
            Map<String, String> r = new LinkedHashMap<>(); // a stable order: the same report, the same bytes
            r.put("id", receipt.id());
            r.put("meteringSn", receipt.meteringSn());
            return r;
        }).toList();
        return Map.of("records", answer);
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("id") String id) {
        return reports.findByReportId(id).map(r -> Response.ok(view(r)).build())
                .orElseThrow(() -> new NotFoundException("no usage record with id " + id));
    }

    private static Map<String, Object> view(UsageRecord r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.reportId());
        v.put("meteringSn", r.meteringSn());
        v.put("instanceId", r.instanceId());
        v.put("unit", r.unit());
        v.put("value", r.usageValue().stripTrailingZeros().toPlainString());
        v.put("amount", r.amount().toPlainString());
        v.put("beginTime", r.beginTime().toString());
        v.put("endTime", r.endTime().toString());
        v.put("status", r.status().name());
        v.put("dueAt", r.dueAt().toString());
        v.put("attempts", r.attempts());
        v.put("errorCode", r.errorCode());
        v.put("lastError", r.lastError());
        v.put("acceptedAt", r.acceptedAt() == null ? null : r.acceptedAt().toString());
        return v;
    }

    /** A field as text: strings as they are, numbers as written (so that {"value": 1.5} works too), else null. */
    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber() ? v.asText() : v.isTextual() ? v.asText() : v.toString();
    }
}
