package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.InstanceState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures about instances for the console and the admin API. */
@Stateless
public class InstanceReports {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    /** Every state with its number of instances (zero included), in lifecycle order. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (InstanceState state : InstanceState.values()) {
            counts.put(state.name(), 0L);
        }
        List<Object[]> rows = em.createQuery("SELECT i.state, COUNT(i) FROM Instance i GROUP BY i.state", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.put(((InstanceState) row[0]).name(), (Long) row[1]);
        }
        return counts;
    }
}
