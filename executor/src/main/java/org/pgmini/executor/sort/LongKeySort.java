package org.pgmini.executor.sort;

import org.pgmini.storage.tape.LogicalTape;
import org.pgmini.storage.tape.LogicalTapeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;

/**
 * A datum sort of 64-bit integer keys: what PostgreSQL 15 does when the sorted rows have a single
 * by-value column, without the tuple. The key is the value itself (int2, int4, int8, date,
 * timestamp...), stored bitwise-inverted for DESC so that one ascending order serves both; NULLs
 * are only counted (all NULL rows of a one-column result are alike) and come out first or last.
 *
 * <p>Memory: a {@code long[]} of keys, 8 bytes per row (PostgreSQL's datum sort uses a 24-byte
 * SortTuple), grown by doubling while {@code work_mem} allows. When it is full the keys are
 * sorted and written as one run (8 bytes per key, little-endian, no length words) to a tape of
 * their own, paused. {@link #performSort}: in memory it is {@code quicksort} (the JDK's
 * dual-pivot quicksort on primitives); otherwise the runs are merged like {@link Tuplesort}'s
 * (smallest runs first while there are more than the merge order, the last merge streams into
 * {@link #next}: {@code external merge}).
 *
 * <p>No bound (top-N goes through {@link Tuplesort}), no random access, not parallel. Not
 * thread-safe. {@link #close} removes the temp file, also after an error.
 */
public final class LongKeySort extends DatumSort {
    private static final Logger log = LoggerFactory.getLogger(LongKeySort.class);
    private static final int INITIAL_KEYS = 1024;
    /** Bytes of the per-input decode buffer of a merge (beside the tape's own read-ahead). */
    private static final int DECODE_BUFFER = 8192;

    private long[] keys = new long[INITIAL_KEYS];
    private int count;
    private final byte[] writeBuffer = new byte[DECODE_BUFFER];

    // reading
    private int current;
    private LongMerge merge;
    private long value;

    /**
     * @param descending DESC: larger keys first
     * @param nullsFirst where the counted NULLs come out
     */
    public LongKeySort(SortOptions options, boolean descending, boolean nullsFirst) {
        super(options, descending, nullsFirst, log);
        peakBytes = (long) INITIAL_KEYS * 8;
    }

    public void put(long v) {
        countPut();
        if (count == keys.length && !grow()) dumpRun();
        keys[count++] = descending ? ~v : v;
    }

    /** Doubles the key array, or grows it to exactly the budget; false when it is at the budget. */
    private boolean grow() {
        long maxKeys = Math.min(Integer.MAX_VALUE - 16, Math.max(INITIAL_KEYS, allowedMem / 8));
        if (keys.length >= maxKeys) return false;
        int n = (int) Math.min(maxKeys, 2L * keys.length);
        keys = Arrays.copyOf(keys, n);
        peakBytes = Math.max(peakBytes, (long) n * 8);
        return true;
    }

    private void dumpRun() {
        runs.goExternal(put);
        if (count == 0) return;
        RadixLongSort.sort(keys, 0, count);
        LogicalTape tape = runs.newTape();
        int p = 0;
        for (int i = 0; i < count; i++) {
            ByteSink.LONG.set(writeBuffer, p, keys[i]);
            p += 8;
            if (p == writeBuffer.length) {
                tape.write(writeBuffer, 0, p);
                p = 0;
                if ((i & 65535) == 65535) options.interruptCheck().run();
            }
        }
        tape.write(writeBuffer, 0, p);
        runs.addRun(tape, count);
        count = 0;
    }

    @Override
    protected void sortInMemory() {
        RadixLongSort.sort(keys, 0, count);
        current = 0;
    }

    @Override
    protected void finishRuns() {
        dumpRun();
        keys = null;
        merge = openMerge(runs.planMerges(allowedMem, this::mergeToTape), false);
    }

