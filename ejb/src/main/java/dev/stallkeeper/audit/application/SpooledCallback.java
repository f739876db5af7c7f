package dev.stallkeeper.audit.application;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An audit entry as bytes for the spool, and back. It holds exactly what the entry holds: for a request refused
 * before authentication that is metadata only (size, SHA-256, at most the first KiB), never its body.
 */
final class SpooledCallback {

    private static final int VERSION = 1;

    private SpooledCallback() {
    }

    static byte[] encode(CallbackLogEntry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(e.requestBody()) + length(e.responseBody()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(e.receivedAt().getEpochSecond());
            out.writeInt(e.receivedAt().getNano());
            out.writeBoolean(e.refused());
            text(out, e.activity());
            text(out, e.orderId());
            text(out, e.orderLineId());
            text(out, e.instanceIds());
            out.writeBoolean(e.testFlag());
            text(out, e.nonce());
            text(out, e.resultCode());
            text(out, e.resultMsg());
            out.writeInt(e.latencyMs());
            text(out, e.remoteAddr());
            blob(out, e.requestBody());
            blob(out, e.responseBody());
            out.writeInt(e.bodySize() == null ? -1 : e.bodySize());
            text(out, e.bodySha256());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return bytes.toByteArray();
    }

    static CallbackLogEntry decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown spool record version " + version);
            }
            Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            boolean refused = in.readBoolean();
            String activity = text(in);
            String orderId = text(in);
            String orderLineId = text(in);
            String instanceIds = text(in);
            boolean testFlag = in.readBoolean();
            String nonce = text(in);
            String resultCode = text(in);
            String resultMsg = text(in);
            int latency = in.readInt();
            String remote = text(in);
            byte[] request = blob(in);
            byte[] response = blob(in);
            int bodySize = in.readInt();
            String sha = text(in);
            if (refused) {
                return CallbackLogEntry.refused(receivedAt, activity, nonce, resultCode, resultMsg, latency, remote,
                        bodySize, sha, request, response);
            }
            return new CallbackLogEntry(receivedAt, activity, orderId, orderLineId, instanceIds, testFlag, nonce,
                    resultCode, resultMsg, latency, remote, request, response);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            blob(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? new String(blob(in), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }
}
