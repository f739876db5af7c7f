package dev.stallkeeper.usage.application;

import dev.stallkeeper.protocol.UsagePushMessage;
import dev.stallkeeper.platform.openapi.KooGalleryUsageApi;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * One push of due usage to KooGallery: claim up to {@value UsagePushMessage#MAX_RECORDS} records (committed lease),
 * send them in one signed call outside any transaction, then apply the answer. If this node dies between sending
 * and applying, the lease runs out and a later push sends the same records with the same metering_sn; KooGallery
 * deduplicates by metering_sn and answers "received already", which counts as accepted.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UsagePusher {

    private static final Logger LOG = Logger.getLogger(UsagePusher.class);

    @Inject
    UsageQueue store;

    @Inject
    KooGalleryUsageApi api;

    /** What one push did. {@code claimed} 0 means nothing was due; {@code callFailed} that KooGallery did not take it. */
    public record Result(int claimed, int sent, int accepted, int rejected, int parked, boolean callFailed) {
    }

    public Result pushOnce() {
        long started = System.nanoTime();
        UsageQueue.Claim claim = store.claim(UsagePushMessage.MAX_RECORDS);
        if (claim.toSend().isEmpty()) {
            return new Result(claim.claimed(), 0, 0, 0, claim.parked(), false);
        }
        String body = UsagePushMessage.body(claim.toSend().stream().map(UsageQueue.ClaimedUsage::wire).toList());
        int sent = claim.toSend().size();
        String error;
        long claimed = System.nanoTime();
        try {
            KooGalleryUsageApi.Answer answer = api.send(body);
            long answered = System.nanoTime();
            if (answer.taken()) {
                UsageQueue.Settled s = store.settle(claim.toSend(), answer.response());
                LOG.infof("Usage push: %d records sent, %d accepted, %d rejected (claim %d ms, call %d ms, books %d ms)",
                        sent, s.accepted(), s.rejected(), (claimed - started) / 1_000_000,
                        (answered - claimed) / 1_000_000, (System.nanoTime() - answered) / 1_000_000);
                return new Result(claim.claimed(), sent, s.accepted(), s.rejected(), claim.parked(), false);
            }
            error = "KooGallery refused the call: " + answer.describe();
        } catch (KooGalleryUsageApi.PushFailure e) {
            error = e.getMessage();
        }
        UsageQueue.Settled s = store.callFailed(claim.toSend(), error);
        LOG.warnf("Usage push of %d records failed, to be retried with the same metering_sn: %s", sent, error);
        return new Result(claim.claimed(), sent, 0, 0, claim.parked() + s.parked(), true);
    }
}
