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

    private static volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private static volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    @Inject
    dev.stallkeeper.billing.infrastructure.SettlingGate gate;

    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    javax.sql.DataSource dataSource;

    /**
     * Plays a settling slice over bill {@code bill} in one transaction: passes the {@code SettlingGate} for the bill's
     * id, says so ({@code GET /gate/held}), waits for {@code POST /gate/release} (at most 60 s), then, when
     * {@code settle}, appends the bill to the ledger as the slice's insert would, and commits.
     */
    @POST
    @Path("/gate/hold")
    @jakarta.transaction.Transactional
    public String holdGate(@QueryParam("bill") long bill, @QueryParam("settle") boolean settle) throws Exception {
        gate.enterSlice(bill, bill);
        held.countDown();
        if (!release.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        if (settle) {
            try (java.sql.Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO bill_settlement (bill_id, period,"
                         + " statement_id, settled_at) VALUES (?, 190001, -1, now())")) {
                ps.setLong(1, bill);
                ps.executeUpdate();
            }
        }
        return "committed";
    }

    @jakarta.ws.rs.GET
    @Path("/gate/held")
    public String gateHeld() {
        return Boolean.toString(held.getCount() == 0);
    }

    @POST
    @Path("/gate/release")
    public String releaseGate() {
        release.countDown();
        return "released";
    }

    /** Ready for the next hold. */
    @POST
    @Path("/gate/reset")
    public String resetGate() {
        release.countDown();
        held = new java.util.concurrent.CountDownLatch(1);
        release = new java.util.concurrent.CountDownLatch(1);
        return "reset";
    }

    /** Like {@code /bills/{id}/repaid}, with a refusal (a settled bill) as 409 and its message. */
    @POST
    @Path("/bills/{id}/repaid-or-refused")
    public Response repaidOrRefused(@PathParam("id") long id) {
        try {
            return Response.ok(ledger.markRepaid(id).paymentState().name()).build();
        } catch (dev.stallkeeper.billing.domain.BillingException e) { // an application exception: as thrown
            return Response.status(409).entity(e.getMessage()).build();
        }
    }
}
