package dev.stallkeeper.web.metrics;

import dev.stallkeeper.audit.application.CallbackAudit;
import dev.stallkeeper.platform.NodeMetrics;
import dev.stallkeeper.platform.PrometheusText;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.provisioning.application.UnrecordedAttempts;
import dev.stallkeeper.web.usage.UsageToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /api/metrics}: this node's metrics in Prometheus' text format (docs/operations.md). Counters are this
 * node's since it started; database gauges are shared by all nodes and cached a few seconds. Metrics show business
 * volume, so the endpoint wants {@code Authorization: Bearer <STALLKEEPER_METRICS_TOKEN>}; without a token
 * configured it is off (404).
 */
@Path("/metrics")
public class MetricsResource {

    @Inject
    StallkeeperConfig config;

    @Inject
    NodeMetrics metrics;

    @Inject
    CallbackAudit audit;

    @Inject
    UnrecordedAttempts unrecorded;

    @Inject
    DatabaseGauges database;

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        List<String> tokens = config.metricsTokens();
        if (tokens.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type("text/plain")
                    .entity("metrics are off: set STALLKEEPER_METRICS_TOKEN\n").build();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !UsageToken.matches(tokens, authorization.substring(7).trim())) {
            return Response.status(Response.Status.UNAUTHORIZED).type("text/plain")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Stallkeeper metrics\"")
                    .entity("Authorization: Bearer <STALLKEEPER_METRICS_TOKEN> required\n").build();
        }
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out);
        CallbackAudit.SpoolState spool = audit.spoolState();
        out.help("stallkeeper_audit_spool_entries", "gauge",
                "Callbacks answered while the database was away, waiting in this node's spool to be audited");
        out.sample("stallkeeper_audit_spool_entries", spool.pending());
        out.help("stallkeeper_audit_spool_bytes", "gauge", "Size of this node's audit spool file");
        out.sample("stallkeeper_audit_spool_bytes", spool.bytes());
        out.help("stallkeeper_audit_spool_dropped_total", "counter",
                "Audit rows dropped because the spool was full, since this node started");
        out.sample("stallkeeper_audit_spool_dropped_total", spool.dropped());
        out.help("stallkeeper_audit_spool_replayed_total", "counter",
                "Spooled audit rows written to callback_log after the database came back, since this node started");
        out.sample("stallkeeper_audit_spool_replayed_total", spool.replayed());
        out.help("stallkeeper_unrecorded_attempts", "gauge",
                "Provisioning attempts that died with the database, given back once it answers");
        out.sample("stallkeeper_unrecorded_attempts", unrecorded.size());
        database.writeTo(out);
        return Response.ok(out.toString(), PrometheusText.CONTENT_TYPE).build();
    }
}
