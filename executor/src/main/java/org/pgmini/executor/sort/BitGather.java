package org.pgmini.executor.sort;

/**
 * Gathers chosen bits of a {@code long} into the low bits of the result, keeping their order
 * (what the x86 {@code pext} instruction does; {@code Long.compress} arrived only in Java 19).
 * The chosen bits are the highest {@code limit} bits of a mask, handled as the contiguous
 * stretches they form: a shift and a mask per stretch. When there are more than a few stretches
 * (text prefixes: one or two per byte), eight lookups in per-byte tables (16kB) replace them.
 * Order-preserving: for chosen bits of two keys compared as unsigned numbers, the gathered
 * values compare the same way.
 */
final class BitGather {
    private final int[] shift;
    private final long[] mask;
    private final int[] dest;
    private final int stretches;
    private final int width;
    private final long taken;
    /** For many stretches: {@code tables[b][x]} = the gathered bits of byte {@code b} (from the low end) when it is {@code x}. */
    private final long[][] tables;
    private static final int MAX_STRETCHES = 4;

    /** Gathers the highest {@code limit} (at most 64) set bits of {@code mask}. */
    BitGather(long mask, int limit) {
        int[] sh = new int[64];
        long[] mk = new long[64];
        int[] lens = new int[64];
        int taken = 0, n = 0;
        long rest = mask, takenMask = 0;
        while (rest != 0 && taken < limit) {
            int top = 63 - Long.numberOfLeadingZeros(rest);
            // the stretch of set bits that ends (from above) at top, cut to what is still wanted
            int len = Math.min(Long.numberOfLeadingZeros(~(rest << (63 - top))), limit - taken);
            int low = top - len + 1;
            long bits = len == 64 ? -1L : ((1L << len) - 1) << low;
            sh[n] = low;
            mk[n] = len == 64 ? -1L : (1L << len) - 1;
            lens[n] = len;
            n++;
            taken += len;
            takenMask |= bits;
            rest &= ~bits;
        }
        this.stretches = n;
        this.width = taken;
        this.taken = takenMask;
        this.shift = java.util.Arrays.copyOf(sh, n);
        this.mask = java.util.Arrays.copyOf(mk, n);
        this.dest = new int[n];
        int d = taken;
        for (int k = 0; k < n; k++) {
            d -= lens[k];
            dest[k] = d;
        }
        if (n > MAX_STRETCHES) {
            tables = new long[8][256];
            for (int b = 0; b < 8; b++) {
                for (int x = 0; x < 256; x++) tables[b][x] = gatherStretches((long) x << (8 * b));
            }
        } else {
            tables = null;
        }
    }

    /** How many bits a gathered value has. */
    int width() { return width; }

    /** The bits of the mask that are gathered. */
    long takenMask() { return taken; }

    /** The chosen bits of {@code v}, highest first, in the low {@link #width()} bits. */
    long gather(long v) {
        long[][] t = tables;
        if (t != null) {
            return t[0][(int) v & 0xFF] | t[1][(int) (v >>> 8) & 0xFF] | t[2][(int) (v >>> 16) & 0xFF]
                    | t[3][(int) (v >>> 24) & 0xFF] | t[4][(int) (v >>> 32) & 0xFF] | t[5][(int) (v >>> 40) & 0xFF]
                    | t[6][(int) (v >>> 48) & 0xFF] | t[7][(int) (v >>> 56) & 0xFF];
        }
        return gatherStretches(v);
    }

    private long gatherStretches(long v) {
        long g = 0;
        for (int k = 0; k < stretches; k++) g |= ((v >>> shift[k]) & mask[k]) << dest[k];
        return g;
    }
}
