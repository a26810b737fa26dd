package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.executor.api.SessionContext;

/**
 * date (OID 1082): java.lang.Integer days since 2000-01-01 (storage's representation);
 * Integer.MIN_VALUE and MAX_VALUE are -infinity and infinity. Text I/O follows DateStyle
 * (see {@link DateTimeParser}, {@link DateTimeFormat}); binary is the int32 day count.
 */
public final class DateType implements PgType {
    DateType() {}

    @Override public int oid() { return 1082; }
    @Override public String name() { return "date"; }
    @Override public short typlen() { return 4; }
    @Override public boolean inputDependsOnSession() { return true; }
    @Override public boolean outputDependsOnSession() { return true; }

    @Override
    public String output(Object value, SessionContext session) {
        return DateTimeFormat.date((Integer) value, SessionTime.of(session));
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        return DateTimeInput.date(text, session, SessionTime.of(session));
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(4).putInt((Integer) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        int d = TypeIo.expect(data, 4).getInt();
        if (DateTimes.isFinite(d) && !DateTimes.dateInRange(d)) {
            throw DateTimes.dateOutOfRange();
        }
        return d;
    }
}
