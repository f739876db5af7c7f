package dev.stallkeeper.audit.application;

import dev.stallkeeper.protocol.RequestAuthenticator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An authenticator built once per configured key list and reused while the keys stay the same (configuration is
 * read on each call, so a changed key list takes effect without a restart).
 */
public final class KeyedAuthenticator {

    private record Built(List<String> keys, RequestAuthenticator authenticator) {
    }

    private final Function<List<String>, RequestAuthenticator> factory;
    private final AtomicReference<Built> current = new AtomicReference<>();

    public KeyedAuthenticator(Function<List<String>, RequestAuthenticator> factory) {
        this.factory = factory;
    }

    /** The authenticator for {@code keys} (not empty). */
    public RequestAuthenticator forKeys(List<String> keys) {
        Built built = current.get();
        if (built == null || !built.keys().equals(keys)) {
            built = new Built(List.copyOf(keys), factory.apply(keys));
            current.set(built);
        }
        return built.authenticator();
    }
}
