package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.executor.api.SessionContext;

/**
 * time without time zone (OID 1083): java.lang.Long microseconds since midnight, 0 to
 * 24:00:00 inclusive. Executor-only for now: storage has no time columns.
 */
public final class TimeType implements PgType {
    TimeType() {}

    @Override public int oid() { return 1083; }
    @Override public String name() { return "time"; }
    @Override public short typlen() { return 8; }
    @Override public boolean inputDependsOnSession() { return true; }

    @Override
    public String output(Object value, SessionContext session) {
        return DateTimeFormat.time((Long) value);
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        long t = DateTimeInput.time(text, session, SessionTime.of(session));
        return typmod >= 0 ? Math.min(TimestampType.roundToPrecision(t, typmod), DateTimes.USECS_PER_DAY) : t;
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(8).putLong((Long) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        long v = TypeIo.expect(data, 8).getLong();
        if (v < 0 || v > DateTimes.USECS_PER_DAY) {
            throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.DATETIME_FIELD_OVERFLOW, "time out of range");
        }
        return v;
    }
}
