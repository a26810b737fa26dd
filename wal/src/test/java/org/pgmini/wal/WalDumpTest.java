package org.pgmini.wal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.dump.WalDump;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.record.BlockImage;
import org.pgmini.wal.record.BlockReference;
import org.pgmini.wal.record.ForkNumber;
import org.pgmini.wal.record.RelFileLocator;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.ResourceManagerRegistry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WalDumpTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception { dir = WalTestSupport.tempDir(); }

    @AfterEach
    void tearDown() throws Exception { WalTestSupport.deleteTree(dir); }

    private String[] run(ResourceManagerRegistry reg, int expectedRc, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = WalDump.run(args, reg, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedRc, rc, err.toString(StandardCharsets.UTF_8));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void printsRecordsLikePgWaldump() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.OFF, dir);
        RealFileLayer layer = new RealFileLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        TestRmgr rm = new TestRmgr();
        ResourceManagerRegistry reg = WalTestSupport.registry(rm);
        Inserted a, b;
        try (Wal wal = Wal.open(data, s, layer, reg)) {
            a = wal.insert(TestRmgr.record(3, 17, 40));
            RelFileLocator rel = new RelFileLocator(1663, 5, 16384);
            b = wal.insert(new WalRecord(TestRmgr.ID, TestRmgr.INFO_DATA, 735, List.of(
                    BlockReference.withImage(rel, ForkNumber.MAIN, 0, new BlockImage(new byte[8192], 100, 8000), new byte[0]),
                    BlockReference.of(rel, ForkNumber.VM, 2, new byte[0])), TestRmgr.payload(4, 5, 12)));
            wal.flush(b.endLsn());
        }
        String seg = data.resolve("pg_wal").resolve("000000010000000000000001").toString();
        String[] res = run(reg, 1, seg);
        String[] lines = res[0].split("\n");
        assertEquals(3, lines.length, res[0]);
        assertTrue(lines[0].matches("rmgr: XLOG {8}len \\(rec/tot\\): +\\d+/ +\\d+, tx: {10}0, lsn: 0/00010028, prev 0/00000000, "
                + "desc: CHECKPOINT_SHUTDOWN redo 0/10028; tli 1; prev tli 1; fpw true; xid 0:3; oid 16384; .*shutdown"), lines[0]);
        assertEquals(String.format("rmgr: Test        len (rec/tot):     64/      64, tx:         18, lsn: %s, prev 0/00010028, desc: DATA writer 3 seq 17",
                Lsn.formatPadded(a.lsn())), lines[1]);
        assertEquals(String.format("rmgr: Test        len (rec/tot):     92/     284, tx:        735, lsn: %s, prev %s, desc: DATA writer 4 seq 5"
                        + ", blkref #0: rel 1663/5/16384 blk 0 FPW, blkref #1: rel 1663/5/16384 fork vm blk 2",
                Lsn.formatPadded(b.lsn()), Lsn.formatPadded(a.lsn())), lines[2]);
        assertTrue(res[1].startsWith("pg_waldump: error: error in WAL record at " + Lsn.format(b.lsn()) + ": invalid record length at "), res[1]);

        // -n stops early and succeeds; -r filters by resource manager; unknown rmgrs still print.
        assertEquals(1, run(reg, 0, "-n", "1", seg)[0].split("\n").length);
        assertEquals(2, run(reg, 1, "--rmgr=Test", seg)[0].split("\n").length);
        String unknown = run(new ResourceManagerRegistry(), 1, seg)[0].split("\n")[1];
        assertTrue(unknown.startsWith("rmgr: #200 ") && unknown.contains("desc: UNKNOWN (10) "), unknown);
        // -s starts at a given LSN.
        String[] fromB = run(reg, 1, "-p", data.resolve("pg_wal").toString(), "-s", Lsn.format(b.lsn()));
        assertEquals(1, fromB[0].split("\n").length);
    }

    @Test
    void readsTheNvwalBufferFileLikeRecovery() throws Exception {
        WalSettings s = WalTestSupport.settings(WalPmemMode.NVWAL, dir);
        RealFileLayer layer = new RealFileLayer();
        Path data = WalTestSupport.initCluster(dir, s, layer);
        TestRmgr rm = new TestRmgr();
        ResourceManagerRegistry reg = WalTestSupport.registry(rm);
        Wal wal = Wal.open(data, s, layer, reg);
        Inserted last = null;
        for (int i = 0; i < 10; i++) last = wal.insert(TestRmgr.record(1, i, 300));
        wal.flush(last.endLsn());
        String seg = data.resolve("pg_wal").resolve("000000010000000000000001").toString();
        // The records are only in the nvwal file until it fills: segments alone end at the checkpoint...
        assertEquals(1, run(reg, 1, seg)[0].split("\n").length);
        // ...and with the buffer file, waldump sees what recovery would.
        String[] all = run(reg, 1, "--buffer-file=" + s.nvwalPath, seg);
        assertEquals(11, all[0].split("\n").length, all[0]);
        assertTrue(all[0].split("\n")[10].contains("desc: DATA writer 1 seq 9"));
        wal.abandon();
    }
}
