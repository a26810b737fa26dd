package org.pgmini.executor.sort;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Comparison and normalized key of one SQL type's non-null Java values (the representations of
 * {@code PgType}: Boolean, Short, Integer, Long, Float, Double, String, byte[], BigDecimal).
 *
 * <p>{@link #prefix} maps a value to a signed {@code long} such that {@code compare(a, b) < 0}
 * implies {@code prefix(a) <= prefix(b)} and equal values get equal prefixes.
 * {@link #prefixExact()}: equal prefixes imply equal values. {@link #prefixSpansAllLongs()}: some
 * value may map to {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}, where NULLs are put.
 */
public interface SortKeyType {
    int compare(Object a, Object b);

    long prefix(Object v);

    boolean prefixExact();

    boolean prefixSpansAllLongs();

    /** bool: false before true. */
    SortKeyType BOOL = new Simple(true, false) {
        @Override public int compare(Object a, Object b) { return Boolean.compare((Boolean) a, (Boolean) b); }
        @Override public long prefix(Object v) { return ((Boolean) v) ? 1 : 0; }
    };

    /** int2, int4, date (days as Integer), oid-like values: any integral Number within 32 bits. */
    SortKeyType INT4 = new Simple(true, false) {
        @Override public int compare(Object a, Object b) { return Long.compare(((Number) a).longValue(), ((Number) b).longValue()); }
        @Override public long prefix(Object v) { return ((Number) v).longValue(); }
    };

    /** int2 is an INT4 as far as sorting goes. */
    SortKeyType INT2 = INT4;

    /** int8, timestamp, timestamptz (µs as Long). */
    SortKeyType INT8 = new Simple(true, true) {
        @Override public int compare(Object a, Object b) { return Long.compare(((Number) a).longValue(), ((Number) b).longValue()); }
        @Override public long prefix(Object v) { return ((Number) v).longValue(); }
    };

    /**
     * float4/float8 with PostgreSQL's order: -0 equals 0, NaN equals NaN and sorts after every
     * other value (including Infinity).
     */
    SortKeyType FLOAT8 = new Simple(true, false) {
        @Override public int compare(Object a, Object b) { return compareFloat(((Number) a).doubleValue(), ((Number) b).doubleValue()); }
        @Override public long prefix(Object v) { return floatPrefix(((Number) v).doubleValue()); }
    };

    SortKeyType FLOAT4 = FLOAT8;

    /**
     * text/varchar in the C collation: Unicode code point order, which is the byte order of
     * UTF-8 (what PostgreSQL's memcmp compares). Prefix: the first 8 UTF-8 bytes, big-endian.
     */
    SortKeyType TEXT_C = new Simple(false, true) {
        @Override public int compare(Object a, Object b) { return compareCodePoints((String) a, (String) b); }
        @Override public long prefix(Object v) { return utf8Prefix((String) v); }
    };

    /** bytea: unsigned bytes, then length. */
    SortKeyType BYTEA = new Simple(false, true) {
        @Override public int compare(Object a, Object b) { return Arrays.compareUnsigned((byte[]) a, (byte[]) b); }
        @Override public long prefix(Object v) { return bytesPrefix((byte[]) v, ((byte[]) v).length); }
    };

    /**
     * numeric: finite values as BigDecimal, by value (1.0 = 1.00); the special values as an enum
     * constant whose name starts with {@code NEG} (-Infinity), {@code POS} (+Infinity) or is
     * {@code NAN} (both the storage and the executor enums qualify), ordered as PostgreSQL does:
     * -Infinity &lt; numbers &lt; +Infinity &lt; NaN, NaN = NaN. Prefix: the float8 prefix of the
     * rounded double (rounding is monotone).
     */
    SortKeyType NUMERIC = new Simple(false, false) {
        @Override public int compare(Object a, Object b) {
            int ra = numericRank(a), rb = numericRank(b);
            if (ra != rb || ra != 1) return Integer.compare(ra, rb);
            return ((BigDecimal) a).compareTo((BigDecimal) b);
        }
        @Override public long prefix(Object v) {
            return switch (numericRank(v)) {
                case 0 -> floatPrefix(Double.NEGATIVE_INFINITY);
                case 1 -> floatPrefix(((BigDecimal) v).doubleValue());
                case 2 -> floatPrefix(Double.POSITIVE_INFINITY);
                default -> floatPrefix(Double.NaN);
            };
        }
    };

    /** 0 -Infinity, 1 finite, 2 +Infinity, 3 NaN. */
    static int numericRank(Object v) {
        if (v instanceof BigDecimal) return 1;
        if (v instanceof Enum<?> e) {
            String n = e.name();
            if (n.startsWith("NEG")) return 0;
            if (n.startsWith("POS")) return 2;
            if (n.equals("NAN")) return 3;
        }
        throw new IllegalArgumentException("not a numeric value: " + v);
    }

    /** Any other type: a comparator only, no useful prefix. */
    static SortKeyType comparing(Comparator<Object> comparator) {
        return new Simple(false, false) {
            @Override public int compare(Object a, Object b) { return comparator.compare(a, b); }
            @Override public long prefix(Object v) { return 0; }
        };
    }

    /** Shared parts of the built-in types. */
    abstract class Simple implements SortKeyType {
        private final boolean exact;
        private final boolean spansAll;

        Simple(boolean exact, boolean spansAll) {
            this.exact = exact;
            this.spansAll = spansAll;
        }

        @Override public boolean prefixExact() { return exact; }

        @Override public boolean prefixSpansAllLongs() { return spansAll; }
    }

    static int compareFloat(double a, double b) {
        boolean an = Double.isNaN(a), bn = Double.isNaN(b);
        if (an || bn) return an == bn ? 0 : an ? 1 : -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /**
     * Order-preserving signed image of a double: non-negative values keep their bits, negative
     * ones get all but the sign bit flipped (so larger magnitudes come first). -0 and every NaN
     * are canonicalized first. Never yields Long.MIN_VALUE or MAX_VALUE.
     */
    static long floatPrefix(double d) {
        if (Double.isNaN(d)) d = Double.NaN;
        else if (d == 0.0) d = 0.0;
        long bits = Double.doubleToLongBits(d);
        return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    }

    /** UTF-16 compare with the surrogate fix-up that turns it into code point order. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF
                    x += x >= 0xE000 ? -0x800 : 0x2000;
                    y += y >= 0xE000 ? -0x800 : 0x2000;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** First 8 bytes of the UTF-8 encoding as an unsigned big-endian number, shifted to signed order. */
    static long utf8Prefix(String s) {
        long acc = 0;
        int nbytes = 0;
        int len = s.length();
        for (int i = 0; i < len && nbytes < 8; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                acc = (acc << 8) | c;
                nbytes++;
            } else {
                int end = Math.min(len, i + 8);
                if (end < len && Character.isHighSurrogate(s.charAt(end - 1))) end++;
                byte[] enc = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                for (int j = 0; j < enc.length && nbytes < 8; j++) {
                    acc = (acc << 8) | (enc[j] & 0xFF);
                    nbytes++;
                }
                break;
            }
        }
        acc <<= 8 * (8 - nbytes);
        return acc ^ Long.MIN_VALUE;
    }

    static long bytesPrefix(byte[] b, int len) {
        long acc = 0;
        int n = Math.min(8, len);
        for (int i = 0; i < n; i++) acc = (acc << 8) | (b[i] & 0xFF);
        acc <<= 8 * (8 - n);
        return acc ^ Long.MIN_VALUE;
    }
}
