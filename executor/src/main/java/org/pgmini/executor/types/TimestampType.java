package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.executor.api.SessionContext;

/**
 * timestamp without time zone (OID 1114): java.lang.Long microseconds since 2000-01-01 00:00
 * (storage's representation); Long.MIN_VALUE and MAX_VALUE are -infinity and infinity. A zone
 * written in the input is ignored, as PostgreSQL does. Typmod (precision 0..6) rounds the
 * fraction of a second.
 */
public final class TimestampType implements PgType {
    TimestampType() {}

    @Override public int oid() { return 1114; }
    @Override public String name() { return "timestamp"; }
    @Override public short typlen() { return 8; }
    @Override public boolean inputDependsOnSession() { return true; }
    @Override public boolean outputDependsOnSession() { return true; }

    @Override
    public String output(Object value, SessionContext session) {
        return DateTimeFormat.timestamp((Long) value, SessionTime.of(session));
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        return roundToPrecision(DateTimeInput.timestamp(text, session, SessionTime.of(session)), typmod);
    }

    /** AdjustTimestampForTypmod: rounds a finite value to {@code typmod} fractional digits (half away from zero). */
    public static long roundToPrecision(long micros, int typmod) {
        if (typmod < 0 || typmod >= 6 || !DateTimes.isFinite(micros)) {
            return micros;
        }
        long unit = 1;
        for (int i = typmod; i < 6; i++) {
            unit *= 10;
        }
        long half = unit / 2;
        long r = micros >= 0 ? (micros + half) / unit * unit : -((-micros + half) / unit * unit);
        return DateTimes.checkTimestamp(r);
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(8).putLong((Long) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        long v = TypeIo.expect(data, 8).getLong();
        if (DateTimes.isFinite(v) && !DateTimes.timestampInRange(v)) {
            throw DateTimes.timestampOutOfRange();
        }
        return v;
    }
}
