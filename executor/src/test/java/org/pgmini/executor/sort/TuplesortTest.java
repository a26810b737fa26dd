package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tape.SharedFileSet;
import org.pgmini.storage.tape.TapeExport;
import org.pgmini.storage.tmp.TempFileSet;
import org.pgmini.storage.tmp.TempFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TuplesortTest {
    @TempDir Path dataDir;

    /** Rows: id (unique), k int8 (nullable), s text (nullable), f float8 (nullable). */
    static final RowCodec CODEC = new RowCodec(List.of(RowCodec.Kind.INT8, RowCodec.Kind.INT8, RowCodec.Kind.TEXT, RowCodec.Kind.FLOAT8));

    static final RowOrdering BY_K = new RowOrdering(List.of(SortColumn.asc(1, SortKeyType.INT8).withNotNull()));
    static final RowOrdering BY_S_THEN_K_DESC = new RowOrdering(List.of(SortColumn.asc(2, SortKeyType.TEXT_C), SortColumn.desc(1, SortKeyType.INT8)));
    static final RowOrdering BY_F_DESC_NULLS_LAST = new RowOrdering(List.of(SortColumn.desc(3, SortKeyType.FLOAT8).withNullsFirst(false)));
    static final RowOrdering BY_K_NULLABLE_DESC = new RowOrdering(List.of(SortColumn.desc(1, SortKeyType.INT8)));

    enum Shape { RANDOM, FEW_DISTINCT, SORTED, REVERSED, ALL_EQUAL, ONE_ROW, EMPTY }

    static List<Object[]> rows(Shape shape, int n, long seed, boolean nulls) {
        Random rnd = new Random(seed);
        if (shape == Shape.ONE_ROW) n = 1;
        if (shape == Shape.EMPTY) n = 0;
        String[] words = {"", "a", "ab", "abc", "abcdefgh", "abcdefghi", "abcdefgh\u00e9", "zz", "\u00e9t\u00e9", "\uD83D\uDE00x", "\uFFFDy", "Zebra"};
        double[] floats = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.5, -1.5, Double.MIN_VALUE, -Double.MAX_VALUE};
        List<Object[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = switch (shape) {
                case RANDOM, ONE_ROW, EMPTY -> rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : rnd.nextLong();
                case FEW_DISTINCT -> rnd.nextInt(7) - 3;
                case SORTED -> i * 3L;
                case REVERSED -> (long) (n - i) * 3;
                case ALL_EQUAL -> 42;
            };
            String s = shape == Shape.ALL_EQUAL ? "same" : rnd.nextInt(3) == 0 ? words[rnd.nextInt(words.length)]
                    : words[rnd.nextInt(words.length)] + rnd.nextInt(1000) + "-padding-" + (char) ('a' + rnd.nextInt(26));
            double f = shape == Shape.ALL_EQUAL ? 1.0 : rnd.nextInt(4) == 0 ? floats[rnd.nextInt(floats.length)] : rnd.nextGaussian() * 1e6;
            out.add(new Object[] {(long) i, nulls && rnd.nextInt(15) == 0 ? null : k,
                    nulls && rnd.nextInt(15) == 0 ? null : s, nulls && rnd.nextInt(15) == 0 ? null : f});
        }
        return out;
    }

    private long filesInTempDir() throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) { return s.count(); }
    }

    private SortOptions opts(long workMemKB) { return new SortOptions(dataDir).workMemKB(workMemKB); }

    /** Output must be the input's rows (by id, each once) in an order the comparator accepts, with the reference's key sequence. */
    static void assertSorted(List<Object[]> input, List<Object[]> output, Comparator<Object[]> ord) {
        assertEquals(input.size(), output.size(), "row count");
        Set<Object> ids = new HashSet<>();
        for (Object[] r : output) assertTrue(ids.add(r[0]), "row " + r[0] + " twice");
        for (int i = 1; i < output.size(); i++) {
            assertTrue(ord.compare(output.get(i - 1), output.get(i)) <= 0, "order broken at " + i);
        }
        List<Object[]> ref = new ArrayList<>(input);
        ref.sort(ord);
        for (int i = 0; i < ref.size(); i++) assertEquals(0, ord.compare(ref.get(i), output.get(i)), "key at " + i);
    }

    private List<Object[]> sortAll(List<Object[]> input, RowOrdering ord, SortOptions o, Tuplesort<Object[]>[] keep) {
        Tuplesort<Object[]> s = Tuplesort.begin(ord, CODEC, o);
        try {
            for (Object[] r : input) s.put(r);
            s.performSort();
            List<Object[]> out = new ArrayList<>();
            for (Object[] r; (r = s.next()) != null; ) out.add(r);
            assertNull(s.next(), "stays at the end");
            if (keep != null) keep[0] = s;
            return out;
        } finally {
            s.close();
        }
    }

    @Test
    void matchesReferenceForManyShapesAndMemorySizes() throws Exception {
        RowOrdering[] orderings = {BY_K, BY_S_THEN_K_DESC, BY_F_DESC_NULLS_LAST, BY_K_NULLABLE_DESC};
        long[] workMems = {64, 256, 2048, 100_000};
        long seed = 0;
        for (Shape shape : Shape.values()) {
            for (RowOrdering ord : orderings) {
                for (long wm : workMems) {
                    int n = wm >= 2048 ? 6000 : 4000;
                    List<Object[]> in = rows(shape, n, ++seed, ord != BY_K);
                    @SuppressWarnings("unchecked") Tuplesort<Object[]>[] keep = new Tuplesort[1];
                    List<Object[]> out = sortAll(in, ord, opts(wm), keep);
                    assertSorted(in, out, ord);
                    SortStats st = keep[0].stats();
                    if (wm == 100_000 || in.size() <= 1) {
                        assertEquals(SortMethod.QUICKSORT, st.method(), shape + " " + wm);
                        assertFalse(st.spaceOnDisk());
                    } else if (wm == 64) {
                        assertEquals(SortMethod.EXTERNAL_MERGE, st.method(), shape + " " + wm);
                        assertTrue(st.spaceOnDisk());
                    }
                    assertEquals(0, filesInTempDir(), "temp file removed");
                }
            }
        }
    }

    @Test
    void multipleMergePasses() throws Exception {
        List<Object[]> in = rows(Shape.RANDOM, 40_000, 7, true);
        // natural: 64kB runs of a few hundred rows, merge order 6
        @SuppressWarnings("unchecked") Tuplesort<Object[]>[] keep = new Tuplesort[1];
        List<Object[]> out = sortAll(in, BY_S_THEN_K_DESC, opts(64), keep);
        assertSorted(in, out, BY_S_THEN_K_DESC);
        assertTrue(keep[0].runsWritten() > 36, "runs: " + keep[0].runsWritten());
        assertTrue(keep[0].mergeSteps() >= 2, "merge steps: " + keep[0].mergeSteps());
        // forced: merge order 2 means a binary merge tree
        out = sortAll(in, BY_K_NULLABLE_DESC, opts(64).maxMergeOrder(2), keep);
        assertSorted(in, out, BY_K_NULLABLE_DESC);
        assertEquals(keep[0].runsWritten() - 2, keep[0].mergeSteps(), "binary merges down to the final two runs");
        assertEquals(0, filesInTempDir());
    }

    @Test
    void diskUseStaysNearDataSize() {
        List<Object[]> in = rows(Shape.RANDOM, 60_000, 9, false);
        try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(64).maxMergeOrder(3))) {
            long serialized = 0;
            ByteSink sink = new ByteSink();
            for (Object[] r : in) {
                sink.reset(0);
                CODEC.write(r, sink);
                serialized += sink.length() + 4;
                s.put(r);
            }
            s.performSort();
            long diskKB = s.stats().spaceKB();
            // runs are merged several times, yet the blocks freed by each merge are reused
            assertTrue(s.mergeSteps() > 5);
            assertTrue(diskKB * 1024 < serialized * 1.35 + 200 * 1024, "disk " + diskKB + "kB for " + serialized / 1024 + "kB of data");
            int n = 0;
            while (s.next() != null) n++;
            assertEquals(in.size(), n);
            assertTrue(s.stats().explainLine().matches("Sort Method: external merge  Disk: \\d+kB"), s.stats().explainLine());
        }
    }

    @Test
    void tempFilesGoneAfterErrorMidSort() throws Exception {
        List<Object[]> in = rows(Shape.RANDOM, 20_000, 3, true);
        int[] calls = {0};
        RowOrdering failing = new RowOrdering(List.of(SortColumn.asc(2, SortKeyType.comparing((a, b) -> {
            if (++calls[0] > 200_000) throw new IllegalStateException("comparison failed");
            return SortKeyType.TEXT_C.compare(a, b);
        }))));
        // the sort's own close, as a Sort node's end would do it
        assertThrows(IllegalStateException.class, () -> {
            try (Tuplesort<Object[]> s = Tuplesort.begin(failing, CODEC, opts(64))) {
                for (Object[] r : in) s.put(r);
                s.performSort();
                while (s.next() != null) { }
            }
        });
        assertTrue(calls[0] > 200_000);
        assertEquals(0, filesInTempDir());
        // the query's temp-file owner, as a transaction abort would do it (the sort is never closed)
        calls[0] = 0;
        assertThrows(IllegalStateException.class, () -> {
            try (TempFileSet owner = new TempFileSet(dataDir)) {
                Tuplesort<Object[]> s = Tuplesort.begin(failing, CODEC, opts(64).tempFileOwner(owner));
                for (Object[] r : in) s.put(r);
                assertEquals(1, filesInTempDir());
                s.performSort();
                while (s.next() != null) { }
            }
        });
        assertEquals(0, filesInTempDir());
        // cancel through the interrupt check
        assertThrows(IllegalStateException.class, () -> {
            try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(64).interruptCheck(() -> {
                if (filesInTempDirUnchecked() > 0) throw new IllegalStateException("canceling statement due to user request");
            }))) {
                for (Object[] r : rows(Shape.RANDOM, 50_000, 4, false)) s.put(r);
            }
        });
        assertEquals(0, filesInTempDir());
    }

    private long filesInTempDirUnchecked() {
        try { return filesInTempDir(); } catch (Exception e) { throw new RuntimeException(e); }
    }

    @Test
    void topN() {
        for (int bound : new int[] {0, 1, 10, 500}) {
            for (long wm : new long[] {64, 1024}) {
                for (Shape shape : new Shape[] {Shape.RANDOM, Shape.FEW_DISTINCT, Shape.REVERSED}) {
                    List<Object[]> in = rows(shape, 20_000, bound * 31L + shape.ordinal(), true);
                    try (Tuplesort<Object[]> s = Tuplesort.begin(BY_S_THEN_K_DESC, CODEC, opts(wm))) {
                        s.setBound(bound);
                        for (Object[] r : in) s.put(r);
                        s.performSort();
                        List<Object[]> out = new ArrayList<>();
                        for (Object[] r; out.size() < bound && (r = s.next()) != null; ) out.add(r);
                        assertEquals(bound, out.size());
                        List<Object[]> ref = new ArrayList<>(in);
                        ref.sort(BY_S_THEN_K_DESC);
                        for (int i = 0; i < bound; i++) assertEquals(0, BY_S_THEN_K_DESC.compare(ref.get(i), out.get(i)));
                        if (bound == 500 && wm == 64) {
                            // 500 rows do not fit in 64kB: the sort goes external, as PostgreSQL's does;
                            // the bound is then kept by the Limit node above it
                            assertEquals(SortMethod.EXTERNAL_MERGE, s.stats().method());
                        } else {
                            assertNull(s.next(), "a top-N sort returns the bound's tuples only");
                            assertEquals(SortMethod.TOP_N_HEAPSORT, s.stats().method());
                            assertFalse(s.stats().spaceOnDisk(), "a top-N sort stays in memory");
                        }
                    }
                }
            }
        }
        // a bound that is never exceeded twice over is an ordinary quicksort
        try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(1024))) {
            s.setBound(100);
            for (Object[] r : rows(Shape.RANDOM, 150, 5, false)) s.put(r);
            s.performSort();
            assertEquals(SortMethod.QUICKSORT, s.stats().method());
        }
    }

    /** PostgreSQL's cursor semantics over a sorted list, as the model for random access. */
    private static final class CursorModel {
        final List<Object[]> rows;
        int current;
        boolean eof;

        CursorModel(List<Object[]> rows) { this.rows = rows; }

        Object[] next() {
            if (current < rows.size()) return rows.get(current++);
            eof = true;
            return null;
        }

        Object[] previous() {
            if (current <= 0) return null;
            if (eof) eof = false;
            else if (--current <= 0) return null;
            return rows.get(current - 1);
        }
    }

    @Test
    void randomAccessInMemoryAndOnTape() throws Exception {
        for (long wm : new long[] {64, 100_000}) {
            List<Object[]> in = rows(Shape.RANDOM, 8000, wm, false);
            try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(wm).randomAccess(true))) {
                for (Object[] r : in) s.put(r);
                s.performSort();
                assertEquals(wm == 64 ? SortMethod.EXTERNAL_SORT : SortMethod.QUICKSORT, s.stats().method());
                List<Object[]> sorted = new ArrayList<>();
                for (Object[] r; (r = s.next()) != null; ) sorted.add(r);
                assertSorted(in, sorted, BY_K);
                // backward from the end, then a random walk with marks, checked against the model
                CursorModel m = new CursorModel(sorted);
                while (m.next() != null) { }
                Random rnd = new Random(wm);
                SortMark mark = null;
                int markCurrent = 0;
                boolean markEof = false;
                for (int step = 0; step < 20_000; step++) {
                    int op = rnd.nextInt(100);
                    if (op < 45) {
                        Object[] want = m.next();
                        Object[] got = s.next();
                        if (want == null) assertNull(got, "forward at step " + step);
                        else assertEquals(want[0], got[0], "forward at step " + step);
                    } else if (op < 90) {
                        Object[] want = m.previous();
                        Object[] got = s.previous();
                        if (want == null) assertNull(got, "backward at step " + step);
                        else assertEquals(want[0], got[0], "backward at step " + step);
                    } else if (op < 95) {
                        mark = s.mark();
                        markCurrent = m.current;
                        markEof = m.eof;
                    } else if (op < 98 && mark != null) {
                        s.restore(mark);
                        m.current = markCurrent;
                        m.eof = markEof;
                    } else {
                        s.rescan();
                        m.current = 0;
                        m.eof = false;
                    }
                    // compare the element under the cursor by fetching forward and stepping back
                    if (step % 7 == 0) {
                        Object[] want = m.next();
                        Object[] got = s.next();
                        if (want == null) assertNull(got);
                        else assertEquals(want[0], got[0], "forward at step " + step);
                    }
                }
            }
            assertEquals(0, filesInTempDir());
        }
    }

    @Test
    void explainLines() {
        try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(4096))) {
            for (Object[] r : rows(Shape.RANDOM, 1000, 1, false)) s.put(r);
            assertEquals(SortMethod.STILL_IN_PROGRESS, s.stats().method());
            s.performSort();
            SortStats st = s.stats();
            assertTrue(st.explainLine().matches("Sort Method: quicksort  Memory: \\d+kB"), st.explainLine());
            // 1024 slots of 12 bytes + 1000 rows (array 32 + 3 x 24 + a short String)
            assertTrue(st.spaceKB() > 150 && st.spaceKB() < 400, st.explainLine());
            assertEquals("Memory", st.spaceType());
        }
        try (Tuplesort<Object[]> s = Tuplesort.begin(BY_K, CODEC, opts(64))) {
            s.setBound(5);
            for (Object[] r : rows(Shape.RANDOM, 1000, 1, false)) s.put(r);
            s.performSort();
            assertTrue(s.stats().explainLine().matches("Sort Method: top-N heapsort  Memory: \\d+kB"), s.stats().explainLine());
        }
    }

    @Test
    void parallelWorkersAndLeader() throws Exception {
        List<Object[]> all = new ArrayList<>();
        List<TapeExport> exports = new ArrayList<>();
        Path dir;
        try (SharedFileSet fs = SharedFileSet.create(dataDir)) {
            dir = fs.directory();
            for (int w = 0; w < 3; w++) {
                // worker 0 spills many runs, worker 1 fits in memory, worker 2 gets nothing
                List<Object[]> share = w == 2 ? List.of() : rows(Shape.RANDOM, w == 0 ? 20_000 : 500, 100 + w, true);
                for (Object[] r : share) all.add(new Object[] {(long) all.size(), r[1], r[2], r[3]});
                List<Object[]> mine = all.subList(all.size() - share.size(), all.size());
                try (Tuplesort<Object[]> s = Tuplesort.beginWorker(BY_S_THEN_K_DESC, CODEC, opts(64), SharedFileSet.attach(fs.directory()), "w" + w)) {
                    for (Object[] r : mine) s.put(r);
                    s.performSort();
                    exports.add(TapeExport.fromBytes(s.workerResult().toBytes()));
                    assertEquals(SortMethod.EXTERNAL_SORT, s.stats().method());
                }
            }
            try (Tuplesort<Object[]> leader = Tuplesort.beginLeader(BY_S_THEN_K_DESC, CODEC, opts(64).maxMergeOrder(2), fs, exports)) {
                leader.performSort();
                List<Object[]> out = new ArrayList<>();
                for (Object[] r; (r = leader.next()) != null; ) out.add(r);
                assertSorted(all, out, BY_S_THEN_K_DESC);
                assertEquals(1, leader.mergeSteps(), "three worker runs with merge order 2: one step, then the final merge");
            }
        }
        assertFalse(Files.exists(dir));
        assertEquals(0, filesInTempDir());
    }

    @Test
    void orderingSemantics() {
        // float8: -Infinity < -1.5 < -0 = 0 < 1.5 < Infinity < NaN (= NaN), NULLs last by default for ASC
        RowOrdering f = new RowOrdering(List.of(SortColumn.asc(0, SortKeyType.FLOAT8)));
        Object[][] fl = {{Double.NaN}, {null}, {1.5}, {-0.0}, {Double.POSITIVE_INFINITY}, {0.0}, {-1.5}, {Double.NEGATIVE_INFINITY}, {Double.longBitsToDouble(0x7ff8000000000123L)}};
        List<Object[]> l = new ArrayList<>(Arrays.asList(fl));
        l.sort(f);
        assertEquals("[-Infinity, -1.5, -0.0, 0.0, 1.5, Infinity, NaN, NaN, null]".replace("-0.0, 0.0", l.get(2)[0] + ", " + l.get(3)[0]),
                l.stream().map(r -> String.valueOf(r[0])).toList().toString());
        assertEquals(0, f.compare(new Object[] {-0.0}, new Object[] {0.0}));
        assertEquals(f.prefix(new Object[] {-0.0}), f.prefix(new Object[] {0.0}));
        assertEquals(f.prefix(new Object[] {Double.NaN}), f.prefix(new Object[] {Double.longBitsToDouble(0x7ff8000000000123L)}));
        // text in C collation = UTF-8 byte order: U+FFFD sorts before U+1F600 (UTF-16 order says the opposite)
        assertTrue(SortKeyType.TEXT_C.compare("\uFFFD", "\uD83D\uDE00") < 0);
        assertTrue(SortKeyType.TEXT_C.compare("Z", "a") < 0);
        assertTrue(SortKeyType.TEXT_C.compare("ab", "abc") < 0);
        // numeric: -Infinity < numbers < +Infinity < NaN, 1.0 = 1.00
        List<Object> nums = new ArrayList<>(List.of(org.pgmini.storage.tuple.NumericSpecial.NAN, new java.math.BigDecimal("1.00"),
                org.pgmini.storage.tuple.NumericSpecial.POSITIVE_INFINITY, new java.math.BigDecimal("-1e400"),
                org.pgmini.storage.tuple.NumericSpecial.NEGATIVE_INFINITY, new java.math.BigDecimal("1e400"), new java.math.BigDecimal("1.0")));
        nums.sort(SortKeyType.NUMERIC::compare);
        assertEquals("[NEGATIVE_INFINITY, -1E+400, 1.00, 1.0, 1E+400, POSITIVE_INFINITY, NAN]".replace("1.00, 1.0", nums.get(2) + ", " + nums.get(3)),
                nums.toString());
        assertEquals(0, SortKeyType.NUMERIC.compare(new java.math.BigDecimal("1.0"), new java.math.BigDecimal("1.00")));
        for (int i = 1; i < nums.size(); i++) {
            assertTrue(SortKeyType.NUMERIC.prefix(nums.get(i - 1)) <= SortKeyType.NUMERIC.prefix(nums.get(i)));
        }
        // DESC puts NULLs first unless NULLS LAST
        RowOrdering d = new RowOrdering(List.of(SortColumn.desc(0, SortKeyType.INT4)));
        List<Object[]> ints = new ArrayList<>(Arrays.asList(new Object[] {1}, new Object[] {null}, new Object[] {3}));
        ints.sort(d);
        assertEquals("[null, 3, 1]", ints.stream().map(r -> String.valueOf(r[0])).toList().toString());
        assertTrue(d.prefixDecides(), "int4 prefixes leave room for NULLs");
        assertFalse(BY_K_NULLABLE_DESC.prefixDecides(), "a nullable int8 key may collide with a NULL");
        assertTrue(BY_K.prefixDecides());
    }

    @Test
    void allKindsRoundTripThroughTapes() {
        RowCodec codec = new RowCodec(List.of(RowCodec.Kind.BOOL, RowCodec.Kind.INT2, RowCodec.Kind.INT4, RowCodec.Kind.INT8,
                RowCodec.Kind.FLOAT4, RowCodec.Kind.FLOAT8, RowCodec.Kind.TEXT, RowCodec.Kind.BYTEA, RowCodec.Kind.NUMERIC));
        RowOrdering ord = new RowOrdering(List.of(SortColumn.asc(8, SortKeyType.NUMERIC), SortColumn.desc(3, SortKeyType.INT8)));
        Random rnd = new Random(12);
        Object[] specials = {org.pgmini.storage.tuple.NumericSpecial.NAN, org.pgmini.storage.tuple.NumericSpecial.POSITIVE_INFINITY,
                org.pgmini.storage.tuple.NumericSpecial.NEGATIVE_INFINITY};
        List<Object[]> in = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Object num = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(3)] : rnd.nextInt(10) == 0 ? null
                    : new java.math.BigDecimal(java.math.BigInteger.valueOf(rnd.nextInt(2000) - 1000), rnd.nextInt(4));
            byte[] b = new byte[rnd.nextInt(20)];
            rnd.nextBytes(b);
            in.add(new Object[] {rnd.nextBoolean(), (short) rnd.nextInt(), rnd.nextInt(), rnd.nextBoolean() ? null : rnd.nextLong(),
                    rnd.nextFloat(), rnd.nextDouble(), "t\u00e9xt" + rnd.nextInt(99), b, num});
        }
        List<Object[]> out = new ArrayList<>();
        try (Tuplesort<Object[]> s = Tuplesort.begin(ord, codec, opts(64))) {
            for (Object[] r : in) s.put(r);
            s.performSort();
            assertTrue(s.stats().spaceOnDisk());
            for (Object[] r; (r = s.next()) != null; ) out.add(r);
        }
        assertEquals(in.size(), out.size());
        for (int i = 1; i < out.size(); i++) assertTrue(ord.compare(out.get(i - 1), out.get(i)) <= 0);
        // every value came back from the tape intact
        Comparator<Object[]> byAll = (x, y) -> Arrays.deepToString(x).compareTo(Arrays.deepToString(y));
        List<Object[]> a = new ArrayList<>(in), b = new ArrayList<>(out);
        a.sort(byAll);
        b.sort(byAll);
        for (int i = 0; i < a.size(); i++) assertEquals(Arrays.deepToString(a.get(i)), Arrays.deepToString(b.get(i)));
    }

    @Test
    void prefixesAreOrderPreserving() {
        Random rnd = new Random(77);
        List<Object[]> sample = rows(Shape.RANDOM, 3000, 5, true);
        sample.addAll(rows(Shape.FEW_DISTINCT, 300, 6, true));
        RowOrdering[] ords = {BY_K, BY_S_THEN_K_DESC, BY_F_DESC_NULLS_LAST, BY_K_NULLABLE_DESC,
                new RowOrdering(List.of(SortColumn.desc(2, SortKeyType.TEXT_C).withNullsFirst(false)))};
        for (RowOrdering o : ords) {
            for (int i = 0; i < 50_000; i++) {
                Object[] a = sample.get(rnd.nextInt(sample.size())), b = sample.get(rnd.nextInt(sample.size()));
                if (o == BY_K && (a[1] == null || b[1] == null)) continue;
                int c = o.compare(a, b);
                long pa = o.prefix(a), pb = o.prefix(b);
                if (c < 0) assertTrue(pa <= pb);
                if (c > 0) assertTrue(pa >= pb);
                if (c == 0 && o.keyCount() == 1) assertEquals(pa, pb);
                if (o.prefixDecides() && pa == pb) assertEquals(0, c);
            }
        }
    }
}
