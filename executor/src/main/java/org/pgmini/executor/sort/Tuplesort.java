package org.pgmini.executor.sort;

import org.pgmini.storage.tape.LogicalTape;
import org.pgmini.storage.tape.LogicalTapeSet;
import org.pgmini.storage.tape.SharedFileSet;
import org.pgmini.storage.tape.TapeExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A sort of tuples of type {@code T} (tuplesort.c): {@link #put} the tuples, {@link #performSort},
 * then read them with {@link #next} (and, with random access, {@link #previous},
 * {@link #rescan}, {@link #mark}/{@link #restore}). Always {@link #close} it (try-with-resources):
 * that removes its temp file whatever happened.
 *
 * <h2>Strategy</h2>
 * <ul>
 * <li>While everything fits in {@code work_mem}, tuples and their normalized key prefixes sit in
 *     two parallel arrays and are quicksorted ({@code quicksort}).</li>
 * <li>With a bound ({@code LIMIT}), once more than twice the bound is held (or memory runs out
 *     with more than the bound held), the sort keeps only the bound smallest in a max-heap
 *     ({@code top-N heapsort}).</li>
 * <li>Otherwise, when memory runs out, the tuples held are quicksorted and written as one run
 *     on a tape of their own, which is then paused (so it holds no buffer); this repeats
 *     (PostgreSQL 15's quicksorted runs, no replacement selection). At the end the runs are
 *     merged with a heap: while there are more runs than the merge order, the smallest ones are
 *     merged into a new run (Huffman-style, each step at most "merge order" runs); the final
 *     merge streams to the caller ({@code external merge}), or, for random access, is written to
 *     one tape that is frozen ({@code external sort}).</li>
 * </ul>
 *
 * <h2>Memory accounting</h2>
 * {@code used = slot arrays + tuple bytes + tape buffers}: a slot is 12 bytes (a {@code long}
 * prefix and a compressed reference), a tuple's bytes come from {@link SortTupleCodec#memoryBytes},
 * a tape being written costs one block, a tape being read its read-ahead buffer. The slot
 * arrays grow by doubling only while the growth fits in the budget. The merge order is
 * {@code work_mem / (8 blocks of read buffer + 1 block of tape overhead)}, at least 6 and at
 * most 500 (PostgreSQL's formula with 32 blocks; see {@link #MERGE_BUFFER_SIZE}); each input
 * of a merge gets an equal share of {@code work_mem} as read-ahead (whole blocks, 1 to 64, no
 * more than its run has).
 *
 * <h2>Parallel sort</h2>
 * {@link #beginWorker}: the worker sorts its share and, at {@link #performSort}, leaves exactly one
 * run on a tape of its own tape set in the leader's {@link SharedFileSet}, described by
 * {@link #workerResult()}. {@link #beginLeader} imports the workers' tapes as the runs of a sort
 * that only merges.
 *
 * <p>Not thread-safe; one sort belongs to one executor node.
 */
public final class Tuplesort<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tuplesort.class);

    static final int SLOT_BYTES = 12;
    private static final int INITIAL_SLOTS = 1024;
    static final int MIN_ORDER = 6;
    static final int MAX_ORDER = 500;
    /**
     * Read-ahead assumed per merge input when choosing the merge order. PostgreSQL assumes 32
     * blocks (tuned for seeks on spinning disks); with 8 a 4MB sort merges ~56 runs at once
     * instead of 15, which on 2M int8 rows removed two intermediate merge steps and halved the
     * time (temp files mostly live in the page cache or on SSDs).
     */
    private static final long MERGE_BUFFER_SIZE = 8L * LogicalTapeSet.BLCKSZ;
    private static final long TAPE_BUFFER_OVERHEAD = LogicalTapeSet.BLCKSZ;

    private enum State { INITIAL, BOUNDED, BUILD_RUNS, SORTED_IN_MEM, SORTED_ON_TAPE, FINAL_MERGE, WORKER_DONE, CLOSED }

    private record Run(LogicalTape tape, long tuples, long bytes) {}

    private final SortOrdering<T> ordering;
    private final SortTupleCodec<T> codec;
    private final SortOptions options;
    private final Comparator<Object> cmp;
    private final boolean prefixDecides;
    private final long allowedMem;
    private final long startNanos = System.nanoTime();
    private final String who;

    private State state = State.INITIAL;
    private SortMethod method = SortMethod.STILL_IN_PROGRESS;

    // in-memory tuples
    private long[] keys;
    private Object[] tuples;
    private KeyedArrays arrays;
    private int count;
    private long bound = -1;

    // memory accounting (bytes)
    private long arrayBytes;
    private long tupleBytes;
    private long bufferBytes;
    private long peakBytes;

    // external sort
    private LogicalTapeSet tapes;
    private final List<Run> runs = new ArrayList<>();
    private final TapeTupleIO<T> tapeIO;
    private int runsWritten;
    private int mergeSteps;

    // final merge
    private LogicalTape[] mergeInputs;
    private MergeHeap mergeHeap;

    // reading
    private LogicalTape resultTape;
    private int current;
    private boolean eofReached;
    private long tuplesPut;

    // parallel
    private final SharedFileSet sharedFileSet;
    private final String workerFileName;
    private final boolean leader;
    private TapeExport workerExport;

    @SuppressWarnings("unchecked")
    private Tuplesort(SortOrdering<T> ordering, SortTupleCodec<T> codec, SortOptions options,
                      SharedFileSet fs, String workerFileName, boolean leader) {
        this.ordering = Objects.requireNonNull(ordering);
        this.codec = Objects.requireNonNull(codec);
        this.options = options;
        this.cmp = (Comparator<Object>) (Comparator<?>) ordering;
        this.prefixDecides = ordering.prefixDecides();
        this.allowedMem = options.workMemKB() * 1024L;
        this.sharedFileSet = fs;
        this.workerFileName = workerFileName;
        this.leader = leader;
        this.who = workerFileName != null ? "worker " + workerFileName + " " : leader ? "leader " : "";
        this.tapeIO = new TapeTupleIO<>(codec, options.randomAccess());
        trace("{}begin tuple sort: nkeys = {}, workMem = {}, randomAccess = {}", who, ordering.keyCount(),
                options.workMemKB(), options.randomAccess() ? "t" : "f");
    }

    /** A serial sort. */
    public static <T> Tuplesort<T> begin(SortOrdering<T> ordering, SortTupleCodec<T> codec, SortOptions options) {
        Tuplesort<T> s = new Tuplesort<>(ordering, codec, options, null, null, false);
        s.allocateSlots(INITIAL_SLOTS);
        return s;
    }

    /**
     * A parallel worker's sort: its result is one run in the file {@code fileName} of the
     * leader's shared fileset ({@link #workerResult()} after {@link #performSort}).
     */
    public static <T> Tuplesort<T> beginWorker(SortOrdering<T> ordering, SortTupleCodec<T> codec, SortOptions options,
                                               SharedFileSet fileset, String fileName) {
        if (options.randomAccess()) throw new IllegalArgumentException("a worker's sort has no random access");
        Tuplesort<T> s = new Tuplesort<>(ordering, codec, options, Objects.requireNonNull(fileset), Objects.requireNonNull(fileName), false);
        s.allocateSlots(INITIAL_SLOTS);
        return s;
    }

    /** The leader's sort: merges the runs the workers exported; takes no tuples of its own. */
    public static <T> Tuplesort<T> beginLeader(SortOrdering<T> ordering, SortTupleCodec<T> codec, SortOptions options,
                                               SharedFileSet fileset, List<TapeExport> workerRuns) {
        Tuplesort<T> s = new Tuplesort<>(ordering, codec, options, fileset, null, true);
        s.tapes = LogicalTapeSet.importTapes(fileset, workerRuns, options.tempFileOwner());
        List<LogicalTape> imported = s.tapes.importedTapes();
        for (int i = 0; i < imported.size(); i++) {
            s.runs.add(new Run(imported.get(i), -1, workerRuns.get(i).sizeBytes()));
        }
        s.state = State.BUILD_RUNS;
        s.trace("{}imported {} worker runs, {} blocks", s.who, imported.size(), s.tapes.blocksUsed());
        return s;
    }

    /**
     * Only the first {@code n} tuples of the result will be fetched (LIMIT + OFFSET): allows
     * the top-N heap. Must be called before the first {@link #put}.
     */
    public void setBound(long n) {
        if (state != State.INITIAL || count != 0 || tuplesPut != 0) throw new IllegalStateException("bound must be set before the first tuple");
        if (sharedFileSet != null) throw new IllegalStateException("a parallel sort cannot be bounded");
        if (n < 0) throw new IllegalArgumentException("negative bound");
        bound = n > Integer.MAX_VALUE / 2 ? -1 : n;
    }

    /** Adds a tuple. The sort keeps a reference: the caller must not change it afterwards. */
    public void put(T tuple) {
        if (leader) throw new IllegalStateException("the leader of a parallel sort takes no tuples");
        long key = ordering.prefix(tuple);
        long mem = codec.memoryBytes(tuple);
        if ((++tuplesPut & 4095) == 0) options.interruptCheck().run();
        switch (state) {
            case INITIAL -> {
                if (count == keys.length && !growSlots()) {
                    if (bound >= 0 && count > bound) {
                        makeBoundedHeap();
                        putBounded(key, tuple, mem);
                        return;
                    }
                    switchToExternal();
                    addInMemory(key, tuple, mem);
                    if (lackMem()) dumpRun();
                    return;
                }
                addInMemory(key, tuple, mem);
                if (bound >= 0 && (count > 2 * bound || (count > bound && lackMem()))) {
                    makeBoundedHeap();
                    return;
                }
                if (lackMem()) switchToExternal();
            }
            case BOUNDED -> putBounded(key, tuple, mem);
            case BUILD_RUNS -> {
                if (count == keys.length && !growSlots()) dumpRun();
                addInMemory(key, tuple, mem);
                if (lackMem()) dumpRun();
            }
            default -> throw new IllegalStateException("cannot add tuples to a sort in state " + state);
        }
    }

    private void addInMemory(long key, T tuple, long mem) {
        keys[count] = key;
        tuples[count] = tuple;
        count++;
        tupleBytes += mem;
        notePeak();
    }

    private long usedBytes() { return arrayBytes + tupleBytes + bufferBytes; }

    private boolean lackMem() { return usedBytes() > allowedMem; }

    private void notePeak() {
        long u = usedBytes();
        if (u > peakBytes) peakBytes = u;
    }

    private void allocateSlots(int n) {
        keys = keys == null ? new long[n] : Arrays.copyOf(keys, n);
        tuples = tuples == null ? new Object[n] : Arrays.copyOf(tuples, n);
        arrayBytes = (long) n * SLOT_BYTES;
        arrays = new KeyedArrays(keys, tuples, cmp, prefixDecides);
        notePeak();
    }

    /** Doubles the slot arrays if the budget allows (grow_memtuples); false if it does not. */
    private boolean growSlots() {
        int cap = keys.length;
        if (cap >= Integer.MAX_VALUE / 2 - 16) return false;
        long extra = (long) cap * SLOT_BYTES;
        if (usedBytes() + extra > allowedMem) return false;
        allocateSlots(cap * 2);
        return true;
    }

    // ---- top-N ----

    private void makeBoundedHeap() {
        int b = (int) bound;
        trace("{}switching to bounded heapsort at {} tuples: {}", who, count, elapsed());
        if (b == 0) {
            for (int i = 0; i < count; i++) tuples[i] = null;
            count = 0;
            tupleBytes = 0;
        } else {
            int held = count;
            count = b;
            arrays.heapifyMax(b);
            for (int i = b; i < held; i++) {
                @SuppressWarnings("unchecked") T t = (T) tuples[i];
                long k = keys[i];
                tuples[i] = null;
                tupleBytes -= codec.memoryBytes(t);
                putBounded(k, t, codec.memoryBytes(t));
            }
        }
        state = State.BOUNDED;
    }

    private void putBounded(long key, T tuple, long mem) {
        if (count == 0) return;
        // keep it only if it sorts before the greatest tuple kept (the heap's root)
        if (arrays.compareCandidate(key, tuple, 0) >= 0) return;
        @SuppressWarnings("unchecked") T old = (T) tuples[0];
        tupleBytes += mem - codec.memoryBytes(old);
        keys[0] = key;
        tuples[0] = tuple;
        arrays.siftDownMax(0, 0, count);
        notePeak();
    }

    // ---- runs ----

    private void switchToExternal() {
        tapes = openTapeSet();
        bufferBytes += LogicalTapeSet.BLCKSZ; // the buffer of the tape a run is written to
        state = State.BUILD_RUNS;
        trace("{}switching to external sort after {} tuples: {}", who, tuplesPut, elapsed());
        dumpRun();
    }

    private LogicalTapeSet openTapeSet() {
        if (workerFileName != null) return LogicalTapeSet.createShared(sharedFileSet, workerFileName);
        if (options.tempFileOwner() != null) return LogicalTapeSet.create(options.tempFileOwner());
        return LogicalTapeSet.create(options.dataDir());
    }

    /** Quicksorts the tuples held and writes them as a new run on a tape of their own. */
    private void dumpRun() {
        if (count == 0) return;
        arrays.sort(0, count);
        LogicalTape tape = tapes.createTape();
        for (int i = 0; i < count; i++) {
            @SuppressWarnings("unchecked") T t = (T) tuples[i];
            tapeIO.write(tape, t);
            tuples[i] = null;
            if ((i & 4095) == 4095) options.interruptCheck().run();
        }
        tape.pause();
        runs.add(new Run(tape, count, tape.size()));
        runsWritten++;
        trace("{}finished writing run {} to tape {} ({} tuples): {}", who, runsWritten, tape.id(), count, elapsed());
        count = 0;
        tupleBytes = 0;
    }

    // ---- performsort ----

    /** All tuples are in: sort them (or finish the runs and prepare the final merge). */
    public void performSort() {
        trace("{}performsort of {} tuples starting: {}", who, tuplesPut, elapsed());
        switch (state) {
            case INITIAL -> {
                if (workerFileName != null) {
                    tapes = openTapeSet();
                    bufferBytes += LogicalTapeSet.BLCKSZ;
                    dumpRun();
                    finishWorker();
                } else {
                    arrays.sort(0, count);
                    state = State.SORTED_IN_MEM;
                    method = SortMethod.QUICKSORT;
                }
            }
            case BOUNDED -> {
                arrays.sortMaxHeap(count);
                state = State.SORTED_IN_MEM;
                method = SortMethod.TOP_N_HEAPSORT;
            }
            case BUILD_RUNS -> {
                dumpRun();
                mergeRuns();
            }
            default -> throw new IllegalStateException("performSort in state " + state);
        }
        current = 0;
        eofReached = false;
        trace("{}performsort done ({}): {}", who, method.label(), elapsed());
    }

    /** PostgreSQL's tuplesort_merge_order with a smaller per-input buffer, capped by {@link SortOptions#maxMergeOrder}. */
    static int mergeOrder(long allowedMem, int cap) {
        long order = allowedMem / (MERGE_BUFFER_SIZE + TAPE_BUFFER_OVERHEAD);
        order = Math.max(MIN_ORDER, Math.min(MAX_ORDER, order));
        return (int) Math.min(order, cap);
    }

    private void mergeRuns() {
        // the slot arrays are not needed any more
        keys = null;
        tuples = null;
        arrays = null;
        arrayBytes = 0;
        int order = mergeOrder(allowedMem, options.maxMergeOrder());
        int target = workerFileName != null || options.randomAccess() ? 1 : order;
        while (runs.size() > target) {
            int g = Math.min(order, runs.size() - target + 1);
            runs.sort(Comparator.comparingLong(Run::bytes));
            List<Run> group = new ArrayList<>(runs.subList(0, g));
            runs.subList(0, g).clear();
            runs.add(mergeToTape(group));
        }
        if (workerFileName != null) {
            finishWorker();
        } else if (options.randomAccess()) {
            resultTape = runs.isEmpty() ? tapes.createTape() : runs.get(0).tape();
            resultTape.freeze();
            bufferBytes = resultTape.bufferBytes();
            notePeak();
            state = State.SORTED_ON_TAPE;
            method = SortMethod.EXTERNAL_SORT;
        } else {
            startFinalMerge();
        }
    }

    private int readBufferBytes(int inputs, boolean withOutput) {
        long avail = allowedMem - (withOutput ? LogicalTapeSet.BLCKSZ : 0);
        long per = avail / inputs / LogicalTapeSet.BLCKSZ * LogicalTapeSet.BLCKSZ;
        return (int) Math.max(LogicalTapeSet.BLCKSZ, Math.min(per, 64L * LogicalTapeSet.BLCKSZ));
    }

    private MergeHeap openInputs(List<Run> group, int bufferSize) {
        mergeInputs = new LogicalTape[group.size()];
        MergeHeap heap = new MergeHeap(group.size(), cmp, prefixDecides);
        bufferBytes = 0;
        for (int i = 0; i < group.size(); i++) {
            LogicalTape tape = group.get(i).tape();
            // no more read-ahead than the run has blocks
            long runBlocks = group.get(i).bytes() / LogicalTapeSet.DATA_SIZE + 1;
            tape.rewindForRead((int) Math.min(bufferSize, runBlocks * LogicalTapeSet.BLCKSZ));
            bufferBytes += tape.bufferBytes();
            mergeInputs[i] = tape;
        }
        for (int i = 0; i < mergeInputs.length; i++) {
            T t = tapeIO.read(mergeInputs[i]);
            if (t != null) heap.add(ordering.prefix(t), t, i);
        }
        notePeak();
        return heap;
    }

    private Run mergeToTape(List<Run> group) {
        LogicalTape out = tapes.createTape();
        trace("{}starting merge step {}: {} runs into tape {}: {}", who, mergeSteps + 1, group.size(), out.id(), elapsed());
        MergeHeap heap = openInputs(group, readBufferBytes(group.size(), true));
        bufferBytes += LogicalTapeSet.BLCKSZ;
        notePeak();
        long n = 0;
        while (heap.size() > 0) {
            @SuppressWarnings("unchecked") T t = (T) heap.topTuple();
            tapeIO.write(out, t);
            advance(heap);
            if ((++n & 4095) == 0) options.interruptCheck().run();
        }
        for (LogicalTape in : mergeInputs) in.close();
        mergeInputs = null;
        out.pause();
        bufferBytes = 0;
        mergeSteps++;
        trace("{}finished merge step {} ({} tuples, {} blocks in use): {}", who, mergeSteps, n, tapes.blocksUsed(), elapsed());
        return new Run(out, n, out.size());
    }

    /** Replaces the heap's top with the next tuple of the same input, or drops it if that input is done. */
    private void advance(MergeHeap heap) {
        int src = heap.topSource();
        T next = tapeIO.read(mergeInputs[src]);
        if (next == null) heap.removeTop();
        else heap.replaceTop(ordering.prefix(next), next);
    }

    private void startFinalMerge() {
        tapes.forgetFreeSpace();
        trace("{}starting final merge of {} runs: {}", who, runs.size(), elapsed());
        mergeHeap = openInputs(runs, readBufferBytes(Math.max(1, runs.size()), false));
        state = State.FINAL_MERGE;
        method = SortMethod.EXTERNAL_MERGE;
    }

    private void finishWorker() {
        LogicalTape tape;
        if (runs.isEmpty()) {
            tape = tapes.createTape();
            tape.pause();
        } else {
            tape = runs.get(0).tape();
        }
        workerExport = tape.export();
        bufferBytes = 0;
        state = State.WORKER_DONE;
        method = SortMethod.EXTERNAL_SORT;
    }

    /** The run a worker left for its leader (after {@link #performSort}). */
    public TapeExport workerResult() {
        if (state != State.WORKER_DONE) throw new IllegalStateException("not a finished worker sort");
        return workerExport;
    }

    // ---- reading ----

    /** The next tuple in sort order, or null at the end. */
    @SuppressWarnings("unchecked")
    public T next() {
        switch (state) {
            case SORTED_IN_MEM -> {
                if (current < count) return (T) tuples[current++];
                eofReached = true;
                return null;
            }
            case SORTED_ON_TAPE -> {
                if (eofReached) return null;
                T t = tapeIO.read(resultTape);
                if (t == null) eofReached = true;
                return t;
            }
            case FINAL_MERGE -> {
                if (mergeHeap.size() == 0) {
                    eofReached = true;
                    return null;
                }
                T t = (T) mergeHeap.topTuple();
                advance(mergeHeap);
                return t;
            }
            default -> throw new IllegalStateException("sort is not ready to be read (state " + state + ")");
        }
    }

    /**
     * Backward fetch (random access only), with PostgreSQL's semantics: after the end was
     * reached it returns the last tuple, otherwise the tuple before the one returned last;
     * null at the start.
     */
    @SuppressWarnings("unchecked")
    public T previous() {
        requireRandomAccess("backward scan");
        switch (state) {
            case SORTED_IN_MEM -> {
                if (current <= 0) return null;
                if (eofReached) {
                    eofReached = false;
                } else {
                    current--;
                    if (current <= 0) return null;
                }
                return (T) tuples[current - 1];
            }
            case SORTED_ON_TAPE -> {
                if (eofReached) {
                    eofReached = false;
                } else if (!tapeIO.stepBack(resultTape)) {
                    return null;
                }
                if (!tapeIO.stepBack(resultTape)) return null;
                return tapeIO.read(resultTape);
            }
            default -> throw new IllegalStateException("backward scan in state " + state);
        }
    }

    /** Back to the first tuple (random access, or an in-memory result). */
    public void rescan() {
        switch (state) {
            case SORTED_IN_MEM -> current = 0;
            case SORTED_ON_TAPE -> resultTape.rewind();
            default -> throw new IllegalStateException("cannot rescan a sort without random access");
        }
        eofReached = false;
    }

    public SortMark mark() {
        return switch (state) {
            case SORTED_IN_MEM -> new SortMark(current, null, eofReached);
            case SORTED_ON_TAPE -> new SortMark(-1, resultTape.tell(), eofReached);
            default -> throw new IllegalStateException("cannot mark a position of a sort without random access");
        };
    }

    public void restore(SortMark m) {
        switch (state) {
            case SORTED_IN_MEM -> current = m.index();
            case SORTED_ON_TAPE -> resultTape.seek(m.tapePosition());
            default -> throw new IllegalStateException("cannot restore a position of a sort without random access");
        }
        eofReached = m.eof();
    }

    private void requireRandomAccess(String what) {
        if (!options.randomAccess()) throw new IllegalStateException(what + " requires a random-access sort");
    }

    // ---- statistics ----

    /** Method and space as EXPLAIN ANALYZE reports them. */
    public SortStats stats() {
        if (tapes != null) return new SortStats(method, true, tapes.blocksUsed() * (LogicalTapeSet.BLCKSZ / 1024));
        return new SortStats(method, false, (peakBytes + 1023) / 1024);
    }

    /** Tuples given to {@link #put}. */
    public long tuplesPut() { return tuplesPut; }

    /** Runs written to tapes, merge steps done (for tests and logs). */
    public int runsWritten() { return runsWritten; }

    public int mergeSteps() { return mergeSteps; }

    // ---- end ----

    /** Releases memory and removes the temp file (also after an error). Safe to call twice. */
    @Override
    public void close() {
        if (state == State.CLOSED) return;
        SortStats st = stats();
        state = State.CLOSED;
        keys = null;
        tuples = null;
        arrays = null;
        mergeHeap = null;
        mergeInputs = null;
        if (tapes != null) {
            trace("{}external sort ended, {} disk blocks used: {}", who, tapes.blocksUsed(), elapsed());
            tapes.close();
        } else {
            trace("{}internal sort ended, {} KB used: {}", who, st.spaceKB(), elapsed());
        }
    }

    private String elapsed() {
        return String.format("elapsed: %.3f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private void trace(String format, Object... args) {
        if (options.traceSort()) log.info(format, args);
        else if (log.isDebugEnabled()) log.debug(format, args);
    }
}
