package org.pgmini.executor.sort;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RadixLongSortTest {
    private static void check(int n, LongSupplier gen) {
        long[] a = new long[n + 10];
        for (int i = 0; i < a.length; i++) a[i] = gen.getAsLong();
        long[] expected = a.clone();
        Arrays.sort(expected, 5, n + 5);
        RadixLongSort.sort(a, 5, n + 5);
        assertArrayEquals(expected, a, "n=" + n);
    }

    @Test
    void sortsLikeArraysSortForEveryKeyShape() {
        Random r = new Random(42);
        for (int n : new int[] {0, 1, 100, 8191, 8192, 50_000, 300_000}) {
            check(n, r::nextLong);                                   // full range, both signs
            check(n, () -> r.nextInt(1000));                         // few bits differ, many duplicates
            check(n, () -> 7);                                       // all equal
            check(n, () -> (r.nextLong() & 0xFFFF_FFFFL) - (1L << 31)); // around zero
            check(n, () -> r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
            check(n, () -> ((long) r.nextInt(16) << 60) | r.nextInt(3)); // only top and bottom bits differ
            check(n, () -> r.nextInt(100) == 0 ? r.nextLong() : 12345);  // one huge bucket
        }
    }
}
