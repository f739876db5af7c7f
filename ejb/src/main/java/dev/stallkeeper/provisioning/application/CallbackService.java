package dev.stallkeeper.provisioning.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackChannel;
import dev.stallkeeper.audit.application.CallbackIntake;
import dev.stallkeeper.audit.application.KeyedAuthenticator;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/**
 * The production address (V2 basic interface) as a {@link CallbackChannel} of the shared {@link CallbackIntake}:
 * authenticated by the {@code signature}/{@code timestamp}/{@code nonce} query parameters under
 * {@code KOOGALLERY_KEY}, nonces bound to the body alone, requests dispatched to {@link ProduceService}.
 */
@ApplicationScoped
public class CallbackService implements CallbackChannel {

    @Inject
    StallkeeperConfig config;

    @Inject
    CallbackIntake intake;

    @Inject
    ProduceService produce;

    @Inject
    Clock clock;

    private final KeyedAuthenticator authenticators =
            new KeyedAuthenticator(keys -> new RequestAuthenticator(keys, config.signatureWindow(), clock));

    public CallbackAnswer handle(CallbackIntake.Arrival arrival, InputStream body) throws IOException {
        return intake.handle(this, arrival, body);
    }

    @Override
    public String name() {
        return "produce";
    }

    @Override
    public List<String> keys() {
        return config.koogalleryKeys();
    }

    @Override
    public RequestAuthenticator authenticator() {
        return authenticators.forKeys(keys());
    }

    @Override
    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    @Override
    public byte[] nonceScope() {
        return new byte[0];
    }

    @Override
    public AuditKeys auditKeys(ObjectNode body) {
        return new AuditKeys(AuditKeys.text(body, "activity"), AuditKeys.text(body, "orderId"),
                AuditKeys.text(body, "orderLineId"), AuditKeys.text(body, "instanceId"), Fields.testFlag(body));
    }

    @Override
    public ProduceResponse dispatch(ObjectNode body) {
        return produce.handle(body);
    }

    @Override
    public ProduceResponse dispatchInTransaction(ObjectNode body, boolean busy) {
        return produce.handleInTransaction(body, busy);
    }
}
