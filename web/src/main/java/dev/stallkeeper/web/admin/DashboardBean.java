package dev.stallkeeper.web.admin;

import dev.stallkeeper.provisioning.application.InstanceReports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dashboard's figures. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {

    @Inject
    InstanceReports reports;

    private List<Map.Entry<String, Long>> states;

    public List<Map.Entry<String, Long>> getInstanceStates() {
        if (states == null) {
            states = new ArrayList<>(reports.countByState().entrySet());
        }
        return states;
    }
}
