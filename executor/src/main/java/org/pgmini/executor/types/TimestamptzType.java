package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import org.pgmini.executor.api.SessionContext;

/**
 * timestamp with time zone (OID 1184): java.time.Instant with microsecond precision (storage
 * keeps a Long of microseconds since 2000-01-01 UTC; {@link StorageValues} converts). The
 * infinities are the instants {@link #POS_INFINITY} and {@link #NEG_INFINITY}, which map to
 * Long.MAX_VALUE/MIN_VALUE microseconds. Text output follows DateStyle in the session's
 * TimeZone; input without a zone is read in the session's TimeZone; binary is the int64 count.
 */
public final class TimestamptzType implements PgType {
    public static final Instant POS_INFINITY = DateTimes.toInstant(DateTimes.TS_NOEND);
    public static final Instant NEG_INFINITY = DateTimes.toInstant(DateTimes.TS_NOBEGIN);

    TimestamptzType() {}

    @Override public int oid() { return 1184; }
    @Override public String name() { return "timestamptz"; }
    @Override public short typlen() { return 8; }
    @Override public boolean inputDependsOnSession() { return true; }
    @Override public boolean outputDependsOnSession() { return true; }

    /** The session's TimeZone as a java.time zone (UTC when unset). */
    public static ZoneId sessionZone(SessionContext session) {
        return SessionTime.zone(session);
    }

    @Override
    public String output(Object value, SessionContext session) {
        return DateTimeFormat.timestamptz(DateTimes.toMicros((Instant) value), SessionTime.of(session));
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        return DateTimes.toInstant(TimestampType.roundToPrecision(
                DateTimeInput.timestamptz(text, session, SessionTime.of(session)), typmod));
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(8).putLong(DateTimes.toMicros((Instant) value)).array();
    }

    @Override
    public Object receive(byte[] data) {
        long v = TypeIo.expect(data, 8).getLong();
        if (DateTimes.isFinite(v) && !DateTimes.timestampInRange(v)) {
            throw DateTimes.timestampOutOfRange();
        }
        return DateTimes.toInstant(v);
    }
}
