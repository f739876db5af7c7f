package dev.stallkeeper.web.admin;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.provisioning.application.InterfaceMessages;
import dev.stallkeeper.provisioning.domain.WorkItem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Interface messages: failed callbacks of the last 7 days and parked background work, with replay. */
@Named("messages")
@RequestScoped
public class MessagesBean {

    @Inject
    InterfaceMessages messages;

    @Inject
    Clock clock;

    @Inject
    FacesContext faces;

    @Inject
    Messages texts;

    private List<CallbackLogEntry> failed;
    private List<WorkItem> parked;

    public List<CallbackLogEntry> getFailedCallbacks() {
        if (failed == null) {
            failed = messages.failedCallbacks(clock.instant().minus(Duration.ofDays(7)), 500);
        }
        return failed;
    }

    public List<WorkItem> getParkedWork() {
        if (parked == null) {
            parked = messages.parkedWork(500);
        }
        return parked;
    }

    public String replay(long workId) {
        if (!faces.getExternalContext().isUserInRole("admin") && !faces.getExternalContext().isUserInRole("operator")) {
            throw new SecurityException("admin or operator role required");
        }
        InterfaceMessages.Replay outcome = messages.replay(workId, faces.getExternalContext().getUserPrincipal().getName());
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(outcome == InterfaceMessages.Replay.REPLAYED
                ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN, texts.get("messages.replay." + outcome.name(), String.valueOf(workId)), null));
        return "/admin/messages?faces-redirect=true";
    }
}
