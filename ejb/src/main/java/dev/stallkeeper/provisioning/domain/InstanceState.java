package dev.stallkeeper.provisioning.domain;

/** Lifecycle of a SaaS instance: PROVISIONING -> ACTIVE <-> FROZEN -> RELEASED, or FAILED when provisioning gave up. */
public enum InstanceState {
    PROVISIONING, ACTIVE, FROZEN, RELEASED, FAILED;

    /** Access details can be shown to the buyer. */
    public boolean isReady() {
        return this == ACTIVE || this == FROZEN;
    }
}
