package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpoolTest {

    @TempDir
    Path dir;

    /** A table with a unique key on the spool key, as callback_log's spool_key. */
    private final Map<String, String> table = new LinkedHashMap<>();

    private void insert(List<FileSpool.Record> batch) {
        for (FileSpool.Record r : batch) {
            table.putIfAbsent(r.key(), text(r.payload()));
        }
    }

    @Test
    void replaysInTheOrderAppendedAndEmptiesTheFile() throws Exception {
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            for (int i = 0; i < 25; i++) {
                assertThat(spool.append(bytes("call-" + i))).isTrue();
            }
            assertThat(spool.pending()).isEqualTo(25);
            List<Integer> batches = new ArrayList<>();
            int n;
            while ((n = spool.replay(10, this::insert)) > 0) {
                batches.add(n);
            }
            assertThat(batches).containsExactly(10, 10, 5);
            assertThat(table.values()).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 25).mapToObj(i -> "call-" + i).toList());
            assertThat(spool.pending()).isZero();
            assertThat(spool.bytes()).isZero();
            assertThat(Files.size(dir.resolve("spool.dat"))).isZero();
        }
    }

    @Test
    void refusesAndCountsBeyondItsBoundsWithoutLosingWhatItHolds() throws Exception {
        try (FileSpool byEntries = new FileSpool(dir.resolve("entries"), 1 << 20, 3)) {
            for (int i = 0; i < 5; i++) {
                byEntries.append(bytes("e" + i));
            }
            assertThat(byEntries.pending()).isEqualTo(3);
            assertThat(byEntries.dropped()).isEqualTo(2);
            byEntries.replay(10, this::insert);
            assertThat(table.values()).containsExactly("e0", "e1", "e2");
            assertThat(byEntries.append(bytes("after"))).isTrue(); // room again once replayed
        }
        try (FileSpool byBytes = new FileSpool(dir.resolve("bytes"), 200, 1000)) {
            int kept = 0;
            for (int i = 0; i < 10; i++) {
                kept += byBytes.append(bytes("0123456789".repeat(3))) ? 1 : 0;
            }
            assertThat(byBytes.bytes()).isLessThanOrEqualTo(200);
            assertThat(Files.size(dir.resolve("bytes/spool.dat"))).isLessThanOrEqualTo(200);
            assertThat(kept).isPositive().isLessThan(10);
            assertThat(byBytes.dropped()).isEqualTo(10 - kept);
        }
    }

    @Test
    void aFailingSinkKeepsTheRecordsForTheNextReplay() throws Exception {
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            spool.append(bytes("a"));
            spool.append(bytes("b"));
            assertThatThrownBy(() -> spool.replay(10, batch -> {
                throw new IllegalStateException("database away");
            })).hasMessage("database away");
            assertThat(spool.pending()).isEqualTo(2);
            spool.replay(10, this::insert);
            assertThat(table.values()).containsExactly("a", "b");
        }
    }

    @Test
    void replayingTwiceAfterACrashBeforeThePositionMovedStoresEachRecordOnce() throws Exception {
        List<String> offered = new ArrayList<>();
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            for (int i = 0; i < 4; i++) {
                spool.append(bytes("r" + i));
            }
            spool.replay(2, batch -> {
                batch.forEach(r -> offered.add(r.key()));
                insert(batch);
            });
        }
        // the crash: r0 and r1 were committed, but the position write was lost, so the spool offers them again
        Files.writeString(dir.resolve("spool.pos"), "0");
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            assertThat(spool.pending()).isEqualTo(4);
            spool.replay(10, batch -> {
                batch.forEach(r -> offered.add(r.key()));
                insert(batch);
            });
            assertThat(spool.pending()).isZero();
        }
        assertThat(offered).hasSize(6); // r0 and r1 were offered twice, with the same keys
        assertThat(table.values()).containsExactly("r0", "r1", "r2", "r3");
    }

    @Test
    void survivesARestartAndCutsOffAHalfWrittenRecord() throws Exception {
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            spool.append(bytes("kept-1"));
            spool.append(bytes("kept-2"));
        }
        // a crash in the middle of the next append: a frame header promising more bytes than were written
        Files.write(dir.resolve("spool.dat"), new byte[] {0, 0, 0, 50, 0, 3}, java.nio.file.StandardOpenOption.APPEND);
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            assertThat(spool.pending()).isEqualTo(2);
            spool.append(bytes("kept-3"));
            spool.replay(10, this::insert);
        }
        assertThat(table.values()).containsExactly("kept-1", "kept-2", "kept-3");
    }

    @Test
    void aPartlyReplayedSpoolResumesWhereItStopped() throws Exception {
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            for (int i = 0; i < 5; i++) {
                spool.append(bytes("p" + i));
            }
            spool.replay(3, this::insert);
        }
        try (FileSpool spool = new FileSpool(dir, 1 << 20, 1000)) {
            assertThat(spool.pending()).isEqualTo(2);
            spool.replay(10, this::insert);
        }
        assertThat(table.values()).containsExactly("p0", "p1", "p2", "p3", "p4");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
