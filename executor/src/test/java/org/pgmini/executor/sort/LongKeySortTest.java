package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LongKeySortTest {
    @TempDir Path dataDir;

    private long filesInTempDir() throws Exception {
        return DatumSortChecks.filesInTempDir(dataDir);
    }

    /** Values (null = NULL) with extremes, duplicates and NULLs. */
    private static Long[] values(int n, long seed, boolean fewDistinct) {
        Random rnd = new Random(seed);
        Long[] v = new Long[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(20);
            v[i] = r == 0 ? null : r == 1 ? Long.MIN_VALUE : r == 2 ? Long.MAX_VALUE : fewDistinct ? (long) rnd.nextInt(5) - 2 : rnd.nextLong();
        }
        return v;
    }

    /** PostgreSQL's order: ASC NULLS LAST by default, DESC NULLS FIRST, or as given. */
    private static List<Long> reference(Long[] in, boolean desc, boolean nullsFirst) {
        return DatumSortChecks.reference(in, Long::compare, desc, nullsFirst);
    }

    private List<Long> sort(Long[] in, long workMemKB, boolean desc, boolean nullsFirst, int maxOrder, String expectMethod) throws Exception {
        SortOptions o = new SortOptions(dataDir).workMemKB(workMemKB);
        if (maxOrder > 0) o.maxMergeOrder(maxOrder);
        List<Long> out = new ArrayList<>();
        try (LongKeySort s = new LongKeySort(o, desc, nullsFirst)) {
            for (Long v : in) {
                if (v == null) s.putNull();
                else s.put(v);
            }
            s.performSort();
            while (s.next()) out.add(s.isNull() ? null : s.value());
            assertEquals(expectMethod, s.stats().method().label());
        }
        assertEquals(0, filesInTempDir(), "temp file removed at close");
        return out;
    }

    @Test
    void matchesReferenceInMemoryAndOnTapes() throws Exception {
        for (boolean few : new boolean[] {false, true}) {
            for (boolean desc : new boolean[] {false, true}) {
                for (boolean nullsFirst : new boolean[] {false, true}) {
                    Long[] small = values(5000, 7, few);
                    assertEquals(reference(small, desc, nullsFirst), sort(small, 4096, desc, nullsFirst, 0, "quicksort"));
                    Long[] big = values(60_000, 11, few);
                    // 64kB = 8192 keys per run: 7 runs merged at once
                    assertEquals(reference(big, desc, nullsFirst), sort(big, 64, desc, nullsFirst, 0, "external merge"));
                    // merge order 2 forces intermediate merge steps
                    assertEquals(reference(big, desc, nullsFirst), sort(big, 64, desc, nullsFirst, 2, "external merge"));
                }
            }
        }
    }

    @Test
    void emptyAndOnlyNulls() throws Exception {
        assertEquals(List.of(), sort(new Long[0], 64, false, false, 0, "quicksort"));
        Long[] nulls = new Long[20_000];
        assertEquals(Arrays.asList(nulls), sort(nulls, 64, false, true, 0, "quicksort"));
    }

    @Test
    void intermediateMergesAndStats() throws Exception {
        Long[] v = values(100_000, 3, false);
        try (LongKeySort s = new LongKeySort(new SortOptions(dataDir).workMemKB(64).maxMergeOrder(3), false, false)) {
            for (Long x : v) {
                if (x == null) s.putNull();
                else s.put(x);
            }
            s.performSort();
            assertTrue(s.runsWritten() >= 11, "runs: " + s.runsWritten());
            assertTrue(s.mergeSteps() >= 4, "merge steps: " + s.mergeSteps());
            long n = 0;
            while (s.next()) n++;
            assertEquals(v.length, n);
            SortStats st = s.stats();
            assertTrue(st.spaceOnDisk());
            // 8 bytes per non-NULL key; blocks are reused while merging, so the file stays near that
            long dataKB = Arrays.stream(v).filter(x -> x != null).count() * 8 / 1024;
            assertTrue(st.spaceKB() >= dataKB && st.spaceKB() < dataKB * 2 + 64, "disk " + st.spaceKB() + "kB for " + dataKB + "kB of keys");
        }
        assertEquals(0, filesInTempDir());
    }

    @Test
    void cancelDuringInputRemovesTheFile() throws Exception {
        int[] calls = {0};
        SortOptions o = new SortOptions(dataDir).workMemKB(64).interruptCheck(() -> {
            if (++calls[0] == 10) throw new IllegalStateException("canceling statement due to user request");
        });
        LongKeySort s = new LongKeySort(o, false, false);
        assertThrows(IllegalStateException.class, () -> {
            for (long i = 0; i < 1_000_000; i++) s.put(i * 7919 % 1_000_003);
        });
        assertTrue(filesInTempDir() > 0, "runs were on disk when the cancel came");
        s.close();
        assertEquals(0, filesInTempDir());
    }
}
