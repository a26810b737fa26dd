package org.pgmini.executor.sort;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Serializes {@code Object[]} rows of known column kinds for tapes, and estimates their heap
 * size for {@code work_mem}. Format: a null bitmap ({@code ceil(n/8)} bytes, bit set = NULL),
 * then each non-null value: bool 1 byte, int2 2, int4 4, int8 8, float4 4, float8 8 (IEEE bits,
 * little-endian), text/bytea {@code int32 length + bytes} (text as UTF-8), numeric a tag byte
 * then {@code int32 scale + length-prefixed two's-complement unscaled value} (tag 0) or the
 * special value's enum constant name (tag 1).
 *
 * <p>Size estimate (64-bit JVM with compressed references): the row array
 * {@code 16 + 4n} rounded to 8; Short/Integer/Float 16, Long/Double 24, Boolean 0 (shared
 * instances); a String 24 + its byte array
 * (16 + length, doubled when it has a char above U+00FF), rounded to 8; byte[] 16 + length;
 * BigDecimal 40 + its BigInteger's 40 + magnitude.
 */
public final class RowCodec implements SortTupleCodec<Object[]> {
    /** The Java representation of a column, as {@code PgType} documents it. */
    public enum Kind { BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, TEXT, BYTEA, NUMERIC }

    private final Kind[] kinds;
    private final int bitmapBytes;
    private final Class<? extends Enum<?>> numericSpecials;

    /** Numeric specials (NaN, ±Infinity) are constants of storage's {@code NumericSpecial}. */
    public RowCodec(List<Kind> kinds) { this(kinds, org.pgmini.storage.tuple.NumericSpecial.class); }

    /** {@code numericSpecials}: the enum whose constants stand for numeric NaN and ±Infinity. */
    public RowCodec(List<Kind> kinds, Class<? extends Enum<?>> numericSpecials) {
        this.kinds = kinds.toArray(new Kind[0]);
        this.bitmapBytes = (this.kinds.length + 7) / 8;
        this.numericSpecials = numericSpecials;
    }

    private Object numericSpecial(String name) {
        for (Enum<?> e : numericSpecials.getEnumConstants()) if (e.name().equals(name)) return e;
        throw new IllegalStateException("unknown numeric special " + name);
    }

    @Override
    public void write(Object[] row, ByteSink out) {
        for (int b = 0; b < bitmapBytes; b++) {
            int bits = 0;
            for (int i = b * 8; i < Math.min(kinds.length, b * 8 + 8); i++) if (row[i] == null) bits |= 1 << (i - b * 8);
            out.writeByte(bits);
        }
        for (int i = 0; i < kinds.length; i++) {
            Object v = row[i];
            if (v == null) continue;
            switch (kinds[i]) {
                case BOOL -> out.writeByte((Boolean) v ? 1 : 0);
                case INT2 -> out.writeShort((Short) v);
                case INT4 -> out.writeInt((Integer) v);
                case INT8 -> out.writeLong((Long) v);
                case FLOAT4 -> out.writeInt(Float.floatToRawIntBits((Float) v));
                case FLOAT8 -> out.writeLong(Double.doubleToRawLongBits((Double) v));
                case TEXT -> out.writeString((String) v);
                case BYTEA -> out.writeLengthPrefixed((byte[]) v);
                case NUMERIC -> {
                    if (v instanceof BigDecimal d) {
                        out.writeByte(0);
                        out.writeInt(d.scale());
                        out.writeLengthPrefixed(d.unscaledValue().toByteArray());
                    } else {
                        out.writeByte(1);
                        out.writeString(((Enum<?>) v).name());
                    }
                }
            }
        }
    }

    @Override
    public Object[] read(byte[] buf, int off, int len) {
        ByteReader in = new ByteReader(buf, off + bitmapBytes, len - bitmapBytes);
        Object[] row = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            if ((buf[off + (i >> 3)] & (1 << (i & 7))) != 0) continue;
            row[i] = switch (kinds[i]) {
                case BOOL -> in.readByte() != 0;
                case INT2 -> in.readShort();
                case INT4 -> in.readInt();
                case INT8 -> in.readLong();
                case FLOAT4 -> Float.intBitsToFloat(in.readInt());
                case FLOAT8 -> Double.longBitsToDouble(in.readLong());
                case TEXT -> in.readString();
                case BYTEA -> in.readLengthPrefixed();
                case NUMERIC -> {
                    if (in.readByte() != 0) yield numericSpecial(in.readString());
                    int scale = in.readInt();
                    yield new BigDecimal(new BigInteger(in.readLengthPrefixed()), scale);
                }
            };
        }
        return row;
    }

    private static long align8(long n) { return (n + 7) & ~7L; }

    @Override
    public long memoryBytes(Object[] row) {
        long total = align8(16 + 4L * row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) continue;
            total += switch (kinds[i]) {
                case BOOL -> 0; // Boolean.TRUE/FALSE are shared
                case INT2, INT4, FLOAT4 -> 16;
                case INT8, FLOAT8 -> 24;
                case TEXT -> {
                    String s = (String) v;
                    yield 24 + align8(16 + (long) s.length() * (isLatin1(s) ? 1 : 2));
                }
                case BYTEA -> align8(16 + ((byte[]) v).length);
                case NUMERIC -> v instanceof BigDecimal d ? 80 + align8(16 + d.unscaledValue().bitLength() / 8 + 4) : 0;
            };
        }
        return total;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0, n = s.length(); i < n; i++) if (s.charAt(i) > 0xFF) return false;
        return true;
    }
}
