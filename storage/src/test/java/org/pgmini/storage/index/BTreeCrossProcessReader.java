package org.pgmini.storage.index;

import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.smgr.Smgr;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.walhook.WalHook;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;

/**
 * The reader process of {@link BTreeCrossProcessTest}: attaches to the buffer pool in the shared
 * file mapping and scans the index over and over while the parent inserts. Every scan must be
 * strictly ordered and contain every key an earlier scan saw (entries are never removed); when
 * the parent writes "done" on stdin, a last scan must hold all {@code n} keys. Prints
 * "ok scans S partial P" or the failure.
 */
public final class BTreeCrossProcessReader {
    public static void main(String[] args) throws Exception {
        Path regionFile = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        int nbuffers = Integer.parseInt(args[2]);
        int relNumber = Integer.parseInt(args[3]);
        int n = Integer.parseInt(args[4]);
        MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(regionFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
        }
        try (Smgr smgr = new Smgr(dataDir, 1 << 17)) {
            BufferPool pool = new BufferPool(new ByteBufferRegion(mapped), 0, nbuffers, smgr, WalHook.NONE, false);
            BTree bt = new BTree(pool);
            IndexRelation idx = new IndexRelation(new RelFileLocator(5, relNumber), "xp", new AttributeType[] {AttributeType.INT8},
                    new int[] {1}, new boolean[] {false}, false);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            System.out.println("attached");
            System.out.flush();
            BitSet seen = new BitSet(n);
            int scans = 0, partial = 0;
            boolean last = false;
            while (true) {
                if (!last && in.ready() && "done".equals(in.readLine())) last = true;
                BitSet now = new BitSet(n);
                boolean backward = scans % 2 == 1;
                long prev = backward ? Long.MAX_VALUE : -1;
                try (IndexCursor c = bt.scan(idx, List.of(), backward)) {
                    for (ItemPointer t = c.next(); t != null; t = c.next()) {
                        long k = t.block();
                        if (backward ? k >= prev : k <= prev) fail("out of order: " + prev + " then " + k);
                        prev = k;
                        now.set((int) k);
                    }
                }
                BitSet missing = (BitSet) seen.clone();
                missing.andNot(now);
                if (!missing.isEmpty()) fail("scan " + scans + " lost key " + missing.nextSetBit(0));
                seen = now;
                scans++;
                if (now.cardinality() > 0 && now.cardinality() < n) partial++;
                if (last) {
                    if (now.cardinality() != n) fail("final scan found " + now.cardinality() + " of " + n);
                    break;
                }
            }
            System.out.println("ok scans " + scans + " partial " + partial);
        }
    }

    private static void fail(String why) {
        System.out.println("FAIL " + why);
        System.exit(1);
    }
}
