package dev.stallkeeper.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A bounded, ordered queue of records in one local file, for what must outlive a missing database (and a node
 * restart) without ever waiting for one: {@link #append} writes one frame at the end of {@code spool.dat} (no fsync:
 * a power cut may lose the tail, a process crash does not); {@link #replay} hands the oldest records to a sink and
 * moves the read position ({@code spool.pos}, replaced atomically) only after the sink returned. A crash between the
 * two replays those records again, which is why every record carries a unique key for the sink to deduplicate on.
 * When everything is replayed the file is truncated.
 * <p>
 * Bounds: at most {@code maxBytes} in the file and {@code maxEntries} records waiting; an append beyond either is
 * refused and counted ({@link #dropped()}), never blocking. Frame: int length, then the key (UTF-8, short length
 * prefix) and the payload.
 */
public final class FileSpool implements AutoCloseable {

    /** One spooled record. */
    public record Record(String key, byte[] payload) {
    }

    /** Takes a batch of records in order; throws when it could not keep them (they are offered again later). */
    @FunctionalInterface
    public interface Sink {
        void accept(List<Record> batch) throws Exception;
    }

    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final Path data;
    private final Path position;
    private final long maxBytes;
    private final int maxEntries;
    private final FileChannel channel;
    private final Object replaying = new Object();

    // guarded by this
    private long readAt;
    private long size;
    private int pending;
    private long dropped;
    private long appended;
    private long replayed;

    public FileSpool(Path dir, long maxBytes, int maxEntries) {
        this.data = dir.resolve("spool.dat");
        this.position = dir.resolve("spool.pos");
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            readAt = Files.exists(position) ? Long.parseLong(Files.readString(position).trim()) : 0;
            recover();
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot open the spool in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Counts the records left from an earlier run; cuts off a frame that a crash left half written. */
    private void recover() throws IOException {
        long end = channel.size();
        if (readAt > end) {
            readAt = 0;
        }
        long at = readAt;
        int count = 0;
        ByteBuffer header = ByteBuffer.allocate(4);
        while (at + 4 <= end) {
            header.clear();
            channel.read(header, at);
            int length = header.flip().getInt();
            if (length <= 0 || length > MAX_FRAME || at + 4 + length > end) {
                break;
            }
            at += 4 + length;
            count++;
        }
        if (at < end) {
            channel.truncate(at);
        }
        size = at;
        pending = count;
    }

    /** Adds a record at the end with a fresh unique key; false (counted) when the spool is full or the disk failed. */
    public boolean append(byte[] payload) {
        return append(UUID.randomUUID().toString(), payload);
    }

    public synchronized boolean append(String key, byte[] payload) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int length = 2 + k.length + payload.length;
        if (pending >= maxEntries || size + 4 + length > maxBytes || length > MAX_FRAME) {
            dropped++;
            return false;
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + length).putInt(length).putShort((short) k.length).put(k).put(payload);
        frame.flip();
        try {
            long at = size;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
        } catch (IOException e) {
            dropped++;
            return false;
        }
        size += 4 + length;
        pending++;
        appended++;
        return true;
    }

    /**
     * Offers up to {@code max} of the oldest records to {@code sink}, in order, and forgets them once it returned.
     * One replay at a time; appends go on meanwhile. Returns how many were handed over (0 when empty).
     *
     * @throws Exception what the sink threw; the records stay and come first next time
     */
    public int replay(int max, Sink sink) throws Exception {
        synchronized (replaying) {
            List<Record> batch = new ArrayList<>();
            long next;
            synchronized (this) {
                next = readAt;
                ByteBuffer header = ByteBuffer.allocate(4);
                while (batch.size() < max && next + 4 <= size) {
                    header.clear();
                    channel.read(header, next);
                    int length = header.flip().getInt();
                    ByteBuffer frame = ByteBuffer.allocate(length);
                    while (frame.hasRemaining()) {
                        if (channel.read(frame, next + 4 + frame.position()) < 0) {
                            throw new IOException("spool ends inside a record");
                        }
                    }
                    frame.flip();
                    byte[] k = new byte[frame.getShort()];
                    frame.get(k);
                    byte[] payload = new byte[frame.remaining()];
                    frame.get(payload);
                    batch.add(new Record(new String(k, StandardCharsets.UTF_8), payload));
                    next += 4 + length;
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            sink.accept(batch);
            synchronized (this) {
                pending -= batch.size();
                replayed += batch.size();
                if (next >= size) { // all done: start the file again
                    channel.truncate(0);
                    size = 0;
                    readAt = 0;
                } else {
                    readAt = next;
                }
                writePosition(readAt);
            }
            return batch.size();
        }
    }

    private void writePosition(long at) {
        try {
            Path temp = position.resolveSibling("spool.pos.tmp");
            Files.writeString(temp, Long.toString(at));
            try {
                Files.move(temp, position, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, position, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records waiting to be replayed. */
    public synchronized int pending() {
        return pending;
    }

    /** Bytes in the spool file (replayed records included until it empties). */
    public synchronized long bytes() {
        return size;
    }

    /** Records refused because the spool was full (or the disk failed) since this process opened it. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long appended() {
        return appended;
    }

    public synchronized long replayed() {
        return replayed;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxEntries() {
        return maxEntries;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
