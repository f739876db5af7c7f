package dev.stallkeeper.provisioning.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackJournal;
import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Intake of KooGallery's production-interface callbacks: authenticate the exact bytes received, refuse
 * replays, hand the request to {@link ProduceService}, sign the exact bytes answered, and record it all.
 * Every outcome is an answer with a result code; nothing here throws to the caller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallbackService {

    private static final Logger LOG = Logger.getLogger(CallbackService.class);

    @Inject
    StallkeeperConfig config;

    @Inject
    CallbackJournal journal;

    @Inject
    ProduceService produce;

    @Inject
    Clock clock;

    /** A callback as it arrived: the raw body and the three signature parameters of the query string. */
    public record Request(byte[] body, boolean oversized, String signature, String timestamp, String nonce,
                          String remoteAddr, Instant receivedAt) {
    }

    public CallbackAnswer handle(Request request) {
        // Parsed once, before authentication too: refused requests are audited with their order keys.
        ObjectNode body = request.oversized() ? null : parse(request.body());
        List<String> keys = config.koogalleryKeys();
        if (keys.isEmpty()) {
            LOG.error("KOOGALLERY_KEY is not configured: every callback is refused with 000001");
            return refuse(request, body, ProduceResponse.of(ResultCode.AUTH_FAILED).message("seller key not configured"), keys);
        }
        if (request.oversized()) {
            return refuse(request, null, ProduceResponse.of(ResultCode.INVALID_PARAM)
                    .message("body larger than " + config.maxBodyBytes() + " bytes"), keys);
        }
        RequestAuthenticator.Verdict verdict = new RequestAuthenticator(keys, config.signatureWindow(), clock)
                .authenticate(request.signature(), request.timestamp(), request.nonce(), request.body());
        if (!verdict.accepted()) {
            return refuse(request, body, ProduceResponse.of(verdict.resultCode()).message(verdict.reason()), keys);
        }

        CallbackAnswer early = CallbackAnswer.forNonce(journal, request.nonce(), sha256(request.body()), request.receivedAt(), keys);
        if (early != null) { // a replay, a reused nonce, or the nonce could not be recorded
            record(request, body, early, null);
            return early;
        }

        ProduceResponse response;
        if (body == null) {
            response = ProduceResponse.of(ResultCode.INVALID_PARAM).message("body is not a JSON object");
        } else {
            try {
                response = produce.handle(body);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Callback failed");
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

    private static ObjectNode parse(byte[] bytes) {
        return CallbackAnswer.jsonOrNull(bytes);
    }

    /** Audits the callback; with {@code nonce}, also stores the answer for replays of that nonce. */
    private void record(Request request, ObjectNode body, CallbackAnswer answer, String nonce) {
        int latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(request.receivedAt(), clock.instant()).toMillis());
        CallbackLogEntry entry = new CallbackLogEntry(request.receivedAt(), text(body, "activity"),
                text(body, "orderId"), text(body, "orderLineId"), text(body, "instanceId"),
                body != null && Fields.testFlag(body), request.nonce(), answer.resultCode(), answer.resultMsg(),
                latency, request.remoteAddr(), request.oversized() ? null : request.body(), answer.body());
        CallbackAnswer.audit(journal, nonce, entry);
    }

    private static String text(ObjectNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode node = body.get(field);
        return node != null && node.isValueNode() ? node.asText() : null;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
