package org.pgmini.executor.expr;

import java.time.Instant;
import java.time.ZoneId;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.DateTimeFields;
import org.pgmini.executor.types.DateTimeOps;
import org.pgmini.executor.types.DateTimes;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.SessionTime;
import org.pgmini.executor.types.TimestamptzType;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * The operators and functions of date, time, timestamp, timestamptz and interval (pg_operator
 * and pg_proc entries): comparisons (also across date/timestamp/timestamptz, as PostgreSQL has
 * them), arithmetic, current_date/localtimestamp/localtime, extract/date_part, date_trunc, age,
 * make_*, justify_*, isfinite, to_timestamp, timezone(), pg_sleep_for.
 */
final class DateTimeCatalog {
    private DateTimeCatalog() {}

    private static final PgType D = PgTypes.DATE;
    private static final PgType T = PgTypes.TIME;
    private static final PgType TS = PgTypes.TIMESTAMP;
    private static final PgType TZ = PgTypes.TIMESTAMPTZ;
    private static final PgType I = PgTypes.INTERVAL;
    private static final PgType I4 = PgTypes.INT4;
    private static final PgType F8 = PgTypes.FLOAT8;
    private static final PgType TEXT = PgTypes.TEXT;
    private static final PgType NUM = PgTypes.NUMERIC;

    private static ZoneId zone(EvalContext c) {
        return SessionTime.zone(c.session);
    }

    private static long us(Object instant) {
        return DateTimes.toMicros((Instant) instant);
    }

    private static IntervalValue iv(Object o) {
        return (IntervalValue) o;
    }

    static void register(Catalog cat) {
        comparisons(cat);
        arithmetic(cat);
        functions(cat);
    }

    private static void comparisons(Catalog cat) {
        cat.addComparisons((a, b) -> Integer.compare((Integer) a, (Integer) b), D, D);
        cat.addComparisons((a, b) -> Long.compare((Long) a, (Long) b), TS, TS);
        cat.addComparisons((a, b) -> Long.compare((Long) a, (Long) b), T, T);
        cat.addComparisons((a, b) -> DateTimeOps.compare(iv(a), iv(b)), I, I);
        cat.addComparisons((a, b) -> Long.compare(DateTimeOps.dateToTimestamp((Integer) a), (Long) b), D, TS);
        cat.addComparisons((a, b) -> Long.compare((Long) a, DateTimeOps.dateToTimestamp((Integer) b)), TS, D);
        // comparisons with timestamptz read the other side in the session's zone
        zoned(cat, D, TZ, (v, c) -> Long.compare(us(DateTimeOps.dateToTimestamptz((Integer) v[0], zone(c))), us(v[1])));
        zoned(cat, TZ, D, (v, c) -> Long.compare(us(v[0]), us(DateTimeOps.dateToTimestamptz((Integer) v[1], zone(c)))));
        zoned(cat, TS, TZ, (v, c) -> Long.compare(DateTimeOps.timestampToTimestamptz((Long) v[0], zone(c)), us(v[1])));
        zoned(cat, TZ, TS, (v, c) -> Long.compare(us(v[0]), DateTimeOps.timestampToTimestamptz((Long) v[1], zone(c))));
    }

    private interface ZonedCompare extends java.io.Serializable {
        int compare(Object[] v, EvalContext c);
    }

    private static void zoned(Catalog cat, PgType a, PgType b, ZonedCompare cmp) {
        PgType bool = PgTypes.BOOL;
        cat.add("=", bool, (v, c) -> cmp.compare(v, c) == 0, a, b);
        cat.add("<>", bool, (v, c) -> cmp.compare(v, c) != 0, a, b);
        cat.add("<", bool, (v, c) -> cmp.compare(v, c) < 0, a, b);
        cat.add("<=", bool, (v, c) -> cmp.compare(v, c) <= 0, a, b);
        cat.add(">", bool, (v, c) -> cmp.compare(v, c) > 0, a, b);
        cat.add(">=", bool, (v, c) -> cmp.compare(v, c) >= 0, a, b);
    }

