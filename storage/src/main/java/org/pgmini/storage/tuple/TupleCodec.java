package org.pgmini.storage.tuple;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.page.Page;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * Forms heap tuples from Java values and deforms them back (heap_form_tuple / heap_deform_tuple).
 *
 * <p>Data layout after t_hoff: each non-null attribute in column order, aligned to its typalign
 * (offsets relative to the tuple start, which is MAXALIGN'd on the page) and stored by typlen:
 * fixed-length values in their width, varlena values with a 1-byte header when the whole datum
 * is at most 127 bytes (unaligned: {@code (totalLen << 1) | 1}) and a 4-byte header otherwise
 * (aligned: {@code totalLen << 2}). Pad bytes are zero, so a reader at an unaligned position of a
 * varlena attribute sees a nonzero byte exactly when a 1-byte-header datum starts there
 * (PostgreSQL's att_align_pointer rule). There is no TOAST: a tuple must fit in a page.
 */
public final class TupleCodec {
    private TupleCodec() {}

    /** Largest tuple that fits on an empty heap page (MaxHeapTupleSize). */
    public static final int MAX_TUPLE_SIZE = BLCKSZ - Page.maxAlign(Page.HEADER_SIZE + Page.ITEM_ID_SIZE);
    private static final int SHORT_VARLENA_MAX = 0x7F;

    private static int align(int off, int alignment) { return (off + alignment - 1) & -alignment; }

    /**
     * Builds a tuple (header + data) with xmin/xmax/cid 0, ctid invalid and t_infomask's
     * HEAP_XMAX_INVALID set; the heap fills in the transaction fields when inserting.
     */
    public static byte[] form(TupleDesc desc, Object[] values) {
        int natts = desc.natts();
        if (values.length != natts) throw new IllegalArgumentException("expected " + natts + " values, got " + values.length);
        boolean hasNull = false;
        byte[][] varData = new byte[natts][];
        for (int i = 0; i < natts; i++) {
            Attribute a = desc.attr(i);
            if (values[i] == null || a.dropped()) { hasNull = true; continue; }
            if (a.attlen() == -1) varData[i] = varlenaBody(a.type(), values[i]);
        }
        int hoff = Page.maxAlign(HeapTupleHeader.SIZE + (hasNull ? (natts + 7) / 8 : 0));
        // pass 1: size
        int off = hoff;
        for (int i = 0; i < natts; i++) {
            Attribute a = desc.attr(i);
            if (values[i] == null || a.dropped()) continue;
            off = placeAttribute(a, varData[i], off) + storedSize(a, varData[i]);
        }
        int total = off;
        if (total > MAX_TUPLE_SIZE) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size " + total + ", maximum size " + MAX_TUPLE_SIZE);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        int infomask = HeapTupleHeader.HEAP_XMAX_INVALID;
        if (hasNull) infomask |= HeapTupleHeader.HEAP_HASNULL;
        if (desc.hasVarlena()) infomask |= HeapTupleHeader.HEAP_HASVARWIDTH;
        HeapTupleHeader.setCtid(b, 0, ItemPointer.INVALID);
        HeapTupleHeader.setInfomask(b, 0, infomask);
        HeapTupleHeader.setInfomask2(b, 0, natts & HeapTupleHeader.HEAP_NATTS_MASK);
        HeapTupleHeader.setHoff(b, 0, hoff);
        off = hoff;
        for (int i = 0; i < natts; i++) {
            Attribute a = desc.attr(i);
            if (values[i] == null || a.dropped()) continue;
            if (hasNull) {
                int p = HeapTupleHeader.bitsOffset() + (i >> 3);
                b.put(p, (byte) (b.get(p) | (1 << (i & 7))));
            }
            off = placeAttribute(a, varData[i], off);
            off = writeAttribute(b, off, a, values[i], varData[i]);
        }
        return b.array();
    }

    /** Where an attribute starts when the previous one ended at {@code off}. */
    private static int placeAttribute(Attribute a, byte[] varData, int off) {
        if (a.attlen() == -1 && varData.length + 1 <= SHORT_VARLENA_MAX) return off; // short varlena: no alignment
        return align(off, a.type().alignment());
    }

    private static int storedSize(Attribute a, byte[] varData) {
        if (a.attlen() != -1) return a.attlen();
        return varData.length + 1 <= SHORT_VARLENA_MAX ? varData.length + 1 : varData.length + 4;
    }

    private static byte[] varlenaBody(AttributeType t, Object v) {
        try {
            return switch (t) {
                case TEXT, VARCHAR, BPCHAR -> ((String) v).getBytes(StandardCharsets.UTF_8);
                case BYTEA -> (byte[]) v;
                case NUMERIC -> NumericCodec.encode(v);
                default -> {
                    if (!t.isOpaqueBytes()) throw new IllegalStateException("not a varlena type: " + t);
                    yield (byte[]) v;
                }
            };
        } catch (ClassCastException e) {
            throw wrongClass(t, v);
        }
    }

    private static IllegalArgumentException wrongClass(AttributeType t, Object v) {
        return new IllegalArgumentException("a " + t.name().toLowerCase() + " value must be " + t.javaClass().getSimpleName()
                + ", not " + v.getClass().getSimpleName());
    }

    private static int writeAttribute(ByteBuffer b, int off, Attribute a, Object v, byte[] varData) {
        AttributeType t = a.type();
        if (t.typlen() == -1) {
            int body = varData.length;
            if (body + 1 <= SHORT_VARLENA_MAX) {
                b.put(off, (byte) (((body + 1) << 1) | 1));
                b.put(off + 1, varData);
                return off + 1 + body;
            }
            b.putInt(off, (body + 4) << 2);
            b.put(off + 4, varData);
            return off + 4 + body;
        }
        try {
            switch (t) {
                case BOOL -> b.put(off, (byte) (((Boolean) v) ? 1 : 0));
                case CHAR -> b.put(off, (Byte) v);
                case INT2 -> b.putShort(off, (Short) v);
                case INT4, OID, DATE -> b.putInt(off, (Integer) v);
                case INT8, TIMESTAMP, TIMESTAMPTZ -> b.putLong(off, (Long) v);
                case FLOAT4 -> b.putFloat(off, (Float) v);
                case FLOAT8 -> b.putDouble(off, (Double) v);
                case INTERVAL -> {
                    IntervalValue iv = (IntervalValue) v;
                    b.putLong(off, iv.microseconds());
                    b.putInt(off + 8, iv.days());
                    b.putInt(off + 12, iv.months());
                }
                case NAME -> {
                    byte[] s = ((String) v).getBytes(StandardCharsets.UTF_8);
                    if (s.length >= 64) throw new IllegalArgumentException("name too long: " + v);
                    b.put(off, s); // the remaining bytes of the 64 stay zero
                }
                default -> throw new IllegalStateException("unhandled type " + t);
            }
        } catch (ClassCastException e) {
            throw wrongClass(t, v);
        }
        return off + t.typlen();
    }

    /** Deforms a tuple held in a byte array. */
    public static Object[] deform(TupleDesc desc, byte[] tuple) {
        return deform(desc, ByteBuffer.wrap(tuple).order(ByteOrder.LITTLE_ENDIAN), 0);
    }

    /**
     * Deforms the tuple at {@code base} of a little-endian buffer into one Java value per column
     * (null for SQL NULL, for dropped columns, and for columns added after the tuple was written).
     */
    public static Object[] deform(TupleDesc desc, ByteBuffer b, int base) {
        Object[] out = new Object[desc.natts()];
        deform(desc, b, base, out, desc.natts());
        return out;
    }

    /**
     * Deforms only the first {@code natts} columns into {@code out} (slot_getsomeattrs): a scan
     * that needs columns 0..k reuses one array and skips decoding the rest. Other entries of
     * {@code out} are left alone.
     */
    public static void deform(TupleDesc desc, ByteBuffer b, int base, Object[] out, int natts) {
        for (int i = 0; i < natts; i++) out[i] = null;
        int tupleNatts = Math.min(HeapTupleHeader.natts(b, base), natts);
        boolean hasNull = (HeapTupleHeader.infomask(b, base) & HeapTupleHeader.HEAP_HASNULL) != 0;
        int off = HeapTupleHeader.hoff(b, base);
        for (int i = 0; i < tupleNatts; i++) {
            Attribute a = desc.attr(i);
            if (hasNull && HeapTupleHeader.isNull(b, base, i)) continue;
            AttributeType t = a.type();
            if (t.typlen() == -1) {
                // an unaligned nonzero byte can only be a 1-byte varlena header; else skip padding
                if ((b.get(base + off) & 1) == 0) off = align(off, t.alignment());
                int first = b.get(base + off) & 0xFF;
                int hdr, total;
                if ((first & 1) == 1) {
                    hdr = 1;
                    total = first >>> 1;
                } else {
                    hdr = 4;
                    total = b.getInt(base + off) >>> 2;
                }
                int bodyLen = total - hdr;
                if (!a.dropped()) out[i] = readVarlena(t, b, base + off + hdr, bodyLen);
                off += total;
            } else {
                off = align(off, t.alignment());
                if (!a.dropped()) out[i] = readFixed(t, b, base + off);
                off += t.typlen();
            }
        }
    }

    private static Object readVarlena(AttributeType t, ByteBuffer b, int pos, int len) {
        return switch (t) {
            case TEXT, VARCHAR, BPCHAR -> {
                byte[] bytes = new byte[len];
                b.get(pos, bytes);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case BYTEA -> {
                byte[] bytes = new byte[len];
                b.get(pos, bytes);
                yield bytes;
            }
            case NUMERIC -> NumericCodec.decode(b, pos, len);
            default -> {
                if (!t.isOpaqueBytes()) throw new IllegalStateException("not a varlena type: " + t);
                byte[] bytes = new byte[len];
                b.get(pos, bytes);
                yield bytes;
            }
        };
    }

    private static Object readFixed(AttributeType t, ByteBuffer b, int pos) {
        return switch (t) {
            case BOOL -> b.get(pos) != 0;
            case CHAR -> b.get(pos);
            case INT2 -> b.getShort(pos);
            case INT4, OID, DATE -> b.getInt(pos);
            case INT8, TIMESTAMP, TIMESTAMPTZ -> b.getLong(pos);
            case FLOAT4 -> b.getFloat(pos);
            case FLOAT8 -> b.getDouble(pos);
            case INTERVAL -> new IntervalValue(b.getLong(pos), b.getInt(pos + 8), b.getInt(pos + 12));
            case NAME -> {
                int n = 0;
                while (n < 64 && b.get(pos + n) != 0) n++;
                byte[] s = new byte[n];
                b.get(pos, s);
                yield new String(s, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException("unhandled type " + t);
        };
    }
}
