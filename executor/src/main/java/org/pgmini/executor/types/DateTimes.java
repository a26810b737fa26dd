package org.pgmini.executor.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Calendar arithmetic shared by date, timestamp, timestamptz and time, on PostgreSQL's
 * representations: a date is days since 2000-01-01 (Integer; MIN_VALUE/MAX_VALUE are -infinity
 * and infinity), a timestamp is microseconds since 2000-01-01 00:00 (Long; MIN_VALUE/MAX_VALUE are
 * the infinities), a time is microseconds since midnight. The calendar is the proleptic Gregorian
 * one with year 0 = 1 BC (java.time's). Ranges are PostgreSQL's: dates from 4714-11-24 BC to
 * 5874897-12-31, timestamps from 4714-11-24 00:00 BC to 294276-12-31 23:59:59.999999.
 */
public final class DateTimes {
    private DateTimes() {}

    public static final String TZ_DISPLACEMENT_OUT_OF_RANGE = "22009";
    public static final String INTERVAL_FIELD_OVERFLOW = "22015";

    public static final long USECS_PER_SEC = 1_000_000L;
    public static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    public static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    public static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;

    /** 2000-01-01 in java.time's epoch days. */
    public static final long PG_EPOCH_DAY = 10957;

    public static final int DATE_NOBEGIN = Integer.MIN_VALUE;
    public static final int DATE_NOEND = Integer.MAX_VALUE;
    public static final long TS_NOBEGIN = Long.MIN_VALUE;
    public static final long TS_NOEND = Long.MAX_VALUE;

    /** First valid date: 4714-11-24 BC (Julian day 0). */
    public static final int MIN_DATE = -2451545;
    /** Last valid date: 5874897-12-31. */
    public static final int MAX_DATE = 2145031948;
    /** First valid timestamp: 4714-11-24 00:00 BC. */
    public static final long MIN_TIMESTAMP = -211813488000000000L;
    /** One past the last valid timestamp: 294277-01-01 00:00. */
    public static final long END_TIMESTAMP = 9223371331200000000L;

    public static boolean isFinite(int date) {
        return date != DATE_NOBEGIN && date != DATE_NOEND;
    }

    public static boolean isFinite(long ts) {
        return ts != TS_NOBEGIN && ts != TS_NOEND;
    }

    public static boolean dateInRange(long days) {
        return days >= MIN_DATE && days <= MAX_DATE;
    }

    public static boolean timestampInRange(long micros) {
        return micros >= MIN_TIMESTAMP && micros < END_TIMESTAMP;
    }

    /** Days since 2000-01-01 of a proleptic ISO date. */
    public static long days(int isoYear, int month, int day) {
        return LocalDate.of(isoYear, month, day).toEpochDay() - PG_EPOCH_DAY;
    }

    public static LocalDate localDate(long pgDays) {
        return LocalDate.ofEpochDay(pgDays + PG_EPOCH_DAY);
    }

    public static PgException dateOutOfRange() {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
    }

    public static PgException timestampOutOfRange() {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }

    public static PgException intervalOutOfRange() {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    /** A finite timestamp value, 22008 "timestamp out of range" when outside the valid range. */
    public static long checkTimestamp(long micros) {
        if (!timestampInRange(micros)) {
            throw timestampOutOfRange();
        }
        return micros;
    }

    /** Integer date from days, 22008 "date out of range" outside the valid range. */
    public static int checkDate(long days) {
        if (!dateInRange(days)) {
            throw dateOutOfRange();
        }
        return (int) days;
    }

    // ---- timestamptz <-> microseconds since 2000-01-01 UTC ----

    public static long toMicros(Instant i) {
        long secs = i.getEpochSecond() - PG_EPOCH_DAY * 86400;
        long micros = i.getNano() / 1000;
        if (secs < 0 && micros > 0) {
            // borrow a second first so that -infinity (Long.MIN_VALUE µs) does not overflow on the way
            secs++;
            micros -= USECS_PER_SEC;
        }
        return Math.addExact(Math.multiplyExact(secs, USECS_PER_SEC), micros);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(PG_EPOCH_DAY * 86400 + Math.floorDiv(micros, USECS_PER_SEC),
                Math.floorMod(micros, USECS_PER_SEC) * 1000L);
    }

    /** The offset (seconds east of UTC) of {@code zone} at the UTC instant {@code utcMicros}. */
    public static int offsetAt(ZoneId zone, long utcMicros) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        ZoneRules rules = zone.getRules();
        long secs = Math.floorDiv(utcMicros, USECS_PER_SEC) + PG_EPOCH_DAY * 86400;
        // beyond java.time's instant range the current rules are as good as any
        secs = Math.max(Math.min(secs, Instant.MAX.getEpochSecond()), Instant.MIN.getEpochSecond());
        return rules.getOffset(Instant.ofEpochSecond(secs)).getTotalSeconds();
    }

    /**
     * The UTC microseconds of a local timestamp in {@code zone}; a local time in a DST gap moves
     * forward by the gap, an ambiguous one takes the later (standard time) offset, as PostgreSQL.
     */
    public static long localToUtc(long localMicros, ZoneId zone) {
        if (zone instanceof ZoneOffset o) {
            return localMicros - o.getTotalSeconds() * USECS_PER_SEC;
        }
        long secs = Math.floorDiv(localMicros, USECS_PER_SEC) + PG_EPOCH_DAY * 86400;
        long frac = Math.floorMod(localMicros, USECS_PER_SEC);
        java.time.LocalDateTime ldt;
        try {
            ldt = java.time.LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return localMicros;
        }
        java.time.ZonedDateTime z = java.time.ZonedDateTime.ofLocal(ldt, zone, null).withLaterOffsetAtOverlap();
        return (z.toEpochSecond() - PG_EPOCH_DAY * 86400) * USECS_PER_SEC + frac;
    }

    /** Microseconds since 2000 of a local date and time of day. */
    public static long timestamp(long pgDays, long timeMicros) {
        return Math.addExact(Math.multiplyExact(pgDays, USECS_PER_DAY), timeMicros);
    }

    /** The PostgreSQL year of an ISO year (0 and before are BC). */
    public static int displayYear(int isoYear) {
        return isoYear > 0 ? isoYear : 1 - isoYear;
    }
}
