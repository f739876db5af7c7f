package dev.stallkeeper.audit.application;

import dev.stallkeeper.platform.DataKeys;
import dev.stallkeeper.platform.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The answers kept for replays ({@code callback_nonce.response}) at rest: sealed with {@code STALLKEEPER_DATA_KEY}
 * and bound to their nonce, because an answer to newInstance or queryInstance carries the tenant's application
 * password. A replay sends the exact bytes again, so they are sealed, not masked. Without a data key (embedded
 * database only) they are kept as sent. Answers are our own JSON, so UTF-8 text round-trips exactly.
 */
@ApplicationScoped
public class StoredAnswers {

    private static final Logger LOG = Logger.getLogger(StoredAnswers.class);

    @Inject
    DataKeys keys;

    /** The bytes to store for {@code answer} to the request with {@code nonce}. */
    public byte[] seal(String nonce, byte[] answer) {
        Optional<SecretSealer> sealer = keys.sealer();
        if (answer == null || sealer.isEmpty()) {
            return answer;
        }
        return sealer.get().seal(new String(answer, StandardCharsets.UTF_8), context(nonce))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The answer stored as {@code stored}; a plain one (stored before sealing, or without a key) as it is; null when
     * a sealed one does not open (its key was removed): the request is then processed again, idempotently.
     */
    public byte[] open(String nonce, byte[] stored) {
        if (stored == null || stored.length < 3 || stored[0] != 'v' || stored[1] != '1' || stored[2] != '.') {
            return stored;
        }
        String text = new String(stored, StandardCharsets.US_ASCII);
        if (!SecretSealer.isSealed(text)) {
            return stored;
        }
        Optional<String> opened = keys.sealer().flatMap(s -> s.open(text, context(nonce)));
        if (opened.isEmpty()) {
            LOG.warnf("The answer stored for nonce %s does not open with the configured STALLKEEPER_DATA_KEY;"
                    + " the request is processed again", nonce);
            return null;
        }
        return opened.get().getBytes(StandardCharsets.UTF_8);
    }

    static String context(String nonce) {
        return "callback_nonce:" + nonce;
    }
}
