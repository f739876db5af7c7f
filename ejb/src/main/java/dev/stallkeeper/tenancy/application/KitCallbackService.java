package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackChannel;
import dev.stallkeeper.audit.application.CallbackIntake;
import dev.stallkeeper.audit.application.KeyedAuthenticator;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.protocol.kit.KitInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The joint-operation Kit calls (spec §6.1) as {@link CallbackChannel}s of the shared {@link CallbackIntake}, with the
 * production address's discipline: {@code x-sign} under {@code KOOGALLERY_KIT_KEY}, a nonce bound to the interface
 * and the body (x-sign does not cover the path, so without the name a captured call could be replayed, with its
 * nonce, to another interface), the call applied by {@link KitSync}, every call audited under the interface's name.
 */
@ApplicationScoped
public class KitCallbackService {

    @Inject
    StallkeeperConfig config;

    @Inject
    CallbackIntake intake;

    @Inject
    KitSync sync;

    @Inject
    Clock clock;

    private final KeyedAuthenticator authenticators =
            new KeyedAuthenticator(keys -> RequestAuthenticator.kit(keys, config.signatureWindow(), clock));

    /** Handles one call to the interface named by the last path segment. */
    public CallbackAnswer handle(String interfaceName, CallbackIntake.Arrival arrival, InputStream body)
            throws IOException {
        return intake.handle(new Channel(interfaceName), arrival, body);
    }

    private final class Channel implements CallbackChannel {

        private final String interfaceName;

        Channel(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        @Override
        public String name() {
            return interfaceName;
        }

        @Override
        public List<String> keys() {
            return config.kitKeys();
        }

        @Override
        public RequestAuthenticator authenticator() {
            return authenticators.forKeys(keys());
        }

        @Override
        public int maxBodyBytes() {
            return config.kitMaxBodyBytes();
        }

        @Override
        public byte[] nonceScope() {
            return ("kit:" + interfaceName + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public AuditKeys auditKeys(ObjectNode body) {
            return new AuditKeys(interfaceName, AuditKeys.text(body, "orderId"), null,
                    AuditKeys.text(body, "instanceId"), KitMessages.test(body));
        }

        @Override
        public ProduceResponse dispatch(ObjectNode body) {
            Optional<KitInterface> kind = KitInterface.fromWire(interfaceName);
            if (kind.isEmpty()) {
                return ProduceResponse.of(ResultCode.INVALID_PARAM).message("unknown Kit interface");
            }
            try {
                sync.apply(kind.get(), body);
                return ProduceResponse.of(ResultCode.SUCCESS);
            } catch (KitRequestException e) {
                return ProduceResponse.of(e.resultCode()).message(e.getMessage());
            }
        }
    }
}
