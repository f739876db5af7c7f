package dev.stallkeeper.tenancy.infrastructure;

import dev.stallkeeper.platform.DataKeys;
import dev.stallkeeper.platform.SecretSealer;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.kit.ClientSecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The keys of the joint-operation integration, from configuration: the seller's RSA private key
 * ({@code KOOGALLERY_KIT_PRIVATE_KEY}, PEM text or a PEM file's path) and the data keys that seal secrets at rest
 * ({@code STALLKEEPER_DATA_KEY}, from {@link DataKeys}). Parsed once per configured value; a broken value is logged (without key
 * material) and treated as absent.
 */
@ApplicationScoped
public class TenancyKeys {

    private static final Logger LOG = Logger.getLogger(TenancyKeys.class);

    @Inject
    StallkeeperConfig config;

    @Inject
    DataKeys dataKeys;

    private final AtomicReference<Cached<PrivateKey>> privateKey = new AtomicReference<>();

    private record Cached<T>(String source, Optional<T> value) {
    }

    /** The seller's private key; empty when not configured or unreadable. */
    public Optional<PrivateKey> sellerPrivateKey() {
        String source = config.kitPrivateKey().orElse(null);
        Cached<PrivateKey> cached = privateKey.get();
        if (cached == null || !java.util.Objects.equals(cached.source(), source)) {
            cached = new Cached<>(source, loadPrivateKey(source));
            privateKey.set(cached);
        }
        return cached.value();
    }

    /** The sealer of secrets at rest; empty when STALLKEEPER_DATA_KEY is not configured or invalid. */
    public Optional<SecretSealer> sealer() {
        return dataKeys.sealer();
    }

    private static Optional<PrivateKey> loadPrivateKey(String source) {
        if (source == null) {
            return Optional.empty();
        }
        String pem = source;
        if (!source.contains("-----BEGIN") && !source.matches("[A-Za-z0-9+/=\\s]{200,}")) {
            try {
                pem = Files.readString(Path.of(source), StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                LOG.errorf("KOOGALLERY_KIT_PRIVATE_KEY: cannot read the key file %s (%s)", source, e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
        try {
            return Optional.of(ClientSecretCipher.privateKeyFromPem(pem));
        } catch (IllegalArgumentException e) {
            LOG.errorf("KOOGALLERY_KIT_PRIVATE_KEY is unusable: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
