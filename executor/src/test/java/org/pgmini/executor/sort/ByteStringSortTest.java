package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ByteStringSortTest {
    @TempDir Path dataDir;

    private long filesInTempDir() throws Exception {
        return DatumSortChecks.filesInTempDir(dataDir);
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
        return DatumSortChecks.reference(in, (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)), desc, nullsFirst);
    }

    private List<String> sort(String[] in, long workMemKB, boolean desc, boolean nullsFirst, int maxOrder, String expectMethod) throws Exception {
        return sort(in, workMemKB, desc, nullsFirst, maxOrder, expectMethod, false);
    }

    /** {@code asStrings}: put each value as a String (the ASCII fast path and its UTF-8 fallback) instead of bytes. */
    private List<String> sort(String[] in, long workMemKB, boolean desc, boolean nullsFirst, int maxOrder, String expectMethod,
                              boolean asStrings) throws Exception {
        SortOptions o = new SortOptions(dataDir).workMemKB(workMemKB);
        if (maxOrder > 0) o.maxMergeOrder(maxOrder);
        List<String> out = new ArrayList<>();
        try (ByteStringSort s = new ByteStringSort(o, desc, nullsFirst)) {
            for (String v : in) {
                if (v == null) s.putNull();
                else if (asStrings) s.put(v);
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
    void stringsPutAsJavaStrings() throws Exception {
        for (boolean desc : new boolean[] {false, true}) {
            String[] big = values(40_000, 21, false, false);
            assertEquals(reference(big, desc, false), sort(big, 64, desc, false, 0, "external merge", true));
            String[] small = values(2000, 23, false, false);
            assertEquals(reference(small, desc, true), sort(small, 4096, desc, true, 0, "quicksort", true));
        }
    }

    /** Many strings sharing their first 5 bytes and differing in bytes 6 to 8 or only beyond byte 8 (the packed sort's tie groups). */
    @Test
    void tiesOnTheFirstFiveAndEightBytes() throws Exception {
        Random rnd = new Random(3);
        String[] v = new String[60_000];
        for (int i = 0; i < v.length; i++) {
            String head = "abcd" + (char) ('a' + rnd.nextInt(3));
            v[i] = switch (rnd.nextInt(4)) {
                case 0 -> head;
                case 1 -> head + (char) ('a' + rnd.nextInt(26)) + (char) ('a' + rnd.nextInt(26));
                case 2 -> head + "xyz" + rnd.nextInt(1000);
                default -> head + "\u00e9" + rnd.nextInt(50);
            };
        }
        for (boolean desc : new boolean[] {false, true}) {
            assertEquals(reference(v, desc, false), sort(v, 256, desc, false, 0, "external merge", true));
            assertEquals(reference(v, desc, false), sort(v, 64, desc, false, 3, "external merge"));
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
