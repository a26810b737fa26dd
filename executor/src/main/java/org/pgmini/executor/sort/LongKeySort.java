package org.pgmini.executor.sort;

import org.pgmini.storage.tape.LogicalTape;
import org.pgmini.storage.tape.LogicalTapeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
public final class LongKeySort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LongKeySort.class);
    private static final int INITIAL_KEYS = 1024;
    /** Bytes of the per-input decode buffer of a merge (beside the tape's own read-ahead). */
    private static final int DECODE_BUFFER = 8192;

    private enum State { LOADING, SORTED_IN_MEM, FINAL_MERGE, CLOSED }

    private record Run(LogicalTape tape, long keys) {}

    private final SortOptions options;
    private final boolean descending;
    private final boolean nullsFirst;
    private final long allowedMem;
    private final long startNanos = System.nanoTime();

    private State state = State.LOADING;
    private SortMethod method = SortMethod.STILL_IN_PROGRESS;
    private long[] keys = new long[INITIAL_KEYS];
    private int count;
    private long nulls;
    private long put;
    private long peakBytes = (long) INITIAL_KEYS * 8;

    private LogicalTapeSet tapes;
    private final List<Run> runs = new ArrayList<>();
    private final byte[] writeBuffer = new byte[DECODE_BUFFER];
    private int mergeSteps;
    private int runsWritten;

    // reading
    private int current;
    private long nullsLeft;
    private boolean nullsDone;
    private LongMerge merge;
    private long value;

    /**
     * @param descending DESC: larger keys first
     * @param nullsFirst where the counted NULLs come out
     */
    public LongKeySort(SortOptions options, boolean descending, boolean nullsFirst) {
        if (options.randomAccess()) throw new IllegalArgumentException("a key sort has no random access");
        this.options = options;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
        this.allowedMem = options.workMemKB() * 1024L;
        trace("begin datum sort: workMem = {}, randomAccess = f", options.workMemKB());
    }

    public void put(long v) {
        if (state != State.LOADING) throw new IllegalStateException("cannot add keys to a sort in state " + state);
        if ((++put & 4095) == 0) options.interruptCheck().run();
        if (count == keys.length && !grow()) dumpRun();
        keys[count++] = descending ? ~v : v;
    }

    public void putNull() {
        if (state != State.LOADING) throw new IllegalStateException("cannot add keys to a sort in state " + state);
        if ((++put & 4095) == 0) options.interruptCheck().run();
        nulls++;
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
        if (tapes == null) {
            tapes = options.tempFileOwner() != null ? LogicalTapeSet.create(options.tempFileOwner())
                    : LogicalTapeSet.create(options.dataDir());
            trace("switching to external sort after {} tuples: {}", put, elapsed());
        }
        if (count == 0) return;
        RadixLongSort.sort(keys, 0, count);
        LogicalTape tape = tapes.createTape();
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
        tape.pause();
        runs.add(new Run(tape, count));
        runsWritten++;
        trace("finished writing run {} to tape {} ({} tuples): {}", runsWritten, tape.id(), count, elapsed());
        count = 0;
    }

    /** All keys are in: sort them, or write the last run and start the final merge. */
    public void performSort() {
        if (state != State.LOADING) throw new IllegalStateException("performSort in state " + state);
        trace("performsort of {} tuples starting: {}", put, elapsed());
        if (tapes == null) {
            RadixLongSort.sort(keys, 0, count);
            state = State.SORTED_IN_MEM;
            method = SortMethod.QUICKSORT;
        } else {
            dumpRun();
            keys = null;
            int order = Tuplesort.mergeOrder(allowedMem, options.maxMergeOrder());
            while (runs.size() > order) {
                int g = Math.min(order, runs.size() - order + 1);
                runs.sort(Comparator.comparingLong(Run::keys));
                List<Run> group = new ArrayList<>(runs.subList(0, g));
                runs.subList(0, g).clear();
                runs.add(mergeToTape(group));
            }
            tapes.forgetFreeSpace();
            trace("starting final merge of {} runs: {}", runs.size(), elapsed());
            merge = openMerge(runs, false);
            state = State.FINAL_MERGE;
            method = SortMethod.EXTERNAL_MERGE;
        }
        current = 0;
        nullsLeft = nulls;
        nullsDone = false;
        trace("performsort done ({}): {}", method.label(), elapsed());
    }

    private LongMerge openMerge(List<Run> group, boolean withOutput) {
        int inputs = Math.max(1, group.size());
        long avail = allowedMem - (withOutput ? LogicalTapeSet.BLCKSZ : 0) - (long) inputs * DECODE_BUFFER;
        long per = avail / inputs / LogicalTapeSet.BLCKSZ * LogicalTapeSet.BLCKSZ;
        int bufferBytes = (int) Math.max(LogicalTapeSet.BLCKSZ, Math.min(per, 64L * LogicalTapeSet.BLCKSZ));
        LongMerge m = new LongMerge(group.size());
        long used = 0;
        for (int i = 0; i < group.size(); i++) {
            Run r = group.get(i);
            long runBlocks = r.keys() * 8 / LogicalTapeSet.DATA_SIZE + 1;
            r.tape().rewindForRead((int) Math.min(bufferBytes, runBlocks * LogicalTapeSet.BLCKSZ));
            used += r.tape().bufferBytes() + DECODE_BUFFER;
            m.addInput(new TapeKeys(r.tape()));
        }
        peakBytes = Math.max(peakBytes, used);
        m.start();
        return m;
    }

    private Run mergeToTape(List<Run> group) {
        LogicalTape out = tapes.createTape();
        trace("starting merge step {}: {} runs into tape {}: {}", mergeSteps + 1, group.size(), out.id(), elapsed());
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
        out.pause();
        mergeSteps++;
        trace("finished merge step {} ({} tuples, {} blocks in use): {}", mergeSteps, n, tapes.blocksUsed(), elapsed());
        return new Run(out, n);
    }

    /**
     * Advances to the next row: true with {@link #isNull()} / {@link #value()} describing it, false
     * at the end.
     */
    public boolean next() {
        if (nullsFirst && nullsLeft > 0) {
            nullsLeft--;
            return nullSlot();
        }
        if (!nullsDone) {
            switch (state) {
                case SORTED_IN_MEM -> {
                    if (current < count) return valueSlot(keys[current++]);
                }
                case FINAL_MERGE -> {
                    if (merge.hasNext()) {
                        long k = merge.top();
                        merge.advance();
                        return valueSlot(k);
                    }
                }
                default -> throw new IllegalStateException("sort is not ready to be read (state " + state + ")");
            }
            nullsDone = true;
        }
        if (nullsLeft > 0) {
            nullsLeft--;
            return nullSlot();
        }
        return false;
    }

    private boolean nullSlot() {
        isNull = true;
        return true;
    }

    private boolean valueSlot(long k) {
        isNull = false;
        value = descending ? ~k : k;
        return true;
    }

    private boolean isNull;

    public boolean isNull() { return isNull; }

    public long value() { return value; }

    /** Method and space for EXPLAIN ANALYZE (peak memory, or the temp file's size). */
    public SortStats stats() {
        if (tapes != null) return new SortStats(method, true, tapes.blocksUsed() * (LogicalTapeSet.BLCKSZ / 1024));
        return new SortStats(method, false, (peakBytes + 1023) / 1024);
    }

    /** Runs written to tapes (for tests and logs). */
    public int runsWritten() { return runsWritten; }

    public int mergeSteps() { return mergeSteps; }

    @Override
    public void close() {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        keys = null;
        if (merge != null) merge.close();
        merge = null;
        if (tapes != null) {
            trace("external sort ended, {} disk blocks used: {}", tapes.blocksUsed(), elapsed());
            tapes.close();
        } else {
            trace("internal sort ended, {} KB used: {}", (peakBytes + 1023) / 1024, elapsed());
        }
    }

    private String elapsed() {
        return String.format("elapsed: %.3f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private void trace(String format, Object... args) {
        if (options.traceSort()) log.info(format, args);
        else if (log.isDebugEnabled()) log.debug(format, args);
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
