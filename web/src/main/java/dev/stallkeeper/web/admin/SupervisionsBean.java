package dev.stallkeeper.web.admin;

import dev.stallkeeper.platform.RefusedException;
import dev.stallkeeper.supervision.application.Supervisions;
import dev.stallkeeper.supervision.domain.Stage;
import dev.stallkeeper.supervision.domain.Supervision;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** The supervision list (admins and operators): filters, the stalled flag, and recording a new requirement. */
@Named("supervisions")
@RequestScoped
public class SupervisionsBean extends ConsolePage {

    static final String[] ROLES = {"admin", "operator"};
    private static final int PAGE = 100;

    @Inject
    Supervisions supervisions;

    private String stage;
    private String orderId;
    private boolean stalled;
    private List<Supervisions.Row> rows;
    private String newOrderId;
    private String newOrderLineId;
    private String newHardwareCodes;

    public List<Supervisions.Row> getRows() {
        if (rows == null) {
            Stage s = stage == null || stage.isBlank() ? null : Stage.valueOf(stage);
            rows = supervisions.list(new Supervisions.Filter(s, orderId, stalled), 0, PAGE);
        }
        return rows;
    }

    public List<Stage> getStages() {
        return Arrays.asList(Stage.values());
    }

    public String open() {
        requireAnyRole(ROLES);
        try {
            List<String> codes = newHardwareCodes == null ? List.of() : Arrays.asList(newHardwareCodes.split("[\\r\\n,]+"));
            Supervision s = supervisions.open(newOrderId, newOrderLineId, codes, currentUser());
            info(messages.get("sup.opened", s.orderId(), s.systemCode()));
            return "/admin/supervision?faces-redirect=true&id=" + s.id();
        } catch (RefusedException e) {
            return refused(e);
        }
    }

    public String getStage() { return stage; }
    public void setStage(String v) { stage = v == null || v.isBlank() || !Arrays.stream(Stage.values()).anyMatch(s -> s.name().equals(v)) ? null : v; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String v) { orderId = v; }
    public boolean isStalled() { return stalled; }
    public void setStalled(boolean v) { stalled = v; }
    public String getNewOrderId() { return newOrderId; }
    public void setNewOrderId(String v) { newOrderId = v; }
    public String getNewOrderLineId() { return newOrderLineId; }
    public void setNewOrderLineId(String v) { newOrderLineId = v; }
    public String getNewHardwareCodes() { return newHardwareCodes; }
    public void setNewHardwareCodes(String v) { newHardwareCodes = v; }
}
