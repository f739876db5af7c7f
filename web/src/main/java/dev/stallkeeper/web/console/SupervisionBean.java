package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.Clocks;
import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.supervision.application.Supervisions;
import dev.stallkeeper.supervision.domain.Action;
import dev.stallkeeper.supervision.domain.Supervision;
import dev.stallkeeper.supervision.domain.SupervisionRules;
import dev.stallkeeper.supervision.domain.SupervisionStep;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** One supervision: its facts, the steps its stage allows (one form), the report and the timeline. */
@Named("supervision")
@ViewScoped
public class SupervisionBean extends ConsolePage implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    Supervisions supervisions;

    private Long id;
    private transient Supervision found;
    private transient boolean loaded;
    private String reason;
    private String hardwareCodes;
    private String serviceStart;
    private transient Part file;

    public Supervision getDetails() {
        if (!loaded) {
            found = id == null ? null : supervisions.find(id).orElse(null);
            loaded = true;
        }
        return found;
    }

    public List<SupervisionStep> getSteps() {
        return getDetails() == null ? List.of() : supervisions.steps(id);
    }

    public List<Action> getActions() {
        return getDetails() == null ? List.of()
                : SupervisionRules.allowed(found.stage()).stream().sorted().toList();
    }

    public boolean isStalled() {
        return getDetails() != null && supervisions.stalledNow(found);
    }

    public String act(Action action) {
        requireAnyRole(SupervisionsBean.ROLES);
        try {
            Instant start = parseStart();
            supervisions.act(id, action, new Supervisions.StepInput(reason,
                    hardwareCodes == null || hardwareCodes.isBlank() ? null : Arrays.asList(hardwareCodes.split("[\\r\\n,]+")),
                    attachment(file), start), currentUser());
            info(messages.get("sup.done", messages.get("sup.action." + action.name())));
            return "/admin/supervision?faces-redirect=true&id=" + id;
        } catch (RefusedException e) {
            return refused(e);
        }
    }

    private Instant parseStart() {
        if (serviceStart == null || serviceStart.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(serviceStart.strip(), INPUT).atZone(Clocks.BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new RefusedException("request.badTime", false, "service start '" + serviceStart
                    + "' is not yyyy-MM-dd HH:mm (Beijing time)");
        }
    }

    public void downloadReport() {
        requireAnyRole(SupervisionsBean.ROLES);
        Supervision s = getDetails();
        if (s != null && s.reportName() != null) {
            download(s.reportName(), s.reportContentType(), s.reportBytes());
        }
    }

    public void downloadStep(long stepId) {
        requireAnyRole(SupervisionsBean.ROLES);
        supervisions.step(id, stepId).filter(t -> t.attachmentName() != null)
                .ifPresent(t -> download(t.attachmentName(), t.attachmentContentType(), t.attachmentBytes()));
    }

    public Long getId() { return id; }
    public void setId(Long v) { id = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getHardwareCodes() { return hardwareCodes; }
    public void setHardwareCodes(String v) { hardwareCodes = v; }
    public String getServiceStart() { return serviceStart; }
    public void setServiceStart(String v) { serviceStart = v; }
    public Part getFile() { return file; }
    public void setFile(Part v) { file = v; }
}
