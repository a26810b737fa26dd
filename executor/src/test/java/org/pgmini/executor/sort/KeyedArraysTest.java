package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The in-memory sort on (prefix, tuple) arrays against Arrays.sort, on patterns that hurt quicksorts. */
class KeyedArraysTest {
    private static long[] pattern(int kind, int n, Random rnd) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = switch (kind) {
                case 0 -> rnd.nextLong();
                case 1 -> i;                              // sorted
                case 2 -> n - i;                          // reversed
                case 3 -> 7;                              // all equal
                case 4 -> i < n / 2 ? i : n - i;          // organ pipe
                case 5 -> i % 17;                         // sawtooth
                case 6 -> rnd.nextInt(3);                 // few distinct
                default -> i % 2 == 0 ? i : n - i;        // interleaved
            };
        }
        return k;
    }

    @Test
    void sortsEveryPatternAndSize() {
        Random rnd = new Random(3);
        for (int kind = 0; kind < 8; kind++) {
            for (int n : new int[] {0, 1, 2, 3, 15, 16, 17, 100, 129, 1000, 50_000}) {
                for (boolean decides : new boolean[] {true, false}) {
                    long[] keys = pattern(kind, n, rnd);
                    Object[] tuples = new Object[n];
                    for (int i = 0; i < n; i++) tuples[i] = new long[] {keys[i], i};
                    // with a non-deciding prefix, the comparator sees the tuples (equal here)
                    Comparator<Object> cmp = (a, b) -> Long.compare(((long[]) a)[0], ((long[]) b)[0]);
                    new KeyedArrays(keys, tuples, cmp, decides).sort(0, n);
                    long[] expect = pattern(kind, n, new Random(0)).clone();
                    long[] fromTuples = new long[n];
                    for (int i = 0; i < n; i++) {
                        fromTuples[i] = ((long[]) tuples[i])[0];
                        assertEquals(keys[i], fromTuples[i], "key and tuple moved together");
                    }
                    long[] sorted = keys.clone();
                    Arrays.sort(sorted);
                    assertArrayEquals(sorted, keys, "kind " + kind + " n " + n);
                    if (kind != 0 && kind != 6) assertArrayEquals(sortedCopy(expect), keys);
                }
            }
        }
    }

    private static long[] sortedCopy(long[] a) {
        long[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void maxHeapSortsAscending() {
        Random rnd = new Random(5);
        for (int n : new int[] {1, 2, 7, 64, 1000}) {
            long[] keys = new long[n];
            Object[] tuples = new Object[n];
            for (int i = 0; i < n; i++) {
                keys[i] = rnd.nextInt(50);
                tuples[i] = keys[i];
            }
            KeyedArrays ka = new KeyedArrays(keys, tuples, (a, b) -> 0, true);
            ka.heapifyMax(n);
            long max = Arrays.stream(keys).max().getAsLong();
            assertEquals(max, keys[0], "root of the max-heap");
            ka.sortMaxHeap(n);
            long[] sorted = keys.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, keys);
        }
    }
}
