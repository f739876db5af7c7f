package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.application.CallbackJournal;
import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.protocol.kit.KitInterface;
import jakarta.ejb.EJBException;
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

    /** The answer to write: exact bytes and the Body-Sign header computed over them (null without a kit key). */
    public record Answer(byte[] body, String resultCode, String resultMsg, String bodySign) {
    }

    public Answer handle(Request request) {
        ObjectNode body = request.oversized() ? null : parse(request.body());
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

        CallbackJournal.NonceClaim claim;
        try {
            claim = journal.claimNonce(request.nonce(), fingerprint(request), request.receivedAt());
        } catch (EJBException e) {
            LOG.errorf(e, "Could not record nonce");
            return refuse(request, body, ProduceResponse.of(ResultCode.INTERNAL_ERROR), keys);
        }
        if (claim instanceof CallbackJournal.Conflict) {
            return refuse(request, body, ProduceResponse.of(ResultCode.AUTH_FAILED).message("nonce already used"), keys);
        }
        if (claim instanceof CallbackJournal.Replay replay) {
            ObjectNode stored = parse(replay.response());
            Answer answer = new Answer(replay.response(), stored == null ? ResultCode.INTERNAL_ERROR.code()
                    : stored.path("resultCode").asText(), stored == null ? null : stored.path("resultMsg").asText(null),
                    BodySign.header(keys.get(0), replay.response()));
            record(request, body, answer, null);
            return answer;
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
        Answer answer = answer(response, keys);
        record(request, body, answer, request.nonce());
        return answer;
    }

    private Answer refuse(Request request, ObjectNode body, ProduceResponse response, List<String> keys) {
        Answer answer = answer(response, keys);
        record(request, body, answer, null);
        return answer;
    }

    private static Answer answer(ProduceResponse response, List<String> keys) {
        byte[] bytes = response.toBytes();
        return new Answer(bytes, response.resultCode().code(), response.message(),
                keys.isEmpty() ? null : BodySign.header(keys.get(0), bytes));
    }

    private static ObjectNode parse(byte[] bytes) {
        try {
            return Json.parseObject(bytes);
        } catch (MalformedBodyException e) {
            return null;
        }
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

    private void record(Request request, ObjectNode body, Answer answer, String nonce) {
        int latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(request.receivedAt(), clock.instant()).toMillis());
        CallbackLogEntry entry = new CallbackLogEntry(request.receivedAt(), request.interfaceName(),
                KitMessages.text(body, "orderId"), null, KitMessages.text(body, "instanceId"),
                body != null && KitMessages.test(body), request.nonce(), answer.resultCode(), answer.resultMsg(),
                latency, request.remoteAddr(), request.oversized() ? null : request.body(), answer.body());
        try {
            if (nonce != null) {
                journal.complete(nonce, answer.body(), entry);
            } else {
                journal.record(entry);
            }
        } catch (EJBException e) {
            LOG.errorf(e, "Could not record Kit call %s", entry.activity());
        }
    }
}
