package org.pgmini.executor.parallel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * The compact binary form of rows in Gather's tuple queues. Self-describing (one tag byte per
 * value), because a Partial Aggregate's columns hold transition states whose classes vary; it
 * handles exactly the value classes of the "partial aggregate states" contract: null, Boolean,
 * Short, Integer, Long, Float, Double, BigDecimal, String, byte[], Byte ("char"), the date/time
 * values (Integer/Long already, {@link Instant}, {@link IntervalValue}), numeric NaN/±Infinity of
 * the executor and of storage, and {@code Object[]} of these, nested. Anything else fails loudly
 * (XX000), never silently.
 *
 * <p>Row: int column count, then each value (little-endian). Several rows go in one queue
 * message ({@link Writer} batches them), so the per-message cost of shm_mq is paid once per
 * batch, not per row. Neither side allocates per row beyond the decoded values themselves.
 */
public final class TupleQueueCodec {
    private TupleQueueCodec() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte NULL = 0, TRUE = 1, FALSE = 2, INT2 = 3, INT4 = 4, INT8 = 5, FLOAT4 = 6, FLOAT8 = 7,
            NUMERIC_SMALL = 8, NUMERIC_BIG = 9, TEXT_LATIN1 = 10, TEXT_UTF8 = 11, BYTES = 12, INSTANT = 13,
            INTERVAL = 14, NUMERIC_SPECIAL = 15, STORAGE_NUMERIC_SPECIAL = 16, CHAR = 17, ARRAY = 18;

    /** Encodes rows into one growing buffer; {@link #reset} after the batch was sent. */
    public static final class Writer {
        private byte[] buf = new byte[16384];
        private int pos;

        public int size() {
            return pos;
        }

        public byte[] buffer() {
            return buf;
        }

        public void reset() {
            pos = 0;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        public void writeRow(Object[] row) {
            writeRow(row, row.length);
        }

        /** The first {@code width} values of {@code row}. */
        public void writeRow(Object[] row, int width) {
            ensure(4);
            INT.set(buf, pos, width);
            pos += 4;
            for (int i = 0; i < width; i++) {
                writeValue(row[i]);
            }
        }

        private void tag(byte t) {
            ensure(1);
            buf[pos++] = t;
        }

        private void putInt(int v) {
            ensure(4);
            INT.set(buf, pos, v);
            pos += 4;
        }

        private void putLong(long v) {
            ensure(8);
            LONG.set(buf, pos, v);
            pos += 8;
        }

        private void writeValue(Object v) {
            if (v == null) {
                tag(NULL);
            } else if (v instanceof Integer i) {
                tag(INT4);
                putInt(i);
            } else if (v instanceof Long l) {
                tag(INT8);
                putLong(l);
            } else if (v instanceof String s) {
                writeString(s);
            } else if (v instanceof BigDecimal d) {
                writeNumeric(d);
            } else if (v instanceof Boolean b) {
                tag(b ? TRUE : FALSE);
            } else if (v instanceof Double d) {
                tag(FLOAT8);
                putLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Short s) {
                ensure(3);
                buf[pos++] = INT2;
                SHORT.set(buf, pos, (short) s);
                pos += 2;
            } else if (v instanceof Float f) {
                tag(FLOAT4);
                putInt(Float.floatToRawIntBits(f));
            } else if (v instanceof Instant t) {
                tag(INSTANT);
                putLong(t.getEpochSecond());
                putInt(t.getNano());
            } else if (v instanceof IntervalValue iv) {
                tag(INTERVAL);
                putLong(iv.microseconds());
                putInt(iv.days());
                putInt(iv.months());
            } else if (v instanceof byte[] b) {
                tag(BYTES);
                putInt(b.length);
                ensure(b.length);
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            } else if (v instanceof org.pgmini.executor.types.NumericSpecial ns) {
                tag(NUMERIC_SPECIAL);
                tag((byte) ns.ordinal());
            } else if (v instanceof org.pgmini.storage.tuple.NumericSpecial ns) {
                tag(STORAGE_NUMERIC_SPECIAL);
                tag((byte) ns.ordinal());
            } else if (v instanceof Byte b) {
                tag(CHAR);
                tag(b);
            } else if (v instanceof Object[] a) {
                tag(ARRAY);
                putInt(a.length);
                for (Object x : a) {
                    writeValue(x);
                }
            } else {
                throw new PgException(SqlState.INTERNAL_ERROR,
                        "cannot send a value of class " + v.getClass().getName() + " through a parallel tuple queue");
            }
        }

        private void writeString(String s) {
            int n = s.length();
            boolean latin1 = true;
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) > 0xff) {
                    latin1 = false;
                    break;
                }
            }
            if (latin1) {
                ensure(5 + n);
                buf[pos] = TEXT_LATIN1;
                INT.set(buf, pos + 1, n);
                pos += 5;
                s.getBytes(0, n, buf, pos); // the low byte of each char: exact for Latin-1
                pos += n;
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                ensure(5 + b.length);
                buf[pos] = TEXT_UTF8;
                INT.set(buf, pos + 1, b.length);
                pos += 5;
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }

