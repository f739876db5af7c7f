package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.ListPage;
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

    @Inject
    Supervisions supervisions;

    private String stage;
    private String orderId;
    private boolean stalled;
    private int page;
    private int size;
    private ListPage<Supervisions.Row> result;
    private String newOrderId;
    private String newOrderLineId;
    private String newHardwareCodes;

    /** The page asked for (query parameters page, size), most recently moved first. */
    public ListPage<Supervisions.Row> getResult() {
        if (result == null) {
            Stage s = stage == null || stage.isBlank() ? null : Stage.valueOf(stage);
            result = supervisions.page(new Supervisions.Filter(s, orderId, stalled), page, size);
        }
        return result;
    }

    public List<Supervisions.Row> getRows() {
        return getResult().rows();
    }

    /** A filter is set or a later page asked for (the empty list then means "nothing matches"). */
    public boolean isFiltered() {
        return PageLinks.narrowed(page, stage, orderId, stalled ? "true" : null);
    }

    /** The query string of this view (filters kept) with another page number. */
    public String pageLink(int target) {
        return PageLinks.query(target, getResult().size(), "stage", stage, "orderId", orderId, "stalled",
                stalled ? "true" : null);
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

    public int getPage() { return page; }
    public void setPage(int v) { page = v; }
    public int getSize() { return size; }
    public void setSize(int v) { size = v; }
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
