package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tmp.TempFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ByteStringSortTest {
    @TempDir Path dataDir;

    private long filesInTempDir() throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) { return s.count(); }
    }

    /** Strings (null = NULL): empty, short, shared 8-byte prefixes, non-ASCII, a few longer than a tape block. */
    private static String[] values(int n, long seed, boolean fewDistinct, boolean huge) {
        Random rnd = new Random(seed);
        String[] words = {"", "a", "ab", "abcdefgh", "abcdefgh", "abcdefghi", "abcdefgh\u00e9", "\u00e9t\u00e9", "\uD83D\uDE00x", "\uFFFDy", "Zebra", "zebra"};
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(25);
            if (r == 0) v[i] = null;
            else if (fewDistinct) v[i] = words[rnd.nextInt(4)];
            else if (r == 1 && huge) v[i] = "abcdefgh" + "x".repeat(9000 + rnd.nextInt(300_000)) + rnd.nextInt(10);
            else if (r < 6) v[i] = words[rnd.nextInt(words.length)];
            else v[i] = "abcdefgh".substring(0, rnd.nextInt(9)) + Long.toString(rnd.nextLong() & 0xFFFFFFFFFFL, 36);
        }
        return v;
    }

    private static List<String> reference(String[] in, boolean desc, boolean nullsFirst) {
        List<String> l = new ArrayList<>(Arrays.asList(in));
        l.sort((a, b) -> {
            if (a == null || b == null) return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
            int c = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            return desc ? -c : c;
        });
        return l;
    }

    private List<String> sort(String[] in, long workMemKB, boolean desc, boolean nullsFirst, int maxOrder, String expectMethod) throws Exception {
        SortOptions o = new SortOptions(dataDir).workMemKB(workMemKB);
        if (maxOrder > 0) o.maxMergeOrder(maxOrder);
        List<String> out = new ArrayList<>();
        try (ByteStringSort s = new ByteStringSort(o, desc, nullsFirst)) {
            for (String v : in) {
                if (v == null) s.putNull();
                else s.put(v.getBytes(StandardCharsets.UTF_8));
            }
            s.performSort();
            while (s.next()) out.add(s.isNull() ? null : new String(s.bytes(), s.offset(), s.length(), StandardCharsets.UTF_8));
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
                    String[] small = values(3000, 5, few, false);
                    assertEquals(reference(small, desc, nullsFirst), sort(small, 4096, desc, nullsFirst, 0, "quicksort"));
                    String[] big = values(40_000, 9, few, false);
                    assertEquals(reference(big, desc, nullsFirst), sort(big, 64, desc, nullsFirst, 0, "external merge"));
                    assertEquals(reference(big, desc, nullsFirst), sort(big, 64, desc, nullsFirst, 2, "external merge"));
                }
            }
        }
    }

    @Test
    void stringsLargerThanBlocksAndWorkMem() throws Exception {
        String[] v = values(400, 13, false, true);
        assertTrue(Arrays.stream(v).anyMatch(x -> x != null && x.length() > 70_000), "some strings exceed 64kB");
        assertEquals(reference(v, false, false), sort(v, 64, false, false, 0, "external merge"));
        assertEquals(reference(v, true, true), sort(v, 64, true, true, 2, "external merge"));
    }

    @Test
    void emptyInput() throws Exception {
        assertEquals(List.of(), sort(new String[0], 64, false, false, 0, "quicksort"));
    }

    @Test
    void diskUseNearDataSizeAndCancel() throws Exception {
        String[] v = values(100_000, 17, false, false);
        try (ByteStringSort s = new ByteStringSort(new SortOptions(dataDir).workMemKB(64).maxMergeOrder(3), false, false)) {
            long bytes = 0;
            for (String x : v) {
                if (x == null) {
                    s.putNull();
                } else {
                    byte[] b = x.getBytes(StandardCharsets.UTF_8);
                    bytes += 4 + b.length;
                    s.put(b);
                }
            }
            s.performSort();
            assertTrue(s.mergeSteps() >= 3, "merge steps " + s.mergeSteps());
            long dataKB = bytes / 1024;
            assertTrue(s.stats().spaceKB() < dataKB * 2 + 64, "disk " + s.stats().spaceKB() + "kB for " + dataKB + "kB");
        }
        int[] calls = {0};
        ByteStringSort s = new ByteStringSort(new SortOptions(dataDir).workMemKB(64).interruptCheck(() -> {
            if (++calls[0] == 20) throw new IllegalStateException("canceling statement due to user request");
        }), false, false);
        assertThrows(IllegalStateException.class, () -> {
            for (String x : v) s.put((x == null ? "" : x).getBytes(StandardCharsets.UTF_8));
        });
        assertTrue(filesInTempDir() > 0);
        s.close();
        assertEquals(0, filesInTempDir());
    }
}
