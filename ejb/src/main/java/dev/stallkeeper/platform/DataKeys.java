package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The data keys that seal secrets at rest ({@code STALLKEEPER_DATA_KEY}: tenants' application passwords, stored
 * callback answers, OAuth client secrets and tokens), parsed once per configured value. A broken value is logged
 * (without key material) and treated as absent; on PostgreSQL {@link ProductionGuard} refuses to start without one.
 */
@ApplicationScoped
public class DataKeys {

    private static final Logger LOG = Logger.getLogger(DataKeys.class);

    @Inject
    StallkeeperConfig config;

    private final AtomicReference<Cached> sealer = new AtomicReference<>();

    public DataKeys() {
        // for CDI
    }

    /** Data keys read from {@code config} (plain code and tests). */
    public DataKeys(StallkeeperConfig config) {
        this.config = config;
    }

    private record Cached(String source, Optional<SecretSealer> value) {
    }

    /** The sealer of secrets at rest; empty when STALLKEEPER_DATA_KEY is not configured or invalid. */
    public Optional<SecretSealer> sealer() {
        List<String> keys = config.dataKeys();
        String source = String.join(",", keys);
        Cached cached = sealer.get();
        if (cached == null || !cached.source().equals(source)) {
            cached = new Cached(source, parse(keys));
            sealer.set(cached);
        }
        return cached.value();
    }

    /** The sealer of {@code keys}, or empty (logged) when there is none or one is unusable. */
    static Optional<SecretSealer> parse(List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SecretSealer(keys));
        } catch (IllegalArgumentException e) {
            LOG.errorf("STALLKEEPER_DATA_KEY is unusable: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
