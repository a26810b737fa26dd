package org.pgmini.wal;

import org.pgmini.wal.buffer.WalInserter.Inserted;
import org.pgmini.wal.io.RealFileLayer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

/**
 * Child process of {@link ProcessCrashTest}: commits records as fast as it can and prints
 * "ACK seq lsn" after each commit returned, until it is killed with SIGKILL.
 * Args: test dir, data dir, wal_pmem_mode, synchronous_commit.
 */
public final class WalCrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        Path data = Paths.get(args[1]);
        WalSettings s = WalTestSupport.settings(WalPmemMode.fromGuc(args[2]), dir);
        s.walWriterDelay = 5;
        SynchronousCommit sync = SynchronousCommit.fromGuc(args[3]);
        long firstSeq = Long.parseLong(args[4]);
        PrintStream out = new PrintStream(System.out, false);
        Wal wal = Wal.open(data, s, new RealFileLayer(), WalTestSupport.registry(new TestRmgr()));
        out.println("READY");
        out.flush();
        Random rnd = new Random(firstSeq);
        for (long seq = firstSeq; ; seq++) {
            Inserted at = wal.insert(TestRmgr.record(0, seq, 12 + rnd.nextInt(rnd.nextInt(10) == 0 ? 20000 : 400)));
            wal.commit(at.endLsn(), sync);
            if (seq % 50 == 49) wal.checkpoint(CheckpointKind.ONLINE, WalTestSupport.hooks());
            out.println("ACK " + seq + " " + at.lsn());
            out.flush();
        }
    }
}
