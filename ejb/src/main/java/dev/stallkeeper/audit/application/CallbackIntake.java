package dev.stallkeeper.audit.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.RequestAuthenticator;
import dev.stallkeeper.protocol.ResultCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one pipeline of signed KooGallery callbacks, for every {@link CallbackChannel}:
 * <ol>
 *   <li>credentials that need no body (timestamp of 10 or 13 digits inside the window, nonce, signature shape) are
 *       checked first; a refusal drains the body through a digest without keeping it;</li>
 *   <li>the body is read once, bounded by the channel's limit, and only while its bytes fit under the global cap of
 *       bytes in flight across all callbacks ({@code STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT}); over the cap the
 *       request is answered at once ({@code 000005}, retryable) without being read;</li>
 *   <li>the signature is verified over the raw bytes; no JSON tree is built for a request that is not authentic;</li>
 *   <li>only then the body is parsed (every failure {@code 000002}, logged in one line), the nonce claimed (a replay
 *       gets the stored answer), the channel dispatches, and the answer is audited and stored for replays.</li>
 * </ol>
 * Refused requests are audited as metadata only ({@link CallbackLogEntry#refused}). Nothing here throws to the caller
 * except the {@link IOException} of a broken connection.
 */
@ApplicationScoped
public class CallbackIntake {

    private static final Logger LOG = Logger.getLogger(CallbackIntake.class);
    private static final int MAX_MESSAGE = 200;

    @Inject
    CallbackJournal journal;

    /** Audit rows (spooled while the database is away), answer counters, failure lines. */
    @Inject
    CallbackAudit audit;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    /** Runs the common paths in one transaction; unit tests leave it out and exercise the durable path. */
    @Inject
    CallbackTransaction transactions;

    /** How an authenticated body becomes a JSON object; replaced by tests to prove when it is (not) called. */
    Function<byte[], ObjectNode> parser = Json::parseObject;

    private Semaphore bytesInFlight;

    /**
     * Callbacks inside their one transaction at once (each holds a pooled connection, and the Query Order call of a
     * new order line); beyond it a callback takes the durable path, whose transactions are short.
     */
    private Semaphore oneTransactionSlots;

    /** Authenticated callbacks being answered on this node now. */
    private final AtomicInteger authenticatedInFlight = new AtomicInteger();

    /** A callback as it arrived, before its body is read. {@code contentLength} is -1 when not declared. */
    public record Arrival(String signature, String timestamp, String nonce, String remoteAddr, Instant receivedAt,
                          long contentLength) {
    }

    @PostConstruct
    void init() {
        bytesInFlight = new Semaphore(config.callbackBytesInFlight());
        oneTransactionSlots = new Semaphore(config.provisioningInlineMax());
    }

    public CallbackAnswer handle(CallbackChannel channel, Arrival arrival, InputStream in) throws IOException {
        List<String> keys = channel.keys();
        long limit = channel.maxBodyBytes();
        if (keys.isEmpty()) {
            LOG.errorf("No key is configured for %s: every call is refused with 000001", channel.name());
            return refuse(channel, arrival, BodyMetadata.drain(in, limit + 1), keys,
                    ProduceResponse.of(ResultCode.AUTH_FAILED).message("seller key not configured"));
        }
        RequestAuthenticator authenticator = channel.authenticator();
        RequestAuthenticator.Verdict early = authenticator.checkCredentials(arrival.signature(), arrival.timestamp(),
                arrival.nonce());
        if (early != null) {
            return refuse(channel, arrival, BodyMetadata.drain(in, limit + 1), keys, answer(early));
        }
        if (arrival.contentLength() > limit) {
            return refuse(channel, arrival, BodyMetadata.drain(in, limit + 1), keys, oversized(limit));
        }
        // A declared length is exact (the container ends the stream there); otherwise the bound is reserved.
        int permits = (int) (arrival.contentLength() >= 0 ? arrival.contentLength() : limit + 1);
        if (!bytesInFlight.tryAcquire(permits)) {
            LOG.warnf("%s refused: %d bytes would exceed the callback bytes in flight", channel.name(), permits);
            return refuse(channel, arrival, BodyMetadata.unread(arrival.contentLength()), keys,
                    ProduceResponse.of(ResultCode.INTERNAL_ERROR)
                            .message("busy: too many callback bytes in flight; retry later"));
        }
        try {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                return refuse(channel, arrival, BodyMetadata.of(body), keys, oversized(limit));
            }
            RequestAuthenticator.Verdict verdict = authenticator.authenticate(arrival.signature(), arrival.timestamp(),
                    arrival.nonce(), body);
            if (!verdict.accepted()) {
                return refuse(channel, arrival, BodyMetadata.of(body), keys, answer(verdict));
            }
            authenticatedInFlight.incrementAndGet();
            try {
                return accept(channel, arrival, body, keys);
            } finally {
                authenticatedInFlight.decrementAndGet();
            }
        } finally {
            bytesInFlight.release(permits);
        }
    }

    private CallbackAnswer accept(CallbackChannel channel, Arrival arrival, byte[] body, List<String> keys) {
        ObjectNode json = null;
        String problem = null;
        try {
            json = parser.apply(body);
        } catch (MalformedBodyException e) {
            problem = cut(e.getMessage());
            LOG.infof("%s: authenticated body refused: %s", channel.name(), problem);
        }
        CallbackChannel.AuditKeys audited = json == null ? CallbackChannel.AuditKeys.NONE : channel.auditKeys(json);
        String fingerprint = BodyMetadata.fingerprint(channel.nonceScope(), body);
        if (json != null && transactions != null) {
            CallbackAnswer once = inOneTransaction(channel, arrival, json, audited, body, fingerprint, keys);
            if (once != null) {
                return once;
            }
        }
        CallbackAnswer replay = CallbackAnswer.forNonce(journal, arrival.nonce(), fingerprint, arrival.receivedAt(), keys);
        if (replay != null) { // a replay, a reused nonce, or the nonce could not be recorded
            record(channel, arrival, audited, body, replay, null);
            return replay;
        }
        ProduceResponse response;
        if (json == null) {
            response = ProduceResponse.of(ResultCode.INVALID_PARAM).message(problem);
        } else {
            try {
                response = channel.dispatch(json);
            } catch (RuntimeException e) {
                audit.failed(channel.name() + " " + audited.activity() + " order " + audited.orderId() + " nonce "
                        + arrival.nonce() + " failed", e);
                response = ProduceResponse.of(ResultCode.INTERNAL_ERROR);
            }
        }
        CallbackAnswer answer = CallbackAnswer.of(response, keys);
        record(channel, arrival, audited, body, answer, arrival.nonce());
        return answer;
    }

    /**
     * The common path: nonce claim, the channel's own writes and the audit row (with the answer stored for replays)
     * in one transaction. Null, with nothing written, when the channel needs the durable path or anything failed.
     */
    private CallbackAnswer inOneTransaction(CallbackChannel channel, Arrival arrival, ObjectNode json,
                                            CallbackChannel.AuditKeys audited, byte[] body, String fingerprint,
                                            List<String> keys) {
        if (!oneTransactionSlots.tryAcquire()) {
            return null;
        }
        try {
            CallbackAnswer committed = transactions.inOne(() -> {
                CallbackJournal.NonceClaim claim = journal.claimNonce(arrival.nonce(), fingerprint, arrival.receivedAt());
                if (claim instanceof CallbackJournal.InFlight) {
                    return null;
                }
                CallbackAnswer answer = CallbackAnswer.forClaim(claim, keys);
                String nonce = null;
                if (answer == null) {
                    boolean busy = authenticatedInFlight.get() > config.callbackBusyAt();
                    ProduceResponse response = channel.dispatchInTransaction(json, busy);
                    if (response == null) {
                        return null;
                    }
                    answer = CallbackAnswer.of(response, keys);
                    nonce = arrival.nonce();
                }
                CallbackLogEntry entry = entry(arrival, audited, body, answer);
                if (nonce != null) {
                    journal.complete(nonce, answer.body(), entry);
                } else {
                    journal.record(entry);
                }
                return answer;
            });
            if (committed != null) {
                audit.answered(channel.name(), audited.activity(), committed.resultCode(), latency(arrival));
            }
            return committed;
        } catch (RuntimeException e) {
            // rolled back: the durable path answers it (a conflict on a key, a Query Order failure, ...)
            LOG.debugf("%s: one-transaction path rolled back (%s); answering the durable way", channel.name(), e);
            return null;
        } finally {
            oneTransactionSlots.release();
        }
    }

    private CallbackAnswer refuse(CallbackChannel channel, Arrival arrival, BodyMetadata body, List<String> keys,
                                  ProduceResponse response) {
        CallbackAnswer answer = CallbackAnswer.of(response, keys);
        audit.audit(channel.name(), null, null, CallbackLogEntry.refused(arrival.receivedAt(), channel.name(),
                arrival.nonce(), answer.resultCode(), answer.resultMsg(), latency(arrival), arrival.remoteAddr(),
                body.size(), body.sha256(), body.prefix(), answer.body()));
        return answer;
    }

    /** Audits an authenticated call; with {@code nonce}, also stores the answer for replays of that nonce. */
    private void record(CallbackChannel channel, Arrival arrival, CallbackChannel.AuditKeys keys, byte[] body,
                        CallbackAnswer answer, String nonce) {
        audit.audit(channel.name(), nonce, answer.body(), entry(arrival, keys, body, answer));
    }

    private CallbackLogEntry entry(Arrival arrival, CallbackChannel.AuditKeys keys, byte[] body, CallbackAnswer answer) {
        return new CallbackLogEntry(arrival.receivedAt(), keys.activity(), keys.orderId(), keys.orderLineId(),
                keys.instanceIds(), keys.testFlag(), arrival.nonce(), answer.resultCode(), answer.resultMsg(),
                latency(arrival), arrival.remoteAddr(), body, answer.body());
    }

    private int latency(Arrival arrival) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(arrival.receivedAt(), clock.instant()).toMillis());
    }

    private static ProduceResponse answer(RequestAuthenticator.Verdict verdict) {
        return ProduceResponse.of(verdict.resultCode()).message(verdict.reason());
    }

    private static ProduceResponse oversized(long limit) {
        return ProduceResponse.of(ResultCode.INVALID_PARAM).message("body larger than " + limit + " bytes");
    }

    private static String cut(String message) {
        String oneLine = message == null ? "malformed body" : message.replaceAll("[\\p{Cntrl}]", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }
}
