package dev.stallkeeper.web.console;

import dev.stallkeeper.readiness.Readiness;
import dev.stallkeeper.web.common.ReadinessRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The go-live page (admins only): the checklist, made once per request, and the link to the publishing report. */
@Named("golive")
@RequestScoped
public class GoLiveBean {

    @Inject
    Readiness readiness;

    @Inject
    HttpServletRequest request;

    private Readiness.Checklist checklist;

    public Readiness.Checklist getChecklist() {
        if (checklist == null) {
            checklist = readiness.check(ReadinessRequests.facts(request));
        }
        return checklist;
    }
}
