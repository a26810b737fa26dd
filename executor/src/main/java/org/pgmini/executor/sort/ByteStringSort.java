package org.pgmini.executor.sort;

import org.pgmini.storage.tape.LogicalTape;
import org.pgmini.storage.tape.LogicalTapeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A datum sort of byte strings (text in the C collation as UTF-8, whose unsigned byte order is
 * code point order — PostgreSQL's {@code memcmp} — or bytea), for one-column results.
 *
 * <h2>Memory layout</h2>
 * The bytes of all strings held sit back to back in one {@code byte[]} arena (like tuples in a
 * memory context), and each string has a slot of two {@code long}s and an {@code int}: its
 * normalized prefix (first 8 bytes, big-endian, sign-flipped; inverted for DESC), a reference
 * {@code offset << 32 | length} into the arena, and room for the prefix bits the packed sort
 * leaves out. Sorting touches the prefix arrays and, on full prefix ties only, the arena —
 * which is compact, so a run's strings stay in cache while they are sorted and written, and there
 * is no object per row for the garbage collector. Memory used = slot arrays + arena; both grow by
 * doubling while {@code work_mem} allows (at least one string is always taken, as PostgreSQL does).
 *
 * <h2>Runs and merging</h2>
 * When memory is full, the slots are sorted ({@link #sortSlots}: a radix-assisted sort of the
 * prefixes with the slot index packed in, ties ordered by the dropped bits, then the strings)
 * and the strings
 * written in order as {@code int32 length, bytes} to a tape of their own, which is paused. Merges
 * read each input through a buffer that holds whole strings (a string is compared in place in its
 * input's buffer, never copied out), with a binary heap over the inputs; as in {@link Tuplesort},
 * the smallest runs are merged first while there are more than the merge order, and the last
 * merge streams into {@link #next}. If everything fits in memory, the same slot sort is the
 * result ({@code quicksort} for EXPLAIN, as PostgreSQL names its in-memory sort).
 *
 * <p>NULLs are counted and come out first or last. No bound, no random access, not parallel: the
 * general {@link Tuplesort} covers those. Not thread-safe; {@link #close} removes the temp file.
 */
public final class ByteStringSort extends DatumSort {
    private static final Logger log = LoggerFactory.getLogger(ByteStringSort.class);
    private static final int INITIAL_SLOTS = 1024;
    private static final int INITIAL_ARENA = 32 * 1024;
    /** Per string: prefix and reference ({@code long}s) and the tie-breaking low prefix bits ({@code int}). */
    private static final int SLOT_BYTES = 20;
    private static final int INSERTION_THRESHOLD = 16;
    private static final int STAGING = 8192;
    private static final int MIN_INPUT_BUFFER = 8192;
    /** Cap of an input's tape read-ahead and of its string buffer, each. */
    private static final int MAX_INPUT_BUFFER = 128 * 1024;

    private long[] prefixes = new long[INITIAL_SLOTS];
    private long[] refs = new long[INITIAL_SLOTS];
    /** Per slot, the differing prefix bits that packing leaves out (see {@link #sortSlots}). */
    private int[] lowBits = new int[INITIAL_SLOTS];
    private byte[] arena = new byte[INITIAL_ARENA];
    private int arenaUsed;
    private int count;

    private final byte[] staging = new byte[STAGING];

    // reading
    private int current;
    private Merge merge;
    private byte[] outBuf;
    private int outOff;
    private int outLen;

    public ByteStringSort(SortOptions options, boolean descending, boolean nullsFirst) {
        super(options, descending, nullsFirst, log);
        peakBytes = (long) INITIAL_SLOTS * SLOT_BYTES + INITIAL_ARENA;
    }

    private long usedBytes() { return (long) prefixes.length * SLOT_BYTES + arena.length; }

    /** Adds a copy of {@code len} bytes at {@code off}. */
    public void put(byte[] b, int off, int len) {
        int at = reserve(len);
        System.arraycopy(b, off, arena, at, len);
        addSlot(at, len);
    }

    /**
     * Adds a string as its UTF-8 bytes. An ASCII string (the usual case) is copied char by char
     * straight into the arena, without the intermediate {@code byte[]} of
     * {@link String#getBytes} (an allocation and a copy per row of a 10M-row sort).
     */
    public void put(String v) {
        int n = v.length();
        int at = reserve(n);
        byte[] a = arena;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                // not ASCII: the reservation is simply not used (nothing was added yet)
                put--;
                put(v.getBytes(StandardCharsets.UTF_8));
                return;
            }
            a[at + i] = (byte) c;
        }
        addSlot(at, n);
    }

    /** Makes room for a slot and {@code len} arena bytes (writing a run if memory is full); returns the arena offset. */
    private int reserve(int len) {
        countPut();
        if (count == prefixes.length && !growSlots()) dumpRun();
        if (arena.length - arenaUsed < len && !growArena(len)) {
            dumpRun();
            if (arena.length < len) arena = new byte[Math.max(arena.length, len)]; // one string always fits
        }
        return arenaUsed;
    }

    /** Fills the next slot for the {@code len} bytes just copied to {@code arena[at]}. */
    private void addSlot(int at, int len) {
        long p = prefixOf(arena, at, len) ^ Long.MIN_VALUE;
        if (descending) p = ~p;
        prefixes[count] = p;
        refs[count] = (long) at << 32 | len;
        arenaUsed = at + len;
        count++;
        peakBytes = Math.max(peakBytes, usedBytes());
    }

    public void put(byte[] b) { put(b, 0, b.length); }

    private boolean growSlots() {
        int cap = prefixes.length;
        long room = allowedMem - usedBytes();
        int extra = (int) Math.min(cap, Math.min(Integer.MAX_VALUE / 2 - cap, room / SLOT_BYTES));
        if (extra < Math.max(16, cap / 8)) return false;
        prefixes = Arrays.copyOf(prefixes, cap + extra);
        refs = Arrays.copyOf(refs, cap + extra);
        lowBits = Arrays.copyOf(lowBits, cap + extra);
        return true;
    }

    private boolean growArena(int need) {
        long room = allowedMem - usedBytes();
        long want = Math.max((long) arena.length, need);
        long extra = Math.min(want, room);
        // growing by less than an eighth would copy the arena again and again near the budget
        if (extra < Math.max(need, arena.length / 8) || arenaUsed + need > arena.length + extra
                || arena.length + extra > Integer.MAX_VALUE - 16) return false;
        arena = Arrays.copyOf(arena, (int) (arena.length + extra));
        return true;
    }

    /** The first 8 bytes of a string as an unsigned big-endian number (zero-padded). */
    static long prefixOf(byte[] b, int off, int len) {
        if (len >= 8) return (long) ByteStringDatum.LONG_BE.get(b, off);
        long acc = 0;
        for (int i = 0; i < len; i++) acc = (acc << 8) | (b[off + i] & 0xFF);
        return acc << (8 * (8 - len));
    }

    // ---- sorting the slots ----

    /** Bits of a packed slot index in this sort (see {@link #sortSlots}). */
    private int indexBits;
    private long indexMask;

    /**
     * Sorts the slots: each slot's index is packed under the top bits of its prefix (as many
     * index bits as the slot count needs, 21 for 2M strings), those {@code long}s are sorted as
     * plain numbers ({@link RadixLongSort}: no comparator calls, few branch misses; reading 10M
     * strings into 4MB runs took 2.1 s instead of 3.4 s with a comparing quicksort), and then
     * each group of equal top bits is ordered ({@link #orderTiedGroups}). The result is a
     * permutation in {@code prefixes}; {@link #refAt} reads through it.
     *
     * <p>The top bits hold only prefix bits that differ between the strings of this sort
     * ({@link BitGather}): bits equal in all of them order nothing. ASCII text leaves at least
     * one bit of each byte unused, hex digits two or more, so 43 bits then hold 7 characters
     * instead of 5 and the tie groups all but disappear. The differing bits that do not fit go
     * to {@code lowBits} (at most as many as the index bits, so at most 31).
     */
    private void sortSlots() {
        int n = count;
        indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        indexMask = (1L << indexBits) - 1;
        long[] p = prefixes;
        int[] low = lowBits;
        long or = 0, and = -1;
        for (int i = 0; i < n; i++) {
            // prefixes are kept in signed order; their unsigned view orders like the bytes
            long u = p[i] ^ Long.MIN_VALUE;
            or |= u;
            and &= u;
        }
        long differing = or ^ and;
        BitGather high = new BitGather(differing, 64 - indexBits);
        BitGather rest = new BitGather(differing & ~high.takenMask(), 31);
        int up = 64 - high.width();
        for (int i = 0; i < n; i++) {
            long u = p[i] ^ Long.MIN_VALUE;
            long top = high.width() == 0 ? 0 : high.gather(u) << up;
            low[i] = (int) rest.gather(u);
            p[i] = (top | i) ^ Long.MIN_VALUE;
        }
        RadixLongSort.sort(p, 0, n);
        orderTiedGroups();
    }

    /**
     * Orders the groups of packed slots that share their top bits. Resolving such a tie through
     * {@code refs} and the arena costs two dependent cache misses per comparison (a third of
     * the time of the 10M text sort when the top bits held only the first 5 bytes), so the
     * differing prefix bits that did not fit are compared first, from {@code lowBits} (an
     * {@code int[]} a quarter the size of the arena that mostly stays in cache), and only equal
     * full 8-byte prefixes compare the strings.
     */
    private void orderTiedGroups() {
        long[] p = prefixes;
        int n = count;
        int shift = indexBits;
        int i = 0;
        while (i < n) {
            long top = p[i] >> shift;
            int j = i + 1;
            while (j < n && p[j] >> shift == top) j++;
            if (j - i > 1) sortGroup(i, j, 2 * (32 - Integer.numberOfLeadingZeros(j - i)));
            i = j;
        }
    }

    /** The reference of the {@code i}-th slot in sorted order. */
    private long refAt(int i) {
        return refs[(int) (prefixes[i] & indexMask)];
    }

    /** Compares packed positions {@code a} and {@code b} of one group: the left-out prefix bits, then the strings. */
    private int compareInGroup(int a, int b) {
        int ia = (int) (prefixes[a] & indexMask), ib = (int) (prefixes[b] & indexMask);
        int la = lowBits[ia], lb = lowBits[ib];
        if (la != lb) return la < lb ? -1 : 1;
        return tie(refs[ia], refs[ib]);
    }

    private int tie(long ra, long rb) {
        int oa = (int) (ra >>> 32), la = (int) ra, ob = (int) (rb >>> 32), lb = (int) rb;
        int c = Arrays.compareUnsigned(arena, oa, oa + la, arena, ob, ob + lb);
        return descending ? -c : c;
    }

    private void swapInGroup(int i, int j) {
        long t = prefixes[i];
        prefixes[i] = prefixes[j];
        prefixes[j] = t;
    }

    /**
     * Orders packed positions {@code [lo, hi)} of one group: quicksort with the pivot kept at
     * {@code lo}, insertion sort when small, heapsort when {@code depth} runs out (so that no
     * input makes it quadratic).
     */
    private void sortGroup(int lo, int hi, int depth) {
        while (hi - lo > INSERTION_THRESHOLD) {
            if (depth-- == 0) {
                heapsortGroup(lo, hi);
                return;
            }
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot, moved to lo
            if (compareInGroup(mid, lo) < 0) swapInGroup(mid, lo);
            if (compareInGroup(hi - 1, lo) < 0) swapInGroup(hi - 1, lo);
            if (compareInGroup(hi - 1, mid) < 0) swapInGroup(hi - 1, mid);
            swapInGroup(lo, mid);
            // Hoare partition against the pivot at lo (equal keys stop both scans, so duplicates
            // split evenly); the pivot then goes between the halves
            int i = lo, j = hi;
            while (true) {
                do i++; while (i < hi && compareInGroup(i, lo) < 0);
                do j--; while (compareInGroup(j, lo) > 0);
                if (i >= j) break;
                swapInGroup(i, j);
            }
            swapInGroup(lo, j);
            // [lo, j) <= pivot at j <= (j, hi): recurse into the smaller side
            if (j - lo < hi - j - 1) {
                sortGroup(lo, j, depth);
                lo = j + 1;
            } else {
                sortGroup(j + 1, hi, depth);
                hi = j;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            for (int j = i; j > lo && compareInGroup(j - 1, j) > 0; j--) swapInGroup(j - 1, j);
        }
    }

    private void heapsortGroup(int lo, int hi) {
        int n = hi - lo;
        for (int i = n / 2 - 1; i >= 0; i--) siftDownGroup(lo, i, n);
        for (int end = n - 1; end > 0; end--) {
            swapInGroup(lo, lo + end);
            siftDownGroup(lo, 0, end);
        }
    }

    private void siftDownGroup(int base, int i, int n) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) return;
            int big = l + 1 < n && compareInGroup(base + l + 1, base + l) > 0 ? l + 1 : l;
            if (compareInGroup(base + big, base + i) <= 0) return;
            swapInGroup(base + i, base + big);
            i = big;
        }
    }

    // ---- runs ----

    private void dumpRun() {
        runs.goExternal(put);
        if (count == 0) return;
        sortSlots();
        LogicalTape tape = runs.newTape();
        RunWriter w = new RunWriter(tape);
        for (int i = 0; i < count; i++) {
            long r = refAt(i);
            w.write(arena, (int) (r >>> 32), (int) r);
            if ((i & 4095) == 4095) options.interruptCheck().run();
        }
        w.finish();
        runs.addRun(tape, count);
        count = 0;
        arenaUsed = 0;
    }

    /** Writes {@code int32 length, bytes} records to a tape through a block-sized staging buffer. */
    private final class RunWriter {
        private final LogicalTape tape;
        private int p;

        RunWriter(LogicalTape tape) { this.tape = tape; }

        void write(byte[] b, int off, int len) {
            if (STAGING - p < 4 + len) {
                tape.write(staging, 0, p);
                p = 0;
                if (4 + len > STAGING) {
                    ByteSink.INT.set(staging, 0, len);
                    tape.write(staging, 0, 4);
                    tape.write(b, off, len);
                    return;
                }
            }
            ByteSink.INT.set(staging, p, len);
            System.arraycopy(b, off, staging, p + 4, len);
            p += 4 + len;
        }

        void finish() {
            tape.write(staging, 0, p);
            p = 0;
        }
    }

    @Override
    protected void sortInMemory() {
        sortSlots();
        current = 0;
    }

    @Override
    protected void finishRuns() {
        dumpRun();
        prefixes = null;
        refs = null;
        lowBits = null;
        arena = null;
        merge = openMerge(runs.planMerges(allowedMem, this::mergeToTape), false);
    }

    private Merge openMerge(List<DatumRuns.Run> group, boolean withOutput) {
        int inputs = Math.max(1, group.size());
        long avail = allowedMem - (withOutput ? STAGING + LogicalTapeSet.BLCKSZ : 0);
        long per = avail / inputs;
        // half of an input's share is the tape's read-ahead (whole blocks, read from the file
        // in one go), half the buffer its strings are compared in
        int tapeBytes = (int) Math.max(LogicalTapeSet.BLCKSZ, Math.min(per / 2, MAX_INPUT_BUFFER) / LogicalTapeSet.BLCKSZ * LogicalTapeSet.BLCKSZ);
        int bufferBytes = (int) Math.max(MIN_INPUT_BUFFER, Math.min(per - tapeBytes, MAX_INPUT_BUFFER));
        Merge m = new Merge(group.size());
        long used = 0;
        for (DatumRuns.Run r : group) {
            r.tape().rewindForRead((int) Math.min(tapeBytes, r.bytes() + LogicalTapeSet.BLCKSZ));
            Input in = new Input(r.tape(), (int) Math.min(bufferBytes, Math.max(MIN_INPUT_BUFFER, r.bytes())));
            used += r.tape().bufferBytes() + in.buf.length;
            m.add(in);
        }
        peakBytes = Math.max(peakBytes, used);
        m.start();
        return m;
    }

    private DatumRuns.Run mergeToTape(List<DatumRuns.Run> group) {
        LogicalTape out = runs.newTape();
        Merge m = openMerge(group, true);
        RunWriter w = new RunWriter(out);
        long n = 0;
        while (m.hasNext()) {
            Input top = m.top();
            w.write(top.buf, top.off, top.len);
            m.advance();
            if ((++n & 4095) == 0) options.interruptCheck().run();
        }
        w.finish();
        m.close();
        return new DatumRuns.Run(out, n, out.size());
    }

    // ---- reading ----

    /** Current string: the bytes at {@link #bytes()}, {@link #offset()}, {@link #length()}, valid until the next call of {@link #next}. */
    @Override
    protected boolean nextValue() {
        if (state == State.SORTED_IN_MEM) {
            if (current >= count) return false;
            long r = refAt(current++);
            return value(arena, (int) (r >>> 32), (int) r);
        }
        if (merge.pendingAdvance) merge.advance();
        if (!merge.hasNext()) return false;
        Input top = merge.top();
        merge.pendingAdvance = true; // its bytes stay valid until the next call
        return value(top.buf, top.off, top.len);
    }

    private boolean value(byte[] b, int off, int len) {
        outBuf = b;
        outOff = off;
        outLen = len;
        return true;
    }

    public byte[] bytes() { return outBuf; }

    public int offset() { return outOff; }

    public int length() { return outLen; }

    @Override
    protected void release() {
        prefixes = null;
        refs = null;
        lowBits = null;
        arena = null;
        if (merge != null) merge.close();
        merge = null;
    }

    /**
     * One merge input: a buffer of whole {@code length, bytes} records read from its tape; the
     * current string is {@code buf[off, off + len)} with its prefix. Refilling moves the unread
     * tail to the front, so the current string must be consumed before {@link #advance}.
     */
    private static final class Input {
        final LogicalTape tape;
        byte[] buf;
        int pos;
        int lim;
        int off;
        int len;
        long prefix;

        Input(LogicalTape tape, int bufferBytes) {
            this.tape = tape;
            this.buf = new byte[bufferBytes];
        }

        /** Loads the next string; false at the end of the run. */
        boolean advance(boolean descending) {
            if (!ensure(4)) return false;
            int n = (int) ByteSink.INT.get(buf, pos);
            if (n < 0 || !ensure(4 + n)) throw new IllegalStateException("sort tape " + tape.id() + " ends inside a string");
            off = pos + 4;
            len = n;
            pos = off + n;
            long p = prefixOf(buf, off, n) ^ Long.MIN_VALUE;
            prefix = descending ? ~p : p;
            return true;
        }

        /** Makes {@code n} bytes available at {@code pos}; false if the tape ends first (with nothing left). */
        private boolean ensure(int n) {
            if (lim - pos >= n) return true;
            int rest = lim - pos;
            if (buf.length < n) {
                byte[] b = new byte[Math.max(n, buf.length * 2)];
                System.arraycopy(buf, pos, b, 0, rest);
                buf = b;
            } else {
                System.arraycopy(buf, pos, buf, 0, rest);
            }
            pos = 0;
            lim = rest;
            while (lim < n) {
                int r = tape.read(buf, lim, buf.length - lim);
                if (r == 0) {
                    if (lim == 0) return false;
                    throw new IllegalStateException("sort tape " + tape.id() + " ends inside a string");
                }
                lim += r;
            }
            return true;
        }
    }

    /** Binary min-heap of the inputs by their current string. */
    private final class Merge {
        private final Input[] heap;
        private final Input[] all;
        private int size;
        boolean pendingAdvance;

        Merge(int n) {
            heap = new Input[n];
            all = new Input[n];
        }

        void add(Input in) {
            all[size] = in;
            heap[size++] = in;
        }

        void start() {
            int n = 0;
            for (int i = 0; i < size; i++) if (heap[i].advance(descending)) heap[n++] = heap[i];
            size = n;
            for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
        }

        boolean hasNext() { return size > 0; }

        Input top() { return heap[0]; }

        void advance() {
            pendingAdvance = false;
            Input t = heap[0];
            if (!t.advance(descending)) heap[0] = heap[--size];
            if (size > 0) siftDown(0);
        }

        private int cmp(Input a, Input b) {
            if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
            int c = Arrays.compareUnsigned(a.buf, a.off, a.off + a.len, b.buf, b.off, b.off + b.len);
            return descending ? -c : c;
        }

        private void siftDown(int i) {
            Input x = heap[i];
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) break;
                int r = l + 1;
                int c = r < size && cmp(heap[r], heap[l]) < 0 ? r : l;
                if (cmp(heap[c], x) >= 0) break;
                heap[i] = heap[c];
                i = c;
            }
            heap[i] = x;
        }

        void close() {
            for (Input in : all) if (in != null) in.tape.close();
        }
    }
}
