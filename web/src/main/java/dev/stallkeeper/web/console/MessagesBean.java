package dev.stallkeeper.web.console;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.provisioning.application.InterfaceMessages;
import dev.stallkeeper.provisioning.domain.WorkItem;
import dev.stallkeeper.usage.application.UsageQueue;
import dev.stallkeeper.usage.domain.UsageRecord;
import dev.stallkeeper.usage.domain.UsageStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Interface messages: failed callbacks of the last 7 days and parked background work, with replay; usage records
 * that could not make KooGallery's window (parked, with replay) and usage KooGallery rejected.
 */
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

    @Inject
    UsageQueue usage;

    private List<UsageRecord> parkedUsage;
    private List<UsageRecord> rejectedUsage;

    public List<UsageRecord> getParkedUsage() {
        if (parkedUsage == null) {
            parkedUsage = usage.withStatus(UsageStatus.PARKED, 500);
        }
        return parkedUsage;
    }

    public List<UsageRecord> getRejectedUsage() {
        if (rejectedUsage == null) {
            rejectedUsage = usage.withStatus(UsageStatus.REJECTED, 200);
        }
        return rejectedUsage;
    }

    /** One more push of a parked usage record; pressing it twice pushes once. */
    public String replayUsage(long recordId) {
        requireReplayRole();
        UsageQueue.Replay outcome = usage.replay(recordId, faces.getExternalContext().getUserPrincipal().getName());
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(outcome == UsageQueue.Replay.REPLAYED ? FacesMessage.SEVERITY_INFO
                : FacesMessage.SEVERITY_WARN, texts.get("usage.replay." + outcome.name(), String.valueOf(recordId)), null));
        return "/admin/messages?faces-redirect=true";
    }

    private void requireReplayRole() {
        if (!faces.getExternalContext().isUserInRole("admin") && !faces.getExternalContext().isUserInRole("operator")) {
            throw new SecurityException("admin or operator role required");
        }
    }

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

    /**
     * The replay whose row button was pressed: the buttons carry the id of their work ({@code parked:replay}) or usage
     * record ({@code parkedUsage:replay}) as their value, so a list that changed since the page was shown cannot
     * turn a press into the replay of another row.
     */
    public String replayPressed(String button) {
        requireReplayRole();
        String raw = faces.getExternalContext().getRequestParameterMap().get(button);
        long id;
        try {
            id = Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "nothing to replay", null));
            return null;
        }
        return "parkedUsage:replay".equals(button) ? replayUsage(id) : replay(id);
    }

    public String replay(long workId) {
        requireReplayRole();
        InterfaceMessages.Replay outcome = messages.replay(workId, faces.getExternalContext().getUserPrincipal().getName());
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(outcome == InterfaceMessages.Replay.REPLAYED
                ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN, texts.get("messages.replay." + outcome.name(), String.valueOf(workId)), null));
        return "/admin/messages?faces-redirect=true";
    }
}
