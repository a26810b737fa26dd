package org.pgmini.executor.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * Arithmetic and conversions of the date/time types with PostgreSQL's semantics: month
 * arithmetic clamps to the month's last day, timestamptz arithmetic in days and months happens
 * in local time of the session's zone, subtraction of timestamps yields hours justified into
 * days, interval comparison counts a month as 30 days, infinities stay infinite.
 */
public final class DateTimeOps {
    private DateTimeOps() {}

    private static final long DAY = DateTimes.USECS_PER_DAY;

    // ---- conversions ----

    public static long dateToTimestamp(int d) {
        if (d == DateTimes.DATE_NOBEGIN) {
            return DateTimes.TS_NOBEGIN;
        }
        if (d == DateTimes.DATE_NOEND) {
            return DateTimes.TS_NOEND;
        }
        long ts = (long) d * DAY;
        if (!DateTimes.timestampInRange(ts) || Math.abs((long) d) > 110_000_000L) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range for timestamp");
        }
        return ts;
    }

    public static Instant dateToTimestamptz(int d, ZoneId zone) {
        long ts = dateToTimestamp(d);
        return DateTimes.toInstant(DateTimes.isFinite(ts) ? checkTs(DateTimes.localToUtc(ts, zone)) : ts);
    }

    public static int timestampToDate(long ts) {
        if (ts == DateTimes.TS_NOBEGIN) {
            return DateTimes.DATE_NOBEGIN;
        }
        if (ts == DateTimes.TS_NOEND) {
            return DateTimes.DATE_NOEND;
        }
        return (int) Math.floorDiv(ts, DAY);
    }

    /** NULL for an infinite timestamp, as PostgreSQL's timestamp_time. */
    public static Long timestampToTime(long ts) {
        return DateTimes.isFinite(ts) ? Math.floorMod(ts, DAY) : null;
    }

    public static long timestampToTimestamptz(long ts, ZoneId zone) {
        return DateTimes.isFinite(ts) ? checkTs(DateTimes.localToUtc(ts, zone)) : ts;
    }

    /** The local wall-clock timestamp of a timestamptz in {@code zone}. */
    public static long toLocal(Instant i, ZoneId zone) {
        long utc = DateTimes.toMicros(i);
        if (!DateTimes.isFinite(utc)) {
            return utc;
        }
        return checkTs(utc + DateTimes.offsetAt(zone, utc) * DateTimes.USECS_PER_SEC);
    }

    public static long intervalToTime(IntervalValue v) {
        return Math.floorMod(v.microseconds(), DAY);
    }

    /** Interval typmods (field restrictions, precision) are not kept: only -1 passes. */
    public static IntervalValue roundInterval(IntervalValue v, int typmod) {
        if (typmod < 0) {
            return v;
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "interval precision and fields are not supported");
    }

    private static long checkTs(long ts) {
        return DateTimes.checkTimestamp(ts);
    }

    // ---- date ----

    public static int datePlusDays(int d, long days) {
        if (!DateTimes.isFinite(d)) {
            return d;
        }
        long r = d + days;
        if (!DateTimes.dateInRange(r)) {
            throw DateTimes.dateOutOfRange();
        }
        return (int) r;
    }

    public static int dateMinusDate(int a, int b) {
        if (!DateTimes.isFinite(a) || !DateTimes.isFinite(b)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite dates");
        }
        return a - b;
    }

    // ---- timestamp ± interval ----

    /** timestamp + interval: months (clamped to the month's end), then days, then the time part. */
    public static long timestampPlusInterval(long ts, IntervalValue span) {
        if (!DateTimes.isFinite(ts)) {
            return ts;
        }
        long r = ts;
        if (span.months() != 0 || span.days() != 0) {
            long days = Math.floorDiv(r, DAY);
            long tod = Math.floorMod(r, DAY);
            days = addMonthsAndDays(days, span.months(), span.days());
            r = days * DAY + tod;
        }
        r = Math.addExact(r, span.microseconds());
        return checkTs(r);
    }

    private static long addMonthsAndDays(long days, int months, int addDays) {
        LocalDate d = DateTimes.localDate(days);
        if (months != 0) {
            long total = (long) d.getYear() * 12 + (d.getMonthValue() - 1) + months;
            int y = (int) Math.floorDiv(total, 12);
            int m = (int) Math.floorMod(total, 12) + 1;
            if (Math.abs((long) y) > 300_000) {
                throw DateTimes.timestampOutOfRange();
            }
            int len = YearMonth.of(y, m).lengthOfMonth();
            d = LocalDate.of(y, m, Math.min(d.getDayOfMonth(), len));
        }
        return d.toEpochDay() - DateTimes.PG_EPOCH_DAY + addDays;
    }

    /** timestamptz + interval: months and days in local time of {@code zone}, the time part in UTC. */
    public static Instant timestamptzPlusInterval(Instant i, IntervalValue span, ZoneId zone) {
        long utc = DateTimes.toMicros(i);
        if (!DateTimes.isFinite(utc)) {
            return i;
        }
        if (span.months() != 0 || span.days() != 0) {
            long local = utc + DateTimes.offsetAt(zone, utc) * DateTimes.USECS_PER_SEC;
            long days = addMonthsAndDays(Math.floorDiv(local, DAY), span.months(), span.days());
            utc = DateTimes.localToUtc(days * DAY + Math.floorMod(local, DAY), zone);
        }
        return DateTimes.toInstant(checkTs(Math.addExact(utc, span.microseconds())));
    }

    public static IntervalValue negate(IntervalValue v) {
        if (v.months() == Integer.MIN_VALUE || v.days() == Integer.MIN_VALUE || v.microseconds() == Long.MIN_VALUE) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue(-v.microseconds(), -v.days(), -v.months());
    }

    /** timestamp - timestamp: the difference in microseconds with whole days split off (justify_hours). */
    public static IntervalValue timestampMinus(long a, long b) {
        if (!DateTimes.isFinite(a) || !DateTimes.isFinite(b)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        return justifyHours(new IntervalValue(Math.subtractExact(a, b), 0, 0));
    }

    // ---- interval ----

    public static IntervalValue add(IntervalValue a, IntervalValue b) {
        try {
            return new IntervalValue(Math.addExact(a.microseconds(), b.microseconds()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.months(), b.months()));
        } catch (ArithmeticException e) {
            throw DateTimes.intervalOutOfRange();
        }
    }

    public static IntervalValue subtract(IntervalValue a, IntervalValue b) {
        try {
            return new IntervalValue(Math.subtractExact(a.microseconds(), b.microseconds()),
                    Math.subtractExact(a.days(), b.days()), Math.subtractExact(a.months(), b.months()));
        } catch (ArithmeticException e) {
            throw DateTimes.intervalOutOfRange();
        }
    }

    /** Rounds to whole microseconds of a day/second count like PostgreSQL's TSROUND. */
    private static double tsRound(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    /** interval * factor: each field scaled, fractional months spill into days and days into time. */
    public static IntervalValue multiply(IntervalValue span, double factor) {
        double monthsD = span.months() * factor;
        double daysD = span.days() * factor;
        if (Double.isNaN(factor) || monthsD > Integer.MAX_VALUE || monthsD < Integer.MIN_VALUE
                || daysD > Integer.MAX_VALUE || daysD < Integer.MIN_VALUE) {
            throw DateTimes.intervalOutOfRange();
        }
        int months = (int) monthsD;
        int days = (int) daysD;
        return spill(span, months, days, monthsD, daysD, span.microseconds() * factor);
    }

    public static IntervalValue divide(IntervalValue span, double factor) {
        if (factor == 0.0) {
            throw new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        double monthsD = span.months() / factor;
        double daysD = span.days() / factor;
        if (Double.isNaN(factor) || monthsD > Integer.MAX_VALUE || monthsD < Integer.MIN_VALUE
                || daysD > Integer.MAX_VALUE || daysD < Integer.MIN_VALUE) {
            throw DateTimes.intervalOutOfRange();
        }
        return spill(span, (int) monthsD, (int) daysD, monthsD, daysD, span.microseconds() / factor);
    }

    private static IntervalValue spill(IntervalValue span, int months, int days, double monthsD, double daysD, double timeD) {
        double monthRemainderDays = tsRound((monthsD - months) * 30);
        double secRemainder = tsRound((daysD - days + monthRemainderDays - (int) monthRemainderDays) * 86400);
        if (Math.abs(secRemainder) >= 86400) {
            days += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400;
        }
        days += (int) monthRemainderDays;
        double t = Math.rint(timeD + secRemainder * 1e6);
        if (Double.isNaN(t) || t >= 9.223372036854775807E18 || t < -9.223372036854775808E18) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue((long) t, days, months);
    }

    /** Total order of intervals: a month counts 30 days, a day 24 hours (interval_cmp). */
    public static int compare(IntervalValue a, IntervalValue b) {
        long da = a.months() * 30L + a.days() + Math.floorDiv(a.microseconds(), DAY);
        long db = b.months() * 30L + b.days() + Math.floorDiv(b.microseconds(), DAY);
        if (da != db) {
            return Long.compare(da, db);
        }
        return Long.compare(Math.floorMod(a.microseconds(), DAY), Math.floorMod(b.microseconds(), DAY));
    }

    public static IntervalValue justifyHours(IntervalValue v) {
        long time = v.microseconds();
        long days = v.days() + time / DAY;
        time %= DAY;
        if (days > 0 && time < 0) {
            time += DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= DAY;
            days++;
        }
        if (days != (int) days) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue(time, (int) days, v.months());
    }

    public static IntervalValue justifyDays(IntervalValue v) {
        long months = v.months() + v.days() / 30;
        int days = v.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        if (months != (int) months) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue(v.microseconds(), days, (int) months);
    }

    public static IntervalValue justifyInterval(IntervalValue v) {
        long months = v.months() + v.days() / 30;
        long days = v.days() % 30;
        long time = v.microseconds();
        days += time / DAY;
        time %= DAY;
        months += days / 30;
        days %= 30;
        if (months > 0 && (days < 0 || (days == 0 && time < 0))) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || (days == 0 && time > 0))) {
            days -= 30;
            months++;
        }
        if (days > 0 && time < 0) {
            time += DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= DAY;
            days++;
        }
        if (months != (int) months) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue(time, (int) days, (int) months);
    }

    // ---- age ----

    /**
     * age(a, b): the symbolic difference a - b in years, months, days and time, borrowing from
     * the larger units like PostgreSQL's timestamp_age (a borrowed month has the length of
     * b's month, or of a's month when a precedes b).
     */
    public static IntervalValue age(long a, long b) {
        if (!DateTimes.isFinite(a) || !DateTimes.isFinite(b)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        LocalDate da = DateTimes.localDate(Math.floorDiv(a, DAY));
        LocalDate db = DateTimes.localDate(Math.floorDiv(b, DAY));
        long ta = Math.floorMod(a, DAY);
        long tb = Math.floorMod(b, DAY);
        long time = ta - tb;
        long days = da.getDayOfMonth() - db.getDayOfMonth();
        long months = da.getMonthValue() - db.getMonthValue();
        long years = da.getYear() - db.getYear();
        boolean negative = a < b;
        if (negative) {
            time = -time;
            days = -days;
            months = -months;
            years = -years;
        }
        while (time < 0) {
            time += DAY;
            days--;
        }
        while (days < 0) {
            // borrow the length of b's month (a's month when a precedes b), as timestamp_age does
            int len = YearMonth.from(negative ? da : db).lengthOfMonth();
            days += len;
            months--;
        }
        while (months < 0) {
            months += 12;
            years--;
        }
        if (negative) {
            time = -time;
            days = -days;
            months = -months;
            years = -years;
        }
        long totalMonths = years * 12 + months;
        if (totalMonths != (int) totalMonths) {
            throw DateTimes.intervalOutOfRange();
        }
        return new IntervalValue(time, (int) days, (int) totalMonths);
    }
}