    private static void arithmetic(Catalog cat) {
        cat.add("+", D, (v, c) -> DateTimeOps.datePlusDays((Integer) v[0], (Integer) v[1]), D, I4);
        cat.add("+", D, (v, c) -> DateTimeOps.datePlusDays((Integer) v[1], (Integer) v[0]), I4, D);
        cat.add("-", D, (v, c) -> DateTimeOps.datePlusDays((Integer) v[0], -(long) (Integer) v[1]), D, I4);
        cat.add("-", I4, (v, c) -> DateTimeOps.dateMinusDate((Integer) v[0], (Integer) v[1]), D, D);
        cat.add("+", TS, (v, c) -> DateTimeOps.timestampPlusInterval(DateTimeOps.dateToTimestamp((Integer) v[0]), iv(v[1])), D, I);
        cat.add("+", TS, (v, c) -> DateTimeOps.timestampPlusInterval(DateTimeOps.dateToTimestamp((Integer) v[1]), iv(v[0])), I, D);
        cat.add("-", TS, (v, c) -> DateTimeOps.timestampPlusInterval(DateTimeOps.dateToTimestamp((Integer) v[0]),
                DateTimeOps.negate(iv(v[1]))), D, I);
        cat.add("+", TS, (v, c) -> dateTime((Integer) v[0], (Long) v[1]), D, T);
        cat.add("+", TS, (v, c) -> dateTime((Integer) v[1], (Long) v[0]), T, D);
        cat.add("+", TS, (v, c) -> DateTimeOps.timestampPlusInterval((Long) v[0], iv(v[1])), TS, I);
        cat.add("+", TS, (v, c) -> DateTimeOps.timestampPlusInterval((Long) v[1], iv(v[0])), I, TS);
        cat.add("-", TS, (v, c) -> DateTimeOps.timestampPlusInterval((Long) v[0], DateTimeOps.negate(iv(v[1]))), TS, I);
        cat.add("-", I, (v, c) -> DateTimeOps.timestampMinus((Long) v[0], (Long) v[1]), TS, TS);
        cat.add("+", TZ, (v, c) -> DateTimeOps.timestamptzPlusInterval((Instant) v[0], iv(v[1]), zone(c)), TZ, I);
        cat.add("+", TZ, (v, c) -> DateTimeOps.timestamptzPlusInterval((Instant) v[1], iv(v[0]), zone(c)), I, TZ);
        cat.add("-", TZ, (v, c) -> DateTimeOps.timestamptzPlusInterval((Instant) v[0], DateTimeOps.negate(iv(v[1])), zone(c)),
                TZ, I);
        cat.add("-", I, (v, c) -> DateTimeOps.timestampMinus(us(v[0]), us(v[1])), TZ, TZ);
        cat.add("+", T, (v, c) -> Math.floorMod((Long) v[0] + iv(v[1]).microseconds(), DateTimes.USECS_PER_DAY), T, I);
        cat.add("+", T, (v, c) -> Math.floorMod((Long) v[1] + iv(v[0]).microseconds(), DateTimes.USECS_PER_DAY), I, T);
        cat.add("-", T, (v, c) -> Math.floorMod((Long) v[0] - iv(v[1]).microseconds(), DateTimes.USECS_PER_DAY), T, I);
        cat.add("-", I, (v, c) -> new IntervalValue((Long) v[0] - (Long) v[1], 0, 0), T, T);
        cat.add("+", I, (v, c) -> DateTimeOps.add(iv(v[0]), iv(v[1])), I, I);
        cat.add("-", I, (v, c) -> DateTimeOps.subtract(iv(v[0]), iv(v[1])), I, I);
        cat.add("-", I, (v, c) -> DateTimeOps.negate(iv(v[0])), I);
        cat.add("+", I, (v, c) -> v[0], I);
        cat.add("*", I, (v, c) -> DateTimeOps.multiply(iv(v[0]), (Double) v[1]), I, F8);
        cat.add("*", I, (v, c) -> DateTimeOps.multiply(iv(v[1]), (Double) v[0]), F8, I);
        cat.add("/", I, (v, c) -> DateTimeOps.divide(iv(v[0]), (Double) v[1]), I, F8);
    }

