package dev.stallkeeper.it.settlement;

import java.io.IOException;
import java.util.Map;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/** The settlement job through WildFly's management API, as an operator would start and restart it. */
public final class Jobs {

    public static final String JOB = "settlement-reconciliation";

    private Jobs() {
    }

    private static ModelNode address() {
        return Operations.createAddress("deployment", "stallkeeper.ear", "subdeployment", "stallkeeper-batch.jar",
                "subsystem", "batch-jberet");
    }

    /** start-job with the given parameters; returns the execution id. */
    public static long start(ModelControllerClient client, Map<String, String> parameters) {
        ModelNode op = Operations.createOperation("start-job", address());
        op.get("job-xml-name").set(JOB);
        parameters.forEach((k, v) -> op.get("properties").get(k).set(v));
        return execute(client, op).asLong();
    }

    /** restart-job of an execution (the most recent of its job instance); returns the new execution id. */
    public static long restart(ModelControllerClient client, long executionId, Map<String, String> parameters) {
        ModelNode op = Operations.createOperation("restart-job", address());
        op.get("execution-id").set(executionId);
        parameters.forEach((k, v) -> op.get("properties").get(k).set(v));
        return execute(client, op).asLong();
    }

    private static ModelNode execute(ModelControllerClient client, ModelNode op) {
        try {
            ModelNode result = client.execute(op);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new IllegalStateException(op.get("operation").asString() + " failed: "
                        + Operations.getFailureDescription(result));
            }
            return Operations.readResult(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
