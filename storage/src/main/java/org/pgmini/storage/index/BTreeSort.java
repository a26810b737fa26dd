package org.pgmini.storage.index;

import org.pgmini.storage.tmp.BufFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The sort of a bulk build: entry keys (encoded, so compared as unsigned bytes) sorted in memory
 * while they fit in the memory budget; beyond it each full batch is sorted and written as a run
 * to a temporary file (length-prefixed keys), and the runs are merged at the end with a heap.
 * Closing removes the run files.
 */
final class BTreeSort implements Iterator<byte[]>, AutoCloseable {
    /** Java's per-key overhead (array header, list slot) counted against the budget. */
    private static final int OVERHEAD = 24;

    private final List<Run> runs = new ArrayList<>();
    private final PriorityQueue<Run> heap = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.head, b.head));
    private List<byte[]> memory;
    private int memPos;

    private BTreeSort() {}

    static BTreeSort sort(Path dataDir, IndexRelation idx, Iterator<IndexEntry> entries, long memoryBytes) {
        BTreeSort s = new BTreeSort();
        try {
            List<byte[]> batch = new ArrayList<>();
            long used = 0;
            while (entries.hasNext()) {
                IndexEntry e = entries.next();
                byte[] key = KeyCodec.encodeEntry(idx, e.keyValues(), e.heapTid());
                batch.add(key);
                used += key.length + OVERHEAD;
                if (used > memoryBytes && batch.size() > 1) {
                    s.runs.add(Run.write(dataDir, sorted(batch)));
                    batch = new ArrayList<>();
                    used = 0;
                }
            }
            if (s.runs.isEmpty()) {
                s.memory = sorted(batch);
            } else {
                if (!batch.isEmpty()) s.runs.add(Run.write(dataDir, sorted(batch)));
                for (Run r : s.runs) if (r.advance()) s.heap.add(r);
            }
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    private static List<byte[]> sorted(List<byte[]> batch) {
        batch.sort(Arrays::compareUnsigned);
        return batch;
    }

    int runCount() { return runs.size(); }

    @Override
    public boolean hasNext() { return memory != null ? memPos < memory.size() : !heap.isEmpty(); }

    @Override
    public byte[] next() {
        if (memory != null) {
            if (memPos >= memory.size()) throw new NoSuchElementException();
            byte[] k = memory.get(memPos);
            memory.set(memPos++, null);
            return k;
        }
        Run r = heap.poll();
        if (r == null) throw new NoSuchElementException();
        byte[] k = r.head;
        if (r.advance()) heap.add(r);
        return k;
    }

    @Override
    public void close() {
        for (Run r : runs) r.file.close();
        runs.clear();
        heap.clear();
        memory = null;
    }

    /** One sorted run in a temporary file: int32 length + key bytes, repeated. */
    private static final class Run {
        final BufFile file;
        long remaining;
        byte[] head;
        private final byte[] len = new byte[4];

        private Run(BufFile file, long count) {
            this.file = file;
            this.remaining = count;
        }

        static Run write(Path dataDir, List<byte[]> keys) {
            BufFile f = BufFile.create(dataDir);
            byte[] len = new byte[4];
            for (byte[] k : keys) {
                len[0] = (byte) (k.length >>> 24);
                len[1] = (byte) (k.length >>> 16);
                len[2] = (byte) (k.length >>> 8);
                len[3] = (byte) k.length;
                f.write(len);
                f.write(k);
            }
            f.seek(0);
            return new Run(f, keys.size());
        }

        boolean advance() {
            if (remaining == 0) { head = null; return false; }
            file.readFully(len, 0, 4);
            int n = ((len[0] & 0xFF) << 24) | ((len[1] & 0xFF) << 16) | ((len[2] & 0xFF) << 8) | (len[3] & 0xFF);
            head = new byte[n];
            file.readFully(head, 0, n);
            remaining--;
            return true;
        }
    }
}
