package dev.stallkeeper.audit.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.ResultCode;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The answer to a KooGallery call (production address or Kit interface): the exact bytes to write and the
 * {@code Body-Sign} header computed over them under the first configured key (null without a key).
 */
public record CallbackAnswer(byte[] body, String resultCode, String resultMsg, String bodySign) {

    private static final Logger LOG = Logger.getLogger(CallbackAnswer.class);

    /** The bytes of {@code response}, signed with {@code keys.get(0)}. */
    public static CallbackAnswer of(ProduceResponse response, List<String> keys) {
        byte[] bytes = response.toBytes();
        return new CallbackAnswer(bytes, response.resultCode().code(), response.message(),
                keys.isEmpty() ? null : BodySign.header(keys.get(0), bytes));
    }

    /** The answer stored for a nonce, sent again exactly (re-signed with the current first key). */
    public static CallbackAnswer replay(byte[] stored, List<String> keys) {
        ObjectNode json = jsonOrNull(stored);
        return new CallbackAnswer(stored, json == null ? ResultCode.INTERNAL_ERROR.code()
                : json.path("resultCode").asText(), json == null ? null : json.path("resultMsg").asText(null),
                BodySign.header(keys.get(0), stored));
    }

    /**
     * Claims {@code nonce} for a request whose body (and anything else it is bound to) has the given fingerprint,
     * and answers when the request must not be processed: the stored answer for a replay, {@code 000001} for a
     * nonce used with something else, {@code 000005} when the nonce cannot be recorded. Null: process it.
     */
    public static CallbackAnswer forNonce(CallbackJournal journal, String nonce, String fingerprint,
                                          java.time.Instant receivedAt, List<String> keys) {
        CallbackJournal.NonceClaim claim;
        try {
            claim = journal.claimNonce(nonce, fingerprint, receivedAt);
        } catch (RuntimeException e) {
            // the database is away (or refused): 000005, which KooGallery retries; the audit line says which call
            LOG.debugf(e, "Could not record nonce %s", nonce);
            return of(ProduceResponse.of(ResultCode.INTERNAL_ERROR).message("temporarily unavailable; retry later"), keys);
        }
        return forClaim(claim, keys);
    }

    /** The answer a nonce claim decides ({@code 000001} for a conflict, the stored one for a replay), or null. */
    public static CallbackAnswer forClaim(CallbackJournal.NonceClaim claim, List<String> keys) {
        if (claim instanceof CallbackJournal.Conflict) {
            return of(ProduceResponse.of(ResultCode.AUTH_FAILED).message("nonce already used"), keys);
        }
        if (claim instanceof CallbackJournal.Replay replay) {
            return replay(replay.response(), keys);
        }
        return null;
    }

    /** The body as a JSON object, or null when it is not one. */
    public static ObjectNode jsonOrNull(byte[] bytes) {
        try {
            return Json.parseObject(bytes);
        } catch (MalformedBodyException e) {
            return null;
        }
    }
}
