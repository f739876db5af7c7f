package dev.stallkeeper.web.console;

import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.web.common.SettlementViews;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * For the console's session (the admin API uses HTTP Basic and no session): {@code progress?period=P}, the run
 * as JSON, which the settlement page polls while a run is running; and {@code P/statements.csv},
 * {@code P/statement-lines.csv}, {@code P/worklist.csv}, the exports. Roles admin and finance (web.xml).
 */
@WebServlet("/admin/settlement/*")
public class SettlementDownloads extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    SettlementViews views;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        response.setHeader("Cache-Control", "no-store");
        try {
            if (path.equals("/progress")) {
                BillingPeriod period = SettlementViews.period(request.getParameter("period"));
                Optional<Map<String, Object>> run = views.run(period);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(JSON.toJson(run.orElse(Map.of("period", period.toString(), "status", "NONE"))));
                return;
            }
            String[] parts = path.split("/");
            if (parts.length == 3 && parts[2].endsWith(".csv")) {
                BillingPeriod period = SettlementViews.period(parts[1]);
                String name = parts[2].substring(0, parts[2].length() - ".csv".length());
                if (SettlementViews.EXPORTS.contains(name)) {
                    response.setContentType("text/csv");
                    response.setCharacterEncoding("UTF-8");
                    response.setHeader("Content-Disposition",
                            "attachment; filename=\"settlement-" + period + "-" + name + ".csv\"");
                    views.csv(name, period, response.getWriter());
                    return;
                }
            }
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
