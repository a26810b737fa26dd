package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * timestamp with time zone (OID 1184): java.time.Instant with microsecond precision. Text
 * output is DateStyle ISO in the session's TimeZone ({@code 2024-01-02 03:04:05.123456+01});
 * binary is microseconds since 2000-01-01 00:00 UTC.
 */
public final class TimestamptzType implements PgType {
    private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    TimestamptzType() {}

    @Override public int oid() { return 1184; }
    @Override public String name() { return "timestamptz"; }
    @Override public short typlen() { return 8; }

    /** The session's TimeZone as a java.time zone (UTC when unknown to Java). */
    public static ZoneId sessionZone(SessionContext session) {
        String tz = session == null ? null : session.settings().currentSetting("TimeZone", true);
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    @Override
    public String output(Object value, SessionContext session) {
        Instant instant = (Instant) value;
        ZonedDateTime z = instant.atZone(sessionZone(session));
        StringBuilder sb = new StringBuilder(DATE_TIME.format(z));
        int micros = z.getNano() / 1000;
        if (micros != 0) {
            String frac = String.format("%06d", micros);
            int e = frac.length();
            while (frac.charAt(e - 1) == '0') {
                e--;
            }
            sb.append('.').append(frac, 0, e);
        }
        int offset = z.getOffset().getTotalSeconds();
        sb.append(offset < 0 ? '-' : '+');
        int a = Math.abs(offset);
        sb.append(String.format("%02d", a / 3600));
        if (a % 3600 != 0) {
            sb.append(String.format(":%02d", (a % 3600) / 60));
            if (a % 60 != 0) {
                sb.append(String.format(":%02d", a % 60));
            }
        }
        return sb.toString();
    }

    /** ISO 8601 forms only ({@code 2024-01-02 03:04:05[.ffffff][+hh[:mm]]}); other styles are 0A000-free 22007. */
    @Override
    public Object input(String text, int typmod) {
        String s = TypeIo.trimSpaces(text).replace('T', ' ');
        try {
            int tzStart = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (tzStart > 10) {
                String off = s.substring(tzStart);
                if (off.length() == 3) {
                    off = off + ":00";
                }
                OffsetDateTime odt = LocalDateTime.parse(s.substring(0, tzStart).trim().replace(' ', 'T'))
                        .atOffset(ZoneOffset.of(off));
                return odt.toInstant().truncatedTo(ChronoUnit.MICROS);
            }
            LocalDateTime ldt = s.length() == 10 ? LocalDateTime.parse(s + "T00:00:00")
                    : LocalDateTime.parse(s.replace(' ', 'T'));
            return ldt.atZone(ZoneOffset.UTC).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
        }
    }

    @Override
    public byte[] send(Object value) {
        long micros = ChronoUnit.MICROS.between(PG_EPOCH, (Instant) value);
        return ByteBuffer.allocate(8).putLong(micros).array();
    }

    @Override
    public Object receive(byte[] data) {
        return PG_EPOCH.plus(TypeIo.expect(data, 8).getLong(), ChronoUnit.MICROS);
    }
}