    private LongMerge openMerge(List<DatumRuns.Run> group, boolean withOutput) {
        int inputs = Math.max(1, group.size());
        long avail = allowedMem - (withOutput ? LogicalTapeSet.BLCKSZ : 0) - (long) inputs * DECODE_BUFFER;
        long per = avail / inputs / LogicalTapeSet.BLCKSZ * LogicalTapeSet.BLCKSZ;
        int bufferBytes = (int) Math.max(LogicalTapeSet.BLCKSZ, Math.min(per, 64L * LogicalTapeSet.BLCKSZ));
        LongMerge m = new LongMerge(group.size());
        long used = 0;
        for (int i = 0; i < group.size(); i++) {
            DatumRuns.Run r = group.get(i);
            long runBlocks = r.rows() * 8 / LogicalTapeSet.DATA_SIZE + 1;
            r.tape().rewindForRead((int) Math.min(bufferBytes, runBlocks * LogicalTapeSet.BLCKSZ));
            used += r.tape().bufferBytes() + DECODE_BUFFER;
            m.addInput(new TapeKeys(r.tape()));
        }
        peakBytes = Math.max(peakBytes, used);
        m.start();
        return m;
    }

    private DatumRuns.Run mergeToTape(List<DatumRuns.Run> group) {
        LogicalTape out = runs.newTape();
        LongMerge m = openMerge(group, true);
        long n = 0;
        int p = 0;
        while (m.hasNext()) {
            ByteSink.LONG.set(writeBuffer, p, m.top());
            p += 8;
            if (p == writeBuffer.length) {
                out.write(writeBuffer, 0, p);
                p = 0;
            }
            m.advance();
            if ((++n & 65535) == 0) options.interruptCheck().run();
        }
        out.write(writeBuffer, 0, p);
        m.close();
        return new DatumRuns.Run(out, n, out.size());
    }

    @Override
    protected boolean nextValue() {
        long k;
        if (state == State.SORTED_IN_MEM) {
            if (current >= count) return false;
            k = keys[current++];
        } else {
            if (!merge.hasNext()) return false;
            k = merge.top();
            merge.advance();
        }
        value = descending ? ~k : k;
        return true;
    }

    /** The current row's value (after {@link #next} returned true and {@link #isNull} is false). */
    public long value() { return value; }

    @Override
    protected void release() {
        keys = null;
        if (merge != null) merge.close();
        merge = null;
    }

    /** Sequential reader of one run's keys, decoding from a block-sized copy of the tape's bytes. */
    static final class TapeKeys {
        private final LogicalTape tape;
        private final byte[] buf = new byte[DECODE_BUFFER];
        private int pos;
        private int len;

        TapeKeys(LogicalTape tape) { this.tape = tape; }

        /** Whether a key is available at {@link #peek()}. */
        boolean fill() {
            if (pos < len) return true;
            len = tape.read(buf, 0, buf.length);
            pos = 0;
            if ((len & 7) != 0) throw new IllegalStateException("sort tape " + tape.id() + " ends inside a key");
            return len > 0;
        }

        long take() {
            long v = (long) ByteSink.LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        void close() { tape.close(); }
    }

    /** k-way merge of ascending key streams with a binary min-heap of (key, input). */
    static final class LongMerge {
        private final TapeKeys[] inputs;
        private final long[] heapKeys;
        private final int[] heapSrc;
        private int added;
        private int size;

        LongMerge(int n) {
            inputs = new TapeKeys[n];
            heapKeys = new long[n];
            heapSrc = new int[n];
        }

        void addInput(TapeKeys in) { inputs[added++] = in; }

        void start() {
            for (int i = 0; i < added; i++) {
                if (inputs[i].fill()) {
                    heapKeys[size] = inputs[i].take();
                    heapSrc[size] = i;
                    size++;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
        }

        boolean hasNext() { return size > 0; }

        long top() { return heapKeys[0]; }

        /** Replaces the top with the next key of its input, or removes it when that input is done. */
        void advance() {
            TapeKeys in = inputs[heapSrc[0]];
            if (in.fill()) {
                heapKeys[0] = in.take();
            } else {
                size--;
                heapKeys[0] = heapKeys[size];
                heapSrc[0] = heapSrc[size];
            }
            siftDown(0);
        }

        private void siftDown(int i) {
            long k = heapKeys[i];
            int s = heapSrc[i];
            int n = size;
            while (true) {
                int l = 2 * i + 1;
                if (l >= n) break;
                int r = l + 1;
                int c = r < n && heapKeys[r] < heapKeys[l] ? r : l;
                if (heapKeys[c] >= k) break;
                heapKeys[i] = heapKeys[c];
                heapSrc[i] = heapSrc[c];
                i = c;
            }
            heapKeys[i] = k;
            heapSrc[i] = s;
        }

        void close() {
            for (int i = 0; i < added; i++) inputs[i].close();
        }
    }
}