    private static long dateTime(int date, long time) {
        long ts = DateTimeOps.dateToTimestamp(date);
        return DateTimes.isFinite(ts) ? DateTimes.checkTimestamp(ts + time) : ts;
    }

    private static void functions(Catalog cat) {
        cat.addVolatile("current_date", D, true, (v, c) -> DateTimeOps.timestampToDate(
                DateTimeOps.toLocal(c.transactionTime(), zone(c))));
        cat.addVolatile("localtimestamp", TS, true, (v, c) -> DateTimeOps.toLocal(c.transactionTime(), zone(c)));
        cat.addVolatile("localtime", T, true, (v, c) -> Math.floorMod(DateTimeOps.toLocal(c.transactionTime(), zone(c)),
                DateTimes.USECS_PER_DAY));
        cat.addVolatile("current_time", T, true, (v, c) -> {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "type time with time zone is not supported");
        });

        // extract (numeric) and date_part (float8)
        cat.add("extract", NUM, (v, c) -> DateTimeFields.extractDate((String) v[0], (Integer) v[1]), TEXT, D);
        cat.add("extract", NUM, (v, c) -> DateTimeFields.extractTimestamp((String) v[0], (Long) v[1], null, (Long) v[1]),
                TEXT, TS);
        cat.addVolatile("extract", NUM, true, (v, c) -> extractTz((String) v[0], (Instant) v[1], c), TEXT, TZ);
        cat.add("extract", NUM, (v, c) -> DateTimeFields.extractTime((String) v[0], (Long) v[1]), TEXT, T);
        cat.add("extract", NUM, (v, c) -> DateTimeFields.extractInterval((String) v[0], iv(v[1])), TEXT, I);
        cat.add("date_part", F8, (v, c) -> {
            long ts = DateTimeOps.dateToTimestamp((Integer) v[1]);
            return DateTimeFields.toFloat8(DateTimeFields.extractTimestamp((String) v[0], ts, null, ts));
        }, TEXT, D);
        cat.add("date_part", F8, (v, c) -> DateTimeFields.toFloat8(
                DateTimeFields.extractTimestamp((String) v[0], (Long) v[1], null, (Long) v[1])), TEXT, TS);
        cat.addVolatile("date_part", F8, true, (v, c) -> DateTimeFields.toFloat8(extractTz((String) v[0], (Instant) v[1], c)),
                TEXT, TZ);
        cat.add("date_part", F8, (v, c) -> DateTimeFields.toFloat8(DateTimeFields.extractTime((String) v[0], (Long) v[1])),
                TEXT, T);
        cat.add("date_part", F8, (v, c) -> DateTimeFields.toFloat8(DateTimeFields.extractInterval((String) v[0], iv(v[1]))),
                TEXT, I);

        // date_trunc
        cat.add("date_trunc", TS, (v, c) -> DateTimeFields.truncTimestamp((String) v[0], (Long) v[1],
                "timestamp without time zone"), TEXT, TS);
        cat.addVolatile("date_trunc", TZ, true, (v, c) -> DateTimes.toInstant(
                DateTimeFields.truncTimestamptz((String) v[0], us(v[1]), zone(c))), TEXT, TZ);
        cat.add("date_trunc", TZ, (v, c) -> DateTimes.toInstant(
                DateTimeFields.truncTimestamptz((String) v[0], us(v[1]), namedZone((String) v[2]))), TEXT, TZ, TEXT);
        cat.add("date_trunc", I, (v, c) -> DateTimeFields.truncInterval((String) v[0], iv(v[1])), TEXT, I);

        // age
        cat.add("age", I, (v, c) -> DateTimeOps.age((Long) v[0], (Long) v[1]), TS, TS);
        cat.addVolatile("age", I, true, (v, c) -> DateTimeOps.age(
                DateTimeOps.toLocal(DateTimes.toInstant(us(v[0])), zone(c)),
                DateTimeOps.toLocal(DateTimes.toInstant(us(v[1])), zone(c))), TZ, TZ);
        cat.addVolatile("age", I, true, (v, c) -> DateTimeOps.age(todayMidnight(c), (Long) v[0]), TS);
        cat.addVolatile("age", I, true, (v, c) -> DateTimeOps.age(todayMidnight(c),
                DateTimeOps.toLocal((Instant) v[0], zone(c))), TZ);

