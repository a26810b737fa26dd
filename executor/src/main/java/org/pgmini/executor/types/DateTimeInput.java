package org.pgmini.executor.types;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * Turns parsed date/time fields into values of each type: the special words, relative days
 * (today, tomorrow, yesterday, resolved in the session's zone at the transaction's start, which
 * PostgreSQL's 'now' also means) and the range checks with PostgreSQL's messages.
 */
final class DateTimeInput {
    private DateTimeInput() {}

    /** now(): the transaction's start as the session reports it, else the clock. */
    static Instant now(SessionContext session) {
        Instant t = null;
        if (session != null) {
            try {
                t = session.transaction().transactionStartTime();
                if (t == null) {
                    t = session.transaction().statementStartTime();
                }
            } catch (RuntimeException e) {
                t = null;
            }
        }
        return t != null ? t : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static long nowMicros(SessionContext session) {
        return DateTimes.toMicros(now(session));
    }

    private static PgException outOfRange(String what, String text) {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, what + " out of range: \"" + text + "\"");
    }

    private static long timeOfDay(DateTimeParser.Fields f) {
        return f.hour * DateTimes.USECS_PER_HOUR + f.minute * DateTimes.USECS_PER_MINUTE
                + f.second * DateTimes.USECS_PER_SEC + f.micros;
    }

    /** The local date of the fields in days since 2000 (relative words resolved in {@code zone}). */
    private static long localDays(DateTimeParser.Fields f, SessionContext session, ZoneId zone, String type, String text) {
        if (f.julian != null) {
            return (long) f.julian - 2451545L;
        }
        if (f.relativeDays != null) {
            long utc = nowMicros(session);
            long local = utc + DateTimes.offsetAt(zone, utc) * DateTimes.USECS_PER_SEC;
            return Math.floorDiv(local, DateTimes.USECS_PER_DAY) + f.relativeDays;
        }
        if (Math.abs((long) f.year) > 6_000_000) {
            throw outOfRange(type, text);
        }
        return DateTimes.days(f.year, f.month, f.day);
    }

    static int date(String text, SessionContext session, SessionTime st) {
        DateTimeParser.Fields f = DateTimeParser.parse(TypeIo.trimSpaces(text), "date", st.order());
        if (f.special != null) {
            switch (f.special) {
                case INFINITY: return DateTimes.DATE_NOEND;
                case NEG_INFINITY: return DateTimes.DATE_NOBEGIN;
                case EPOCH: return (int) -DateTimes.PG_EPOCH_DAY;
                default: {
                    long utc = nowMicros(session);
                    long local = utc + DateTimes.offsetAt(st.zone(), utc) * DateTimes.USECS_PER_SEC;
                    return (int) Math.floorDiv(local, DateTimes.USECS_PER_DAY);
                }
            }
        }
        if (!f.hasDate) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type date: \"" + text + "\"");
        }
        long days = localDays(f, session, st.zone(), "date", text);
        if (!DateTimes.dateInRange(days)) {
            throw outOfRange("date", text);
        }
        return (int) days;
    }

    static long timestamp(String text, SessionContext session, SessionTime st) {
        DateTimeParser.Fields f = DateTimeParser.parse(TypeIo.trimSpaces(text), "timestamp", st.order());
        if (f.special != null) {
            switch (f.special) {
                case INFINITY: return DateTimes.TS_NOEND;
                case NEG_INFINITY: return DateTimes.TS_NOBEGIN;
                case EPOCH: return -DateTimes.PG_EPOCH_DAY * DateTimes.USECS_PER_DAY;
                default: {
                    long utc = nowMicros(session);
                    return utc + DateTimes.offsetAt(st.zone(), utc) * DateTimes.USECS_PER_SEC;
                }
            }
        }
        if (!f.hasDate) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp: \"" + text + "\"");
        }
        long days = localDays(f, session, st.zone(), "timestamp", text);
        long ts = days * DateTimes.USECS_PER_DAY + timeOfDay(f);
        if (!DateTimes.timestampInRange(ts) || Math.abs(days) > 200_000_000L) {
            throw outOfRange("timestamp", text);
        }
        return ts;
    }

    static long timestamptz(String text, SessionContext session, SessionTime st) {
        DateTimeParser.Fields f = DateTimeParser.parse(TypeIo.trimSpaces(text), "timestamp with time zone", st.order());
        if (f.special != null) {
            switch (f.special) {
                case INFINITY: return DateTimes.TS_NOEND;
                case NEG_INFINITY: return DateTimes.TS_NOBEGIN;
                case EPOCH: return -DateTimes.PG_EPOCH_DAY * DateTimes.USECS_PER_DAY;
                default: return nowMicros(session);
            }
        }
        if (!f.hasDate) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
        }
        ZoneId zone = f.zone != null ? f.zone : st.zone();
        long days = localDays(f, session, zone, "timestamp", text);
        if (Math.abs(days) > 200_000_000L) {
            throw outOfRange("timestamp", text);
        }
        long local = days * DateTimes.USECS_PER_DAY + timeOfDay(f);
        long utc = f.offsetSeconds != null ? local - f.offsetSeconds * DateTimes.USECS_PER_SEC : DateTimes.localToUtc(local, zone);
        if (!DateTimes.timestampInRange(utc)) {
            throw outOfRange("timestamp", text);
        }
        return utc;
    }

    static long time(String text, SessionContext session, SessionTime st) {
        DateTimeParser.Fields f = DateTimeParser.parse(TypeIo.trimSpaces(text), "time without time zone", st.order());
        if (f.special == DateTimeParser.Special.NOW) {
            long utc = nowMicros(session);
            return Math.floorMod(utc + DateTimes.offsetAt(st.zone(), utc) * DateTimes.USECS_PER_SEC, DateTimes.USECS_PER_DAY);
        }
        if (f.special != null || !f.hasTime) {
            throw new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type time: \"" + text + "\"");
        }
        return timeOfDay(f);
    }
}
