package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.wal.io.RealFileLayer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process in the middle of a stream of commits, for every wal_pmem_mode: the page
 * cache (and mappings' dirty pages) survive a process death, so this checks the protocol and
 * recovery's reading of each design's files rather than durability; every acknowledged commit
 * must be replayed, the replayed records must be a gap-free prefix, and a restarted process
 * must be able to continue and be killed again.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessCrashTest {
    private Path dir;
    private Process child;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        WalTestSupport.deleteTree(dir);
    }

    @ParameterizedTest
    @EnumSource(WalPmemMode.class)
    void acknowledgedCommitsSurviveKill9(WalPmemMode mode) throws Exception {
        WalSettings s = WalTestSupport.settings(mode, dir);
        Path data = WalTestSupport.initCluster(dir, s, new RealFileLayer());
        Random rnd = new Random(mode.ordinal());
        long nextSeq = 0;
        for (int round = 0; round < 2; round++) {
            List<long[]> acked = runAndKill(data, mode, nextSeq, 30 + rnd.nextInt(150));
            TestRmgr rm = new TestRmgr();
            try (Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(rm))) {
                assertTrue(wal.recoveryResult().crashRecovery());
                long redo = wal.recoveryResult().redoLsn();
                List<Long> seqs = new ArrayList<>();
                for (TestRmgr.Replayed r : rm.replayed) if (r.seq() >= nextSeq) seqs.add(r.seq());
                // Records before the redo pointer were covered by a checkpoint; everything
                // acknowledged after it must be replayed, as a gap-free run of sequence numbers.
                List<Long> mustSee = new ArrayList<>();
                for (long[] a : acked) if (a[1] >= redo) mustSee.add(a[0]);
                for (int i = 1; i < seqs.size(); i++) assertEquals(seqs.get(i - 1) + 1, seqs.get(i), mode + ": gap-free");
                for (long seq : mustSee) assertTrue(seqs.contains(seq), mode + ": acknowledged commit " + seq + " replayed");
                long lastAcked = acked.get(acked.size() - 1)[0];
                nextSeq = Math.max(lastAcked, seqs.isEmpty() ? lastAcked : seqs.get(seqs.size() - 1)) + 1;
            }
        }
    }

    private List<long[]> runAndKill(Path data, WalPmemMode mode, long firstSeq, int acksBeforeKill) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", WalCrashChild.class.getName(),
                dir.toString(), data.toString(), mode.gucValue(), "on", Long.toString(firstSeq));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        child = pb.start();
        List<long[]> acked = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    acked.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
                    if (acked.size() == acksBeforeKill) child.toHandle().destroyForcibly();
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(acked.size() >= acksBeforeKill, "child acknowledged commits before it was killed");
        return acked;
    }
}
