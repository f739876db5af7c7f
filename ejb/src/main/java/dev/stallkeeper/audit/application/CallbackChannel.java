package dev.stallkeeper.audit.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import java.util.List;

/**
 * One interface KooGallery calls (the production address, a Kit sync interface), as {@link CallbackIntake} sees it:
 * how it authenticates, what its nonces are bound to, and what an authenticated request does. Everything else (bounded
 * read, bytes in flight, authentication before parsing, nonce, audit, Body-Sign) is the intake's, the same for all.
 */
public interface CallbackChannel {

    /** The interface's name, stored as the activity of requests refused before authentication. */
    String name();

    /** The configured keys, current first; empty when none is configured (every request is refused). */
    List<String> keys();

    /** The authenticator for {@link #keys()} (not empty); callers may cache it while the keys stay the same. */
    RequestAuthenticator authenticator();

    /** Largest body accepted, in bytes. */
    int maxBodyBytes();

    /** Bytes hashed before the body to form what a nonce is bound to (empty: the body alone). */
    byte[] nonceScope();

    /** What is audited of an authenticated request: values read leniently, never throwing. */
    AuditKeys auditKeys(ObjectNode body);

    /**
     * Answers an authenticated, parsed request whose nonce is fresh. Parameter errors are answers ({@code 000002}),
     * not exceptions; an exception here is an internal error ({@code 000005}).
     */
    ProduceResponse dispatch(ObjectNode body);

    /**
     * Answers like {@link #dispatch}, but inside the caller's transaction, which also holds the nonce claim and will
     * hold the audit row: the common paths commit once. Null when this request needs {@link #dispatch} (slow or
     * background work); the caller then rolls its transaction back and dispatches the durable way.
     *
     * @param busy the node has more callbacks in flight than it answers promptly: store what must be done and
     *             answer at once (a new order line: {@code 000004}, provisioned in the background)
     */
    default ProduceResponse dispatchInTransaction(ObjectNode body, boolean busy) {
        return null;
    }

    /** The order keys and flags of an authenticated request, for the audit row. */
    record AuditKeys(String activity, String orderId, String orderLineId, String instanceIds, boolean testFlag) {

        public static final AuditKeys NONE = new AuditKeys(null, null, null, null, false);

        /** A top-level scalar as text, or null (objects, arrays and absent fields are not audited). */
        public static String text(ObjectNode body, String field) {
            var node = body.get(field);
            return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
        }
    }
}
