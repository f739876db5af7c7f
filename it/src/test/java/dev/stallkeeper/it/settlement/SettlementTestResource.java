package dev.stallkeeper.it.settlement;

import dev.stallkeeper.batch.JobLauncher;
import dev.stallkeeper.billing.application.BillImport;
import dev.stallkeeper.billing.application.BillImportException;
import dev.stallkeeper.billing.application.BillLedger;
import dev.stallkeeper.billing.domain.BillingPeriod;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Test only (added to the web module of the deployment under test, never shipped): the settlement services the
 * admin API will expose later, reachable over HTTP so that the container tests can call them.
 */
@Path("/test/settlement")
@Produces(MediaType.TEXT_PLAIN)
public class SettlementTestResource {

    @Inject
    BillImport billImport;

    @Inject
    BillLedger ledger;

    @Inject
    JobLauncher launcher;

    @Inject
    dev.stallkeeper.billing.application.Settlements settlements;

    /** One line per product type: "TYPE accumulated settles|carries". */
    @jakarta.ws.rs.GET
    @Path("/preview/{period}")
    public String preview(@PathParam("period") String period) {
        return settlements.preview(BillingPeriod.parse(period)).stream()
                .map(d -> d.productType() + " " + d.accumulated() + " " + (d.settles() ? "settles" : "carries"))
                .collect(Collectors.joining("\n"));
    }

    /** 200 "created updated unchanged", or 400 with one problem per line. */
    @POST
    @Path("/import")
    public Response importCsv(String csv) {
        try {
            BillImport.Result r = billImport.importCsv(new StringReader(csv));
            return Response.ok(r.created() + " " + r.updated() + " " + r.unchanged()).build();
        } catch (BillImportException e) {
            return Response.status(400).entity(e.errors().stream().map(Object::toString)
                    .collect(Collectors.joining("\n"))).build();
        }
    }

    @POST
    @Path("/start/{period}")
    public String start(@PathParam("period") String period) {
        return Long.toString(launcher.startSettlement(BillingPeriod.parse(period)));
    }

    @POST
    @Path("/bills/{id}/supervision-completed")
    public String supervisionCompleted(@PathParam("id") long id, @QueryParam("at") String at) {
        return ledger.completeSupervision(id, Instant.parse(at)).supervisionState().name();
    }

    @POST
    @Path("/bills/{id}/repaid")
    public String repaid(@PathParam("id") long id) {
        return ledger.markRepaid(id).paymentState().name();
    }
}
