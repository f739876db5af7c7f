package dev.stallkeeper.usage.application;

import dev.stallkeeper.platform.Clocks;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.usage.domain.PushCadence;
import dev.stallkeeper.usage.domain.PushWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;

/** The usage push settings (docs/usage-push.md), read from {@link StallkeeperConfig} on each use. */
@ApplicationScoped
public class UsageSettings {

    /** Days of daily-billed products are Beijing days. */
    public static final ZoneId BEIJING = Clocks.BEIJING;

    @Inject
    StallkeeperConfig config;

    public PushCadence cadence() {
        return new PushCadence(PushCadence.parseBilling(config.usageBilling()), BEIJING, config.usagePushDelay());
    }

    public PushWindow window() {
        return new PushWindow(config.usageWindowMargin());
    }

    /** Known metering units and their price in CNY per unit. */
    public Map<String, BigDecimal> units() {
        return config.usageUnits();
    }

    public StallkeeperConfig config() {
        return config;
    }
}
