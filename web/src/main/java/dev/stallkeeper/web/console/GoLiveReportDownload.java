package dev.stallkeeper.web.console;

import dev.stallkeeper.readiness.Readiness;
import dev.stallkeeper.web.common.Downloads;
import dev.stallkeeper.web.common.ReadinessRequests;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The publishing report for the console's session (the admin API's {@code /api/admin/readiness/report} uses HTTP
 * Basic): the same dated HTML file, as an attachment. Admins only (web.xml).
 */
@WebServlet("/admin/golive-report")
public class GoLiveReportDownload extends HttpServlet {

    @Inject
    Readiness readiness;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Readiness.Report report = readiness.report(ReadinessRequests.facts(request), getServletContext().getServerInfo());
        byte[] bytes = report.html().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", Downloads.disposition(report.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
