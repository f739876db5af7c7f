package dev.stallkeeper.web.api;

import dev.stallkeeper.batch.JobLauncher;
import dev.stallkeeper.billing.application.BillImport;
import dev.stallkeeper.billing.application.BillImportException;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.web.common.SettlementViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API of settlement (docs/settlement.md), roles admin and finance: bills in (JSON or the bill file as
 * CSV, all or nothing), runs of the reconciliation job (start, restart, status with progress, history), and a
 * period's statements and worklist as JSON or CSV. Refusals are JSON {@code {"error": "..."}}; a refused import
 * adds {@code "problems": [{"line": N, "message": "..."}]} (for JSON bills, N is the bill's position, 1 = first).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "finance"})
public class SettlementApi {

    static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

    @Inject
    BillImport billImport;

    @Inject
    Settlements settlements;

    @Inject
    JobLauncher launcher;

    @Inject
    SettlementViews views;

    @Inject
    Clock clock;

    /** Bills as a JSON array of objects whose fields are the bill file's columns (values as strings or numbers). */
    @POST
    @Path("bills")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> postBills(List<Map<String, Object>> bills) {
        if (bills == null) {
            throw new RefusedException("billing.badRequest", false, "body must be a JSON array of bills");
        }
        List<Map<String, String>> values = bills.stream().map(b -> {
            Map<String, String> v = new LinkedHashMap<>();
            if (b != null) {
                b.forEach((k, x) -> v.put(k, x == null ? null : x.toString()));
            }
            return v;
        }).toList();
        return imported(billImport.importBills(values));
    }

    /** The bill file (docs/settlement.md "Importing the bill export"), as text/csv. */
    @POST
    @Path("bills")
    @Consumes("text/csv")
    public Map<String, Object> postBillFile(String csv) {
        return imported(billImport.importCsv(new StringReader(csv == null ? "" : csv)));
    }

    /** A refused file is a {@code BillImportException}: 400 with one problem per line (web/error). */
    private static Map<String, Object> imported(BillImport.Result r) {
        return Map.of("created", r.created(), "updated", r.updated(), "unchanged", r.unchanged());
    }

    /** Every period's run, newest first, with its statement totals. */
    @GET
    @Path("settlement/runs")
    public List<Map<String, Object>> runs() {
        return views.history();
    }

    /** A period's run: status, progress (doneBills of totalBills), its job execution and totals. */
    @GET
    @Path("settlement/runs/{period}")
    public Map<String, Object> run(@PathParam("period") String period) {
        BillingPeriod p = period(period);
        return views.run(p).orElseThrow(() -> new NotFoundException("period " + p + " has no run"));
    }

    /** Starts the reconciliation of a period that has ended: 202 with the job execution id. */
    @POST
    @Path("settlement/runs/{period}")
    public Response start(@PathParam("period") String period) {
        BillingPeriod p = period(period);
        Optional<String> refusal = settlements.refusalToStart(p);
        if (refusal.isPresent()) {
            throw new RefusedException("settlement.refused", p.hasEnded(clock.instant()), refusal.get());
        }
        long execution = launcher.startSettlement(p);
        return accepted(p, execution);
    }

    /** Restarts a failed or stopped run: its partitions continue from their committed positions. */
    @POST
    @Path("settlement/runs/{period}/restart")
    public Response restart(@PathParam("period") String period) {
        BillingPeriod p = period(period);
        return accepted(p, launcher.restartSettlement(p)); // refusals: 404 no run, 409 nothing or cannot restart
    }

    private static Response accepted(BillingPeriod p, long execution) {
        return Response.accepted(Map.of("period", p.toString(), "executionId", execution))
                .location(URI.create("/api/admin/settlement/runs/" + p)).build();
    }

    @GET
    @Path("settlement/periods/{period}/statements")
    public List<Map<String, Object>> statements(@PathParam("period") String period,
                                                @QueryParam("bills") @DefaultValue("1000") int bills) {
        return views.statements(period(period), Math.max(0, Math.min(bills, 100_000)));
    }

    @GET
    @Path("settlement/periods/{period}/worklist")
    public Map<String, Object> worklist(@PathParam("period") String period,
                                        @QueryParam("limit") @DefaultValue("1000") int limit) {
        return views.worklist(period(period), Math.max(1, Math.min(limit, 100_000)));
    }

    /** CSV exports: statements.csv, statement-lines.csv, worklist.csv. */
    @GET
    @Path("settlement/periods/{period}/{name}.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("period") String period, @PathParam("name") String name) {
        BillingPeriod p = period(period);
        if (!SettlementViews.EXPORTS.contains(name)) {
            throw new NotFoundException("no export " + name + ".csv (" + SettlementViews.EXPORTS + ")");
        }
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            views.csv(name, p, w);
            w.flush();
        };
        return Response.ok(body, CSV).header("Content-Disposition",
                "attachment; filename=\"settlement-" + p + "-" + name + ".csv\"").build();
    }

    private static BillingPeriod period(String text) {
        try {
            return SettlementViews.period(text);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("settlement.badPeriod", false, e.getMessage());
        }
    }
}
