package dev.stallkeeper.provisioning.domain;

/** A lifecycle transition that the instance's current state does not allow. */
public class LifecycleException extends RuntimeException {
    private final InstanceState state;

    public LifecycleException(InstanceState state, String message) {
        super(message);
        this.state = state;
    }

    public InstanceState state() {
        return state;
    }
}
