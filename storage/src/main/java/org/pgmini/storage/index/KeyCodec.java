package org.pgmini.storage.index;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.IntervalValue;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.NumericSpecial;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The order-preserving ("memcmp-able") byte encoding of index keys: for any two keys a and b of
 * one index, {@code a < b} in PostgreSQL's btree order exactly when the unsigned lexicographic
 * comparison of their encodings says so. Comparisons in the tree are therefore plain byte
 * comparisons, whatever the column types.
 *
 * <p>A column is a marker byte ({@link #NOT_NULL} 0x01, or {@link #NULL} 0x02 so NULLs sort last)
 * followed, when not null, by the value:
 * <ul>
 * <li>int2/int4/int8/oid: 8 bytes big-endian with the sign bit flipped (all integer types share
 *     one encoding, so a scan key of a wider integer type compares correctly); oid unsigned.</li>
 * <li>float4/float8: 8 bytes of the double (float4 widens exactly); -0 is stored as 0, every NaN
 *     as the one canonical NaN, which sorts above +Infinity (PostgreSQL's float order); negative
 *     values have all bits inverted, others the sign bit flipped.</li>
 * <li>date: 4 bytes, timestamp/timestamptz: 8 bytes, signed big-endian with the sign flipped.</li>
 * <li>bool, "char": 1 byte (unsigned, as PostgreSQL's char comparisons).</li>
 * <li>text/varchar/name (C collation: UTF-8 byte order), bpchar (trailing spaces stripped first),
 *     bytea: the bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x00, so a value that
 *     is a prefix of another sorts first and the encoding is prefix-free.</li>
 * <li>numeric: a class byte (1 -Infinity, 2 negative, 3 zero, 4 positive, 5 +Infinity, 6 NaN, as
 *     numeric_cmp orders them); positive values then hold the decimal exponent e (value = 0.d1d2..
 *     x 10^e, int32 with sign flipped) and the significant digits (trailing zeros dropped, so 1.0
 *     equals 1.00) as bytes digit+1, ended by 0x00; negative values the same for the absolute
 *     value with every byte after the class inverted.</li>
 * <li>interval: the 128-bit total of PostgreSQL's interval_cmp_value (months as 30 days, days
 *     as 24 hours, in microseconds), big-endian with the sign flipped: '1 month' equals '30 days'.</li>
 * <li>arrays (storage keeps array_send's form): see {@link #encodeArray}, array_cmp's order.</li>
 * </ul>
 * A DESC column has every byte of its encoding (marker included) inverted, so its values and
 * its NULLs (then first) come in reverse order. Every column encoding is prefix-free, so the
 * concatenation of the columns orders as the tuple of the values, and the 6-byte heap TID
 * (block, offset, big-endian unsigned) appended at the end makes every entry unique and orders
 * duplicates by heap position (PostgreSQL 12+'s "heap TID as a tiebreaker column").
 */
public final class KeyCodec {
    private KeyCodec() {}

    public static final int NOT_NULL = 0x01, NULL = 0x02;
    public static final int TID_SIZE = 6;
    /** Largest index item, as PostgreSQL's limit for btree version 4 tuples (a third of a page). */
    public static final int MAX_ITEM_SIZE = 2704;

    private static final int NUM_NEG_INF = 1, NUM_NEG = 2, NUM_ZERO = 3, NUM_POS = 4, NUM_POS_INF = 5, NUM_NAN = 6;
    private static final BigInteger USECS_PER_DAY = BigInteger.valueOf(86_400_000_000L);
    private static final BigInteger USECS_PER_MONTH = BigInteger.valueOf(30L * 86_400_000_000L);

    /** Raises PostgreSQL's error for a column type that has no btree ordering here. */
    public static void checkSupported(IndexRelation idx) {
        for (AttributeType t : idx.keyTypes()) {
            if (!isSupported(t)) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "B-tree indexes on columns of type " + sqlName(t) + " are not supported");
            }
        }
    }

    public static boolean isSupported(AttributeType t) {
        AttributeType e = elementType(t);
        return isScalar(e != null ? e : t);
    }

    private static boolean isScalar(AttributeType t) {
        return switch (t) {
            case BOOL, CHAR, NAME, INT8, INT2, INT4, TEXT, OID, FLOAT4, FLOAT8, BPCHAR, VARCHAR, DATE, TIMESTAMP,
                 TIMESTAMPTZ, INTERVAL, NUMERIC, BYTEA -> true;
            default -> false;
        };
    }

    /** The element type of an array type (INT4_ARRAY -> INT4), or null for a scalar type. */
    static AttributeType elementType(AttributeType t) {
        String n = t.name();
        return n.endsWith("_ARRAY") ? AttributeType.valueOf(n.substring(0, n.length() - 6)) : null;
    }

    /** format_type's name of the types we refuse (the array types). */
    static String sqlName(AttributeType t) {
        String n = t.name();
        if (!n.endsWith("_ARRAY")) return n.toLowerCase();
        String base = switch (n.substring(0, n.length() - 6)) {
            case "BOOL" -> "boolean";
            case "CHAR" -> "\"char\"";
            case "INT2" -> "smallint";
            case "INT4" -> "integer";
            case "INT8" -> "bigint";
            case "FLOAT4" -> "real";
            case "FLOAT8" -> "double precision";
            case "BPCHAR" -> "character";
            case "VARCHAR" -> "character varying";
            case "TIMESTAMP" -> "timestamp without time zone";
            case "TIMESTAMPTZ" -> "timestamp with time zone";
            default -> n.substring(0, n.length() - 6).toLowerCase();
        };
        return base + "[]";
    }

    // ------------------------------------------------------------------ encoding

    /** The sort key of an entry: all columns, then the heap TID. */
    public static byte[] encodeEntry(IndexRelation idx, Object[] values, ItemPointer tid) {
        if (values.length != idx.columns()) {
            throw new IllegalArgumentException("index \"" + idx.name() + "\" has " + idx.columns() + " columns, got " + values.length + " values");
        }
        KeyBuilder kb = new KeyBuilder(16 + 8 * values.length);
        for (int c = 0; c < values.length; c++) encodeColumn(kb, idx.keyTypes()[c], idx.descending()[c], values[c]);
        int rowSize = (4 + kb.length() + TID_SIZE + 7) & ~7;
        if (rowSize > MAX_ITEM_SIZE) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + rowSize
                    + " exceeds btree version 4 maximum " + MAX_ITEM_SIZE + " for index \"" + idx.name() + "\"", null,
                    "Values larger than 1/3 of a buffer page cannot be indexed.\n"
                            + "Consider a function index of an MD5 hash of the value, or use full text indexing.", 0, null, null);
        }
        appendTid(kb, tid);
        return kb.toArray();
    }

    /** One column's encoding (marker and value), inverted for DESC. */
    public static byte[] encodeColumn(AttributeType type, boolean desc, Object value) {
        KeyBuilder kb = new KeyBuilder(16);
        encodeColumn(kb, type, desc, value);
        return kb.toArray();
    }

    /** The marker-only prefix shared by every non-null value of a column. */
    static byte[] notNullPrefix(boolean desc) { return new byte[] {(byte) (desc ? ~NOT_NULL : NOT_NULL)}; }

    static void appendTid(KeyBuilder kb, ItemPointer tid) {
        kb.putInt(tid.block());
        kb.put((byte) (tid.offset() >>> 8));
        kb.put((byte) tid.offset());
    }

    /** The heap TID in the last 6 bytes of a sort key stored at {@code pos, len} of {@code b}. */
    static ItemPointer tidAt(ByteBuffer b, int pos, int len) {
        int at = pos + len - TID_SIZE;
        int block = ((b.get(at) & 0xFF) << 24) | ((b.get(at + 1) & 0xFF) << 16) | ((b.get(at + 2) & 0xFF) << 8) | (b.get(at + 3) & 0xFF);
        int off = ((b.get(at + 4) & 0xFF) << 8) | (b.get(at + 5) & 0xFF);
        return new ItemPointer(block, off);
    }

    static void encodeColumn(KeyBuilder kb, AttributeType type, boolean desc, Object v) {
        int start = kb.length();
        if (v == null) {
            kb.put((byte) NULL);
        } else {
            kb.put((byte) NOT_NULL);
            encodeValue(kb, type, v);
        }
        if (desc) kb.invert(start);
    }

    private static void encodeValue(KeyBuilder kb, AttributeType type, Object v) {
        switch (type) {
            case BOOL -> kb.put((byte) (((Boolean) v) ? 1 : 0));
            case CHAR -> kb.put(((Number) v).byteValue());
            case INT2, INT4, INT8 -> kb.putLong(integral(v) ^ Long.MIN_VALUE);
            case OID -> kb.putLong((v instanceof Integer i ? Integer.toUnsignedLong(i) : integral(v)) ^ Long.MIN_VALUE);
            case FLOAT4, FLOAT8 -> kb.putLong(floatBits(((Number) v).doubleValue()));
            case DATE -> kb.putInt(exact(v, Integer.class, type) ^ Integer.MIN_VALUE);
            case TIMESTAMP, TIMESTAMPTZ -> kb.putLong(exact(v, Long.class, type) ^ Long.MIN_VALUE);
            case TEXT, VARCHAR, NAME -> kb.putEscaped(((String) v).getBytes(StandardCharsets.UTF_8));
            case BPCHAR -> kb.putEscaped(stripTrailingSpaces((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> kb.putEscaped((byte[]) v);
            case NUMERIC -> encodeNumeric(kb, v);
            case INTERVAL -> encodeInterval(kb, (IntervalValue) v);
            default -> {
                AttributeType e = elementType(type);
                if (e == null || !isScalar(e)) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "B-tree indexes on columns of type " + sqlName(type) + " are not supported");
                }
                encodeArray(kb, e, (byte[]) v);
            }
        }
    }

    /**
     * A date must come as Integer (days) and a timestamp as Long (microseconds): the two have
     * different units, so a value of the other type would compare wrongly, not fail.
     */
    private static <T> T exact(Object v, Class<T> c, AttributeType type) {
        if (!c.isInstance(v)) {
            throw new IllegalArgumentException("a " + type.name().toLowerCase() + " key value must be a " + c.getSimpleName()
                    + ", not " + v.getClass().getSimpleName());
        }
        return c.cast(v);
    }

    private static long integral(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof BigDecimal d) return d.longValueExact();
        throw new IllegalArgumentException("not an integer key value: " + v.getClass().getSimpleName());
    }

    static long floatBits(double d) {
        if (d == 0.0) d = 0.0; // -0 equals 0
        long bits = Double.doubleToLongBits(d); // canonical NaN, positive: above +Infinity
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return end == s.length() ? s : s.substring(0, end);
    }

    private static void encodeNumeric(KeyBuilder kb, Object v) {
        if (v instanceof NumericSpecial s) {
            kb.put((byte) switch (s) {
                case NAN -> NUM_NAN;
                case POSITIVE_INFINITY -> NUM_POS_INF;
                case NEGATIVE_INFINITY -> NUM_NEG_INF;
            });
            return;
        }
        BigDecimal d;
        if (v instanceof BigDecimal bd) d = bd;
        else if (v instanceof Long || v instanceof Integer || v instanceof Short) d = BigDecimal.valueOf(((Number) v).longValue());
        else throw new IllegalArgumentException("not a numeric key value: " + v.getClass().getSimpleName());
        int sign = d.signum();
        if (sign == 0) { kb.put((byte) NUM_ZERO); return; }
        kb.put((byte) (sign > 0 ? NUM_POS : NUM_NEG));
        int start = kb.length();
        BigDecimal m = d.abs().stripTrailingZeros();
        String digits = m.unscaledValue().toString();
        int exponent = digits.length() - m.scale();
        kb.putInt(exponent ^ Integer.MIN_VALUE);
        for (int i = 0; i < digits.length(); i++) kb.put((byte) (digits.charAt(i) - '0' + 1));
        kb.put((byte) 0);
        if (sign < 0) kb.invert(start);
    }

    private static void encodeInterval(KeyBuilder kb, IntervalValue iv) {
        BigInteger total = BigInteger.valueOf(iv.microseconds())
                .add(BigInteger.valueOf(iv.days()).multiply(USECS_PER_DAY))
                .add(BigInteger.valueOf(iv.months()).multiply(USECS_PER_MONTH));
        kb.putLong(total.shiftRight(64).longValue() ^ Long.MIN_VALUE);
        kb.putLong(total.longValue());
    }

    /**
     * An array (its array_send form: ndim, has-null flag, element OID, per dimension length and
     * lower bound, then per element int32 length or -1 and the element's send form) in
     * array_cmp's order: the elements in storage order, each as a column (NULL elements above all
     * values), then a 0x00 terminator (a shorter array whose elements equal the other's first ones
     * sorts first), then the dimensionality as the tie-breaker: ndim (1 byte), the first dimension's
     * length and lower bound (int32, sign flipped; zeros for an empty array). Multidimensional arrays
     * (which pgmini's executor does not produce) are compared on their first dimension only after
     * the elements and ndim; they raise 0A000 instead.
     */
    private static void encodeArray(KeyBuilder kb, AttributeType elem, byte[] a) {
        ByteBuffer b = ByteBuffer.wrap(a);
        int ndim = b.getInt();
        b.getInt(); // has-null flag
        b.getInt(); // element OID
        if (ndim > 1) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "B-tree keys of multidimensional arrays are not supported");
        int n = 0, lower = 0;
        if (ndim == 1) {
            n = b.getInt();
            lower = b.getInt();
        }
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (len < 0) {
                kb.put((byte) NULL);
                continue;
            }
            byte[] e = new byte[len];
            b.get(e);
            kb.put((byte) NOT_NULL);
            encodeValue(kb, elem, fromSendForm(elem, e));
        }
        kb.put((byte) 0);
        kb.put((byte) ndim);
        kb.putInt(n ^ Integer.MIN_VALUE);
        kb.putInt(lower ^ Integer.MIN_VALUE);
    }

    /** A scalar's Java value from its binary send form (the element format inside arrays). */
    static Object fromSendForm(AttributeType t, byte[] e) {
        ByteBuffer b = ByteBuffer.wrap(e);
        return switch (t) {
            case BOOL -> e[0] != 0;
            case CHAR -> e[0];
            case INT2 -> b.getShort();
            case INT4, OID, DATE -> b.getInt();
            case INT8, TIMESTAMP, TIMESTAMPTZ -> b.getLong();
            case FLOAT4 -> b.getFloat();
            case FLOAT8 -> b.getDouble();
            case TEXT, VARCHAR, NAME, BPCHAR -> new String(e, StandardCharsets.UTF_8);
            case BYTEA -> e;
            case INTERVAL -> new IntervalValue(b.getLong(), b.getInt(), b.getInt());
            case NUMERIC -> numericFromSendForm(b);
            default -> throw new IllegalStateException("no send form for " + t);
        };
    }

    /** numeric_send: int16 ndigits, weight, sign, dscale, then base-10000 digits. */
    private static Object numericFromSendForm(ByteBuffer b) {
        int ndigits = b.getShort(), weight = b.getShort(), sign = b.getShort() & 0xFFFF, dscale = b.getShort();
        switch (sign) {
            case 0xC000: return NumericSpecial.NAN;
            case 0xD000: return NumericSpecial.POSITIVE_INFINITY;
            case 0xF000: return NumericSpecial.NEGATIVE_INFINITY;
            default: break;
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10000);
        for (int i = 0; i < ndigits; i++) unscaled = unscaled.multiply(base).add(BigInteger.valueOf(b.getShort()));
        // value = unscaled * 10000^(weight - ndigits + 1)
        BigDecimal d = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (sign == 0x4000) d = d.negate();
        return d.setScale(Math.max(dscale, 0), java.math.RoundingMode.UNNECESSARY);
    }

    // ------------------------------------------------------------------ parsing

    /**
     * End (exclusive) of the column encoding that starts at {@code pos} of {@code b}: the inverse
     * of {@link #encodeColumn}, needed to check conditions on non-leading columns.
     */
    static int columnEnd(AttributeType type, boolean desc, ByteBuffer b, int pos) {
        int x = desc ? 0xFF : 0;
        int marker = (b.get(pos) & 0xFF) ^ x;
        int p = pos + 1;
        if (marker == NULL) return p;
        return switch (type) {
            case BOOL, CHAR -> p + 1;
            case INT2, INT4, INT8, OID, FLOAT4, FLOAT8, TIMESTAMP, TIMESTAMPTZ -> p + 8;
            case DATE -> p + 4;
            case INTERVAL -> p + 16;
            case TEXT, VARCHAR, NAME, BPCHAR, BYTEA -> {
                while (true) {
                    if (((b.get(p) & 0xFF) ^ x) == 0) {
                        if (((b.get(p + 1) & 0xFF) ^ x) == 0) yield p + 2;
                        p += 2;
                    } else {
                        p++;
                    }
                }
            }
            case NUMERIC -> {
                int cls = (b.get(p) & 0xFF) ^ x;
                p++;
                if (cls != NUM_POS && cls != NUM_NEG) yield p;
                p += 4;
                int end = (cls == NUM_NEG ? 0xFF : 0) ^ x;
                while ((b.get(p) & 0xFF) != end) p++;
                yield p + 1;
            }
            default -> {
                AttributeType elem = elementType(type);
                if (elem == null) throw new IllegalStateException("no key encoding for " + type);
                while (((b.get(p) & 0xFF) ^ x) != 0) p = columnEnd(elem, desc, b, p);
                yield p + 1 + 9;
            }
        };
    }

    // ------------------------------------------------------------------ comparison

    /**
     * Compares a search key with a key stored at {@code pos, len} of {@code b}. The search key
     * stands for "just below every key that starts with it" ({@code plusInf} false) or "just above
     * every key that starts with it" (true); so the result is never 0: negative when the search key
     * sorts before the stored key.
     */
    static int compareSearch(byte[] s, boolean plusInf, ByteBuffer b, int pos, int len) {
        int n = Math.min(s.length, len);
        int i = 0;
        // 8 bytes at a time while both have them (the page buffer is little-endian: reverse)
        while (i + 8 <= n) {
            long a = bigEndianLong(s, i);
            long c = Long.reverseBytes(b.getLong(pos + i));
            if (a != c) return Long.compareUnsigned(a, c) < 0 ? -1 : 1;
            i += 8;
        }
        for (; i < n; i++) {
            int a = s[i] & 0xFF, c = b.get(pos + i) & 0xFF;
            if (a != c) return a < c ? -1 : 1;
        }
        if (s.length <= len) return plusInf ? 1 : -1; // the stored key starts with the search key
        return 1;                                      // the stored key is a proper prefix of it
    }

    /**
     * Compares the column encoding at {@code [pos, end)} with a bound that is either a whole column
     * encoding or a prefix of one (the not-null marker): 0 when the bound is a prefix of (or equal
     * to) the column, else the sign of the byte comparison.
     */
    static int comparePrefix(ByteBuffer b, int pos, int end, byte[] bound) {
        int len = end - pos;
        int n = Math.min(len, bound.length);
        for (int i = 0; i < n; i++) {
            int a = b.get(pos + i) & 0xFF, c = bound[i] & 0xFF;
            if (a != c) return a < c ? -1 : 1;
        }
        return bound.length <= len ? 0 : -1;
    }

    private static long bigEndianLong(byte[] s, int i) {
        return ((long) (s[i] & 0xFF) << 56) | ((long) (s[i + 1] & 0xFF) << 48) | ((long) (s[i + 2] & 0xFF) << 40)
                | ((long) (s[i + 3] & 0xFF) << 32) | ((long) (s[i + 4] & 0xFF) << 24) | ((s[i + 5] & 0xFF) << 16)
                | ((s[i + 6] & 0xFF) << 8) | (s[i + 7] & 0xFF);
    }

    /**
     * The shortest separator for a leaf split (suffix truncation): the shortest prefix of
     * {@code firstRight} that sorts above {@code lastLeft}. Both are whole entry keys (prefix-free),
     * so they differ at some byte, and the prefix up to and including it is enough.
     */
    static byte[] separator(byte[] lastLeft, byte[] firstRight) {
        int n = Math.min(lastLeft.length, firstRight.length);
        int i = 0;
        while (i < n && lastLeft[i] == firstRight[i]) i++;
        if (i == n) return firstRight.clone(); // equal keys (a duplicate entry): no shorter one
        return java.util.Arrays.copyOf(firstRight, i + 1);
    }

    /** A growable byte array for building keys. */
    static final class KeyBuilder {
        private byte[] a;
        private int n;

        KeyBuilder(int capacity) { a = new byte[Math.max(8, capacity)]; }

        int length() { return n; }

        private void ensure(int more) {
            if (n + more > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + more));
        }

        void put(byte v) { ensure(1); a[n++] = v; }

        void put(byte[] v) { ensure(v.length); System.arraycopy(v, 0, a, n, v.length); n += v.length; }

        void putInt(int v) {
            ensure(4);
            a[n++] = (byte) (v >>> 24); a[n++] = (byte) (v >>> 16); a[n++] = (byte) (v >>> 8); a[n++] = (byte) v;
        }

        void putLong(long v) { putInt((int) (v >>> 32)); putInt((int) v); }

        void putEscaped(byte[] v) {
            ensure(v.length + 2);
            for (byte x : v) {
                if (x == 0) { ensure(2); a[n++] = 0; a[n++] = (byte) 0xFF; }
                else { ensure(1); a[n++] = x; }
            }
            ensure(2);
            a[n++] = 0;
            a[n++] = 0;
        }

        void invert(int from) { for (int i = from; i < n; i++) a[i] = (byte) ~a[i]; }

        byte[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
