package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackJournal;
import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.protocol.kit.KitInterface;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Intake of the joint-operation Kit calls (spec §6.1), with the production address's discipline: the exact bytes
 * received are authenticated with {@code x-sign} under {@code KOOGALLERY_KIT_KEY} (constant time, ±window, nonce
 * required), a nonce is claimed once in the shared nonce table (a replay with the same interface and body gets the
 * stored answer, with anything else {@code 000001}), the call is applied by {@link KitSync} in its own transaction,
 * and every call, accepted or refused, is audited in {@code callback_log} under the interface's name. Answers carry
 * {@code Body-Sign} under the first kit key. Nothing here throws to the caller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KitCallbackService {

    private static final Logger LOG = Logger.getLogger(KitCallbackService.class);

    @Inject
    StallkeeperConfig config;

    @Inject
    CallbackJournal journal;

    @Inject
    KitSync sync;

    @Inject
    Clock clock;

    /** A Kit call as it arrived: the interface named by the last path segment, the raw body and the x- headers. */
    public record Request(String interfaceName, byte[] body, boolean oversized, String sign, String timestamp,
                          String nonce, String remoteAddr, Instant receivedAt) {
    }

    public CallbackAnswer handle(Request request) {
        ObjectNode body = request.oversized() ? null : CallbackAnswer.jsonOrNull(request.body());
        List<String> keys = config.kitKeys();
        if (keys.isEmpty()) {
            LOG.error("KOOGALLERY_KIT_KEY is not configured: every Kit call is refused with 000001");
            return refuse(request, body, ProduceResponse.of(ResultCode.AUTH_FAILED).message("kit key not configured"), keys);
        }
        if (request.oversized()) {
            return refuse(request, null, ProduceResponse.of(ResultCode.INVALID_PARAM)
                    .message("body larger than " + config.kitMaxBodyBytes() + " bytes"), keys);
        }
        RequestAuthenticator.Verdict verdict = RequestAuthenticator.kit(keys, config.signatureWindow(), clock)
                .authenticate(request.sign(), request.timestamp(), request.nonce(), request.body());
        if (!verdict.accepted()) {
            return refuse(request, body, ProduceResponse.of(verdict.resultCode()).message(verdict.reason()), keys);
        }
        Optional<KitInterface> kind = KitInterface.fromWire(request.interfaceName());

        CallbackAnswer early = CallbackAnswer.forNonce(journal, request.nonce(), fingerprint(request), request.receivedAt(), keys);
        if (early != null) { // a replay, a reused nonce, or the nonce could not be recorded
            record(request, body, early, null);
            return early;
        }

        ProduceResponse response;
        if (kind.isEmpty()) {
            response = ProduceResponse.of(ResultCode.INVALID_PARAM).message("unknown Kit interface");
        } else if (body == null) {
            response = ProduceResponse.of(ResultCode.INVALID_PARAM).message("body is not a JSON object");
        } else {
            try {
                sync.apply(kind.get(), body);
                response = ProduceResponse.of(ResultCode.SUCCESS);
            } catch (KitRequestException e) {
                response = ProduceResponse.of(e.resultCode()).message(e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Kit call %s failed", request.interfaceName());
                response = ProduceResponse.of(ResultCode.INTERNAL_ERROR);
            }
        }
        CallbackAnswer answer = CallbackAnswer.of(response, keys);
        record(request, body, answer, request.nonce());
        return answer;
    }

    private CallbackAnswer refuse(Request request, ObjectNode body, ProduceResponse response, List<String> keys) {
        CallbackAnswer answer = CallbackAnswer.of(response, keys);
        record(request, body, answer, null);
        return answer;
    }

    /**
     * What a nonce is bound to: the interface and the body. x-sign does not cover the path, so without the name a
     * captured call could be replayed, with its nonce, to another interface.
     */
    static String fingerprint(Request request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("kit:" + request.interfaceName() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(request.body()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(Request request, ObjectNode body, CallbackAnswer answer, String nonce) {
        int latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(request.receivedAt(), clock.instant()).toMillis());
        CallbackLogEntry entry = new CallbackLogEntry(request.receivedAt(), request.interfaceName(),
                KitMessages.text(body, "orderId"), null, KitMessages.text(body, "instanceId"),
                body != null && KitMessages.test(body), request.nonce(), answer.resultCode(), answer.resultMsg(),
                latency, request.remoteAddr(), request.oversized() ? null : request.body(), answer.body());
        CallbackAnswer.audit(journal, nonce, entry);
    }
}