        private void writeNumeric(BigDecimal d) {
            BigInteger u = d.unscaledValue();
            if (u.bitLength() < 64) {
                ensure(13);
                buf[pos] = NUMERIC_SMALL;
                INT.set(buf, pos + 1, d.scale());
                LONG.set(buf, pos + 5, u.longValue());
                pos += 13;
            } else {
                byte[] b = u.toByteArray();
                tag(NUMERIC_BIG);
                putInt(d.scale());
                putInt(b.length);
                ensure(b.length);
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }
    }

    /** Decodes the rows of one batch, in order. */
    public static final class Reader {
        private byte[] buf = new byte[0];
        private int pos;
        private int limit;

        /** Starts reading a batch of {@code length} bytes held in {@code data} (kept, not copied). */
        public void reset(byte[] data, int length) {
            this.buf = data;
            this.pos = 0;
            this.limit = length;
        }

        public boolean hasMore() {
            return pos < limit;
        }

        public Object[] readRow() {
            int n = (int) INT.get(buf, pos);
            pos += 4;
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = readValue();
            }
            return row;
        }

        private int getInt() {
            int v = (int) INT.get(buf, pos);
            pos += 4;
            return v;
        }

        private long getLong() {
            long v = (long) LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        private Object readValue() {
            byte t = buf[pos++];
            switch (t) {
                case NULL: return null;
                case TRUE: return Boolean.TRUE;
                case FALSE: return Boolean.FALSE;
                case INT2: {
                    short v = (short) SHORT.get(buf, pos);
                    pos += 2;
                    return v;
                }
                case INT4: return getInt();
                case INT8: return getLong();
                case FLOAT4: return Float.intBitsToFloat(getInt());
                case FLOAT8: return Double.longBitsToDouble(getLong());
                case NUMERIC_SMALL: {
                    int scale = getInt();
                    return BigDecimal.valueOf(getLong(), scale);
                }
                case NUMERIC_BIG: {
                    int scale = getInt();
                    int n = getInt();
                    BigInteger u = new BigInteger(buf, pos, n);
                    pos += n;
                    return new BigDecimal(u, scale);
                }
                case TEXT_LATIN1: {
                    int n = getInt();
                    String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
                    pos += n;
                    return s;
                }
                case TEXT_UTF8: {
                    int n = getInt();
                    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
                    pos += n;
                    return s;
                }
                case BYTES: {
                    int n = getInt();
                    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
                    pos += n;
                    return b;
                }
                case INSTANT: {
                    long sec = getLong();
                    return Instant.ofEpochSecond(sec, getInt());
                }
                case INTERVAL: {
                    long us = getLong();
                    int days = getInt();
                    return new IntervalValue(us, days, getInt());
                }
                case NUMERIC_SPECIAL: return org.pgmini.executor.types.NumericSpecial.values()[buf[pos++]];
                case STORAGE_NUMERIC_SPECIAL: return org.pgmini.storage.tuple.NumericSpecial.values()[buf[pos++]];
                case CHAR: return buf[pos++];
                case ARRAY: {
                    int n = getInt();
                    Object[] a = new Object[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = readValue();
                    }
                    return a;
                }
                default:
                    throw new PgException(SqlState.INTERNAL_ERROR, "invalid value tag " + t + " in a parallel tuple queue");
            }
        }
    }
}