        // constructors
        cat.add("make_date", D, (v, c) -> makeDate((Integer) v[0], (Integer) v[1], (Integer) v[2]), I4, I4, I4);
        cat.add("make_time", T, (v, c) -> makeTime((Integer) v[0], (Integer) v[1], (Double) v[2]), I4, I4, F8);
        cat.add("make_timestamp", TS, (v, c) -> makeTimestamp(v), I4, I4, I4, I4, I4, F8);
        cat.addVolatile("make_timestamptz", TZ, true, (v, c) -> DateTimes.toInstant(
                DateTimeOps.timestampToTimestamptz(makeTimestamp(v), zone(c))), I4, I4, I4, I4, I4, F8);
        cat.add("make_timestamptz", TZ, (v, c) -> DateTimes.toInstant(
                DateTimeOps.timestampToTimestamptz(makeTimestamp(v), namedZone((String) v[6]))), I4, I4, I4, I4, I4, F8, TEXT);
        PgType[] mk = {I4, I4, I4, I4, I4, I4, F8};
        for (int n = 0; n <= 7; n++) {
            final int count = n;
            cat.add("make_interval", I, (v, c) -> makeInterval(v, count), java.util.Arrays.copyOf(mk, n));
        }

        cat.add("to_char", TEXT, (v, c) -> org.pgmini.executor.types.ToChar.timestamp((Long) v[0], (String) v[1]), TS, TEXT);
        cat.addVolatile("to_char", TEXT, true, (v, c) -> org.pgmini.executor.types.ToChar.timestamptz(us(v[0]), zone(c),
                (String) v[1]), TZ, TEXT);
        cat.add("to_char", TEXT, (v, c) -> org.pgmini.executor.types.ToChar.interval(iv(v[0]), (String) v[1]), I, TEXT);
        for (PgType n : new PgType[] {PgTypes.INT4, PgTypes.INT8, NUM, F8, PgTypes.FLOAT4}) {
            cat.add("to_char", TEXT, (v, c) -> {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "to_char of numbers is not supported");
            }, n, TEXT);
        }
        cat.add("justify_days", I, (v, c) -> DateTimeOps.justifyDays(iv(v[0])), I);
        cat.add("justify_hours", I, (v, c) -> DateTimeOps.justifyHours(iv(v[0])), I);
        cat.add("justify_interval", I, (v, c) -> DateTimeOps.justifyInterval(iv(v[0])), I);
        cat.add("isfinite", PgTypes.BOOL, (v, c) -> DateTimes.isFinite((int) (Integer) v[0]), D);
        cat.add("isfinite", PgTypes.BOOL, (v, c) -> DateTimes.isFinite((long) (Long) v[0]), TS);
        cat.add("isfinite", PgTypes.BOOL, (v, c) -> DateTimes.isFinite(us(v[0])), TZ);
        cat.add("isfinite", PgTypes.BOOL, (v, c) -> true, I);
        cat.add("to_timestamp", TZ, (v, c) -> toTimestamp((Double) v[0]), F8);
        cat.add("timezone", TS, (v, c) -> DateTimeOps.toLocal((Instant) v[1], namedZone((String) v[0])), TEXT, TZ);
        cat.add("timezone", TZ, (v, c) -> DateTimes.toInstant(
                DateTimeOps.timestampToTimestamptz((Long) v[1], namedZone((String) v[0]))), TEXT, TS);
        cat.addVolatile("pg_sleep_for", PgTypes.VOID, true, (v, c) -> {
            IntervalValue s = iv(v[0]);
            double secs = s.microseconds() / 1e6 + (s.days() + s.months() * 30.0) * 86400;
            return Sleep.seconds(secs, c.session);
        }, I);
    }

    private static Object extractTz(String unit, Instant i, EvalContext c) {
        long utc = DateTimes.toMicros(i);
        if (!DateTimes.isFinite(utc)) {
            return DateTimeFields.extractTimestamp(unit, utc, 0, utc);
        }
        int offset = DateTimes.offsetAt(zone(c), utc);
        return DateTimeFields.extractTimestamp(unit, utc + offset * DateTimes.USECS_PER_SEC, offset, utc);
    }

    private static long todayMidnight(EvalContext c) {
        long local = DateTimeOps.toLocal(c.transactionTime(), zone(c));
        return Math.floorDiv(local, DateTimes.USECS_PER_DAY) * DateTimes.USECS_PER_DAY;
    }

    /** A zone named in a function argument: tz database names, abbreviations, numeric offsets. */
    static ZoneId namedZone(String name) {
        ZoneId z = SessionTime.namedZone(name);
        if (z != null) {
            return z;
        }
        Integer abbrev = org.pgmini.executor.types.DateTimeParserAccess.abbreviation(name);
        if (abbrev != null) {
            return java.time.ZoneOffset.ofTotalSeconds(abbrev);
        }
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
    }

    private static int makeDate(int y, int m, int d) {
        int iso = y > 0 ? y : y + 1;
        if (y == 0 || m < 1 || m > 12 || d < 1 || d > 31
                || d > java.time.YearMonth.of(Math.max(-999_999_999, Math.min(iso, 999_999_999)), m).lengthOfMonth()) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: "
                    + String.format("%d-%02d-%02d", y, m, d));
        }
        long days = DateTimes.days(iso, m, d);
        if (!DateTimes.dateInRange(days)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: "
                    + String.format("%d-%02d-%02d", y, m, d));
        }
        return (int) days;
    }

    private static long makeTime(int h, int m, double sec) {
        long us = (long) Math.rint(sec * 1e6);
        if (h < 0 || m < 0 || m > 59 || sec < 0 || h > 24 || us > 60_000_000L
                || (h == 24 && (m > 0 || us > 0))) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: "
                    + h + ":" + String.format("%02d", m) + ":" + org.pgmini.executor.types.FloatFormat.format(sec, 1));
        }
        return h * DateTimes.USECS_PER_HOUR + m * DateTimes.USECS_PER_MINUTE + us;
    }

    private static long makeTimestamp(Object[] v) {
        int date = makeDate((Integer) v[0], (Integer) v[1], (Integer) v[2]);
        long time = makeTime((Integer) v[3], (Integer) v[4], (Double) v[5]);
        return DateTimes.checkTimestamp((long) date * DateTimes.USECS_PER_DAY + time);
    }

    private static IntervalValue makeInterval(Object[] v, int n) {
        long[] f = new long[6];
        for (int i = 0; i < Math.min(n, 6); i++) {
            f[i] = (Integer) v[i];
        }
        double secs = n == 7 ? (Double) v[6] : 0;
        try {
            long months = Math.addExact(Math.multiplyExact(f[0], 12), f[1]);
            long days = Math.addExact(Math.multiplyExact(f[2], 7), f[3]);
            double us = Math.rint(secs * 1e6);
            if (Double.isNaN(us) || Math.abs(us) >= 9.2e18 || months != (int) months || days != (int) days) {
                throw DateTimes.intervalOutOfRange();
            }
            long time = Math.addExact(Math.addExact(Math.multiplyExact(f[4], DateTimes.USECS_PER_HOUR),
                    Math.multiplyExact(f[5], DateTimes.USECS_PER_MINUTE)), (long) us);
            return new IntervalValue(time, (int) days, (int) months);
        } catch (ArithmeticException e) {
            throw DateTimes.intervalOutOfRange();
        }
    }

    private static Instant toTimestamp(double secs) {
        if (Double.isNaN(secs)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        }
        if (Double.isInfinite(secs)) {
            return secs > 0 ? TimestamptzType.POS_INFINITY : TimestamptzType.NEG_INFINITY;
        }
        double us = Math.rint((secs - DateTimes.PG_EPOCH_DAY * 86400.0) * 1e6);
        if (!(us >= DateTimes.MIN_TIMESTAMP && us < DateTimes.END_TIMESTAMP)) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \""
                    + org.pgmini.executor.types.FloatFormat.format(secs, 1) + "\"");
        }
        return DateTimes.toInstant((long) us);
    }
}
