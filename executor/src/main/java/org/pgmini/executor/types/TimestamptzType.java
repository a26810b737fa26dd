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
 * output follows DateStyle (ISO {@code 2024-01-02 03:04:05.123456+01}, Postgres, SQL, German)
 * in the session's TimeZone (zone abbreviations as Java names them);
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
        String style = session == null ? null : session.settings().currentSetting("DateStyle", true);
        String s = style == null ? "iso" : style.toLowerCase(java.util.Locale.ROOT);
        boolean dmy = s.contains("dmy") || (s.contains("european") && !s.contains("mdy"));
        String frac = fraction(z);
        if (s.startsWith("postgres")) {
            // Sun Nov 22 01:31:00.5 2026 PST  (day before month when DMY)
            String dm = dmy ? String.format("%02d %s", z.getDayOfMonth(), MONTHS.format(z))
                    : String.format("%s %02d", MONTHS.format(z), z.getDayOfMonth());
            return DAYS.format(z) + " " + dm + " " + String.format("%02d:%02d:%02d", z.getHour(), z.getMinute(),
                    z.getSecond()) + frac + " " + z.getYear() + " " + ZONE_ABBREV.format(z);
        }
        if (s.startsWith("sql")) {
            String date = dmy ? String.format("%02d/%02d/%04d", z.getDayOfMonth(), z.getMonthValue(), z.getYear())
                    : String.format("%02d/%02d/%04d", z.getMonthValue(), z.getDayOfMonth(), z.getYear());
            return date + " " + String.format("%02d:%02d:%02d", z.getHour(), z.getMinute(), z.getSecond()) + frac
                    + " " + ZONE_ABBREV.format(z);
        }
        if (s.startsWith("german")) {
            return String.format("%02d.%02d.%04d %02d:%02d:%02d", z.getDayOfMonth(), z.getMonthValue(), z.getYear(),
                    z.getHour(), z.getMinute(), z.getSecond()) + frac + " " + ZONE_ABBREV.format(z);
        }
        StringBuilder sb = new StringBuilder(DATE_TIME.format(z)).append(frac);
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

    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("EEE", java.util.Locale.ENGLISH);
    private static final DateTimeFormatter MONTHS = DateTimeFormatter.ofPattern("MMM", java.util.Locale.ENGLISH);
    private static final DateTimeFormatter ZONE_ABBREV = DateTimeFormatter.ofPattern("zzz", java.util.Locale.ENGLISH);

    /** ".ffffff" without trailing zeros, or "" for whole seconds. */
    private static String fraction(ZonedDateTime z) {
        int micros = z.getNano() / 1000;
        if (micros == 0) {
            return "";
        }
        String f = String.format("%06d", micros);
        int e = f.length();
        while (f.charAt(e - 1) == '0') {
            e--;
        }
        return "." + f.substring(0, e);
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
