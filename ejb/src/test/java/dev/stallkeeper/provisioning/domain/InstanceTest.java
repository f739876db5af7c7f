package dev.stallkeeper.provisioning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceTest {

    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    private static Instance provisioning() {
        Instance i = new Instance();
        try {
            var state = Instance.class.getDeclaredField("state");
            state.setAccessible(true);
            state.set(i, InstanceState.PROVISIONING);
            var id = Instance.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(i, "i-1");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return i;
    }

    @Test
    void lifecycleTransitionsAreGuardedAndRepeatsAreNoOps() {
        Instance i = provisioning();
        assertThatThrownBy(() -> i.freeze(NOW)).isInstanceOf(LifecycleException.class);
        assertThat(i.activate("https://x/", null, "admin", "pw", null, NOW)).isTrue();
        assertThat(i.activate("https://y/", null, "admin", "pw", null, NOW)).as("second activation").isFalse();
        assertThat(i.freeze(NOW)).isTrue();
        assertThat(i.freeze(NOW)).isFalse();
        assertThat(i.state()).isEqualTo(InstanceState.FROZEN);
        assertThat(i.unfreeze(NOW)).isTrue();
        assertThat(i.unfreeze(NOW)).isFalse();
        assertThat(i.release(NOW)).isTrue();
        assertThat(i.release(NOW)).isFalse();
        assertThat(i.appPassword()).isNull();
        assertThatThrownBy(() -> i.renew(NOW, false, null, NOW)).isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> i.unfreeze(NOW)).isInstanceOf(LifecycleException.class);
    }

    @Test
    void failedProvisioningCanBeRetried() {
        Instance i = provisioning();
        i.fail("SaaS down", NOW);
        assertThat(i.state()).isEqualTo(InstanceState.FAILED);
        assertThat(i.retryProvisioning(NOW)).isTrue();
        assertThat(i.state()).isEqualTo(InstanceState.PROVISIONING);
        assertThat(i.retryProvisioning(NOW)).isFalse();
    }
}
