package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * interval (OID 1186): storage's {@link IntervalValue} (microseconds, days, months), kept apart
 * as PostgreSQL does because a month is not a fixed number of days. Output follows
 * IntervalStyle ({@link IntervalFormat}); input reads PostgreSQL's unit syntax, time fields, SQL
 * standard and ISO 8601 forms ({@link IntervalParser}). Binary: int64 µs, int32 days, int32 months.
 */
public final class IntervalType implements PgType {
    IntervalType() {}

    @Override public int oid() { return 1186; }
    @Override public String name() { return "interval"; }
    @Override public short typlen() { return 16; }
    @Override public boolean outputDependsOnSession() { return true; }

    @Override
    public String output(Object value, SessionContext session) {
        return IntervalFormat.format((IntervalValue) value, SessionTime.of(session).intervalStyle());
    }

    @Override
    public Object input(String text, int typmod) {
        return IntervalParser.parse(text);
    }

    @Override
    public byte[] send(Object value) {
        IntervalValue v = (IntervalValue) value;
        return ByteBuffer.allocate(16).putLong(v.microseconds()).putInt(v.days()).putInt(v.months()).array();
    }

    @Override
    public Object receive(byte[] data) {
        ByteBuffer b = TypeIo.expect(data, 16);
        long us = b.getLong();
        int days = b.getInt();
        return new IntervalValue(us, days, b.getInt());
    }
}
