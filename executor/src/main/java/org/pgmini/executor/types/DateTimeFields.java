package org.pgmini.executor.types;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * extract/date_part and date_trunc: the field names PostgreSQL accepts (with their
 * abbreviations), which fields each type has, and PostgreSQL 15's results: extract gives
 * numeric (seconds with 6 decimals, milliseconds with 3), infinite inputs give ±Infinity for
 * the fields that grow with time and NULL for the others.
 */
public final class DateTimeFields {
    private DateTimeFields() {}

    public enum Unit {
        MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM,
        EPOCH, DOW, DOY, ISODOW, ISOYEAR, JULIAN, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE
    }

    private static final Map<String, Unit> NAMES = Map.ofEntries(
            Map.entry("microsecond", Unit.MICROSECONDS), Map.entry("microseconds", Unit.MICROSECONDS),
            Map.entry("us", Unit.MICROSECONDS), Map.entry("usec", Unit.MICROSECONDS), Map.entry("usecs", Unit.MICROSECONDS),
            Map.entry("millisecond", Unit.MILLISECONDS), Map.entry("milliseconds", Unit.MILLISECONDS),
            Map.entry("ms", Unit.MILLISECONDS), Map.entry("msec", Unit.MILLISECONDS), Map.entry("msecs", Unit.MILLISECONDS),
            Map.entry("millisecon", Unit.MILLISECONDS), Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND),
            Map.entry("sec", Unit.SECOND), Map.entry("secs", Unit.SECOND), Map.entry("s", Unit.SECOND),
            Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE), Map.entry("min", Unit.MINUTE),
            Map.entry("mins", Unit.MINUTE), Map.entry("m", Unit.MINUTE), Map.entry("hour", Unit.HOUR),
            Map.entry("hours", Unit.HOUR), Map.entry("h", Unit.HOUR), Map.entry("hr", Unit.HOUR), Map.entry("hrs", Unit.HOUR),
            Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY), Map.entry("d", Unit.DAY), Map.entry("week", Unit.WEEK),
            Map.entry("weeks", Unit.WEEK), Map.entry("w", Unit.WEEK), Map.entry("month", Unit.MONTH),
            Map.entry("months", Unit.MONTH), Map.entry("mon", Unit.MONTH), Map.entry("mons", Unit.MONTH),
            Map.entry("quarter", Unit.QUARTER), Map.entry("qtr", Unit.QUARTER), Map.entry("year", Unit.YEAR),
            Map.entry("years", Unit.YEAR), Map.entry("y", Unit.YEAR), Map.entry("yr", Unit.YEAR), Map.entry("yrs", Unit.YEAR),
            Map.entry("decade", Unit.DECADE), Map.entry("decades", Unit.DECADE), Map.entry("dec", Unit.DECADE),
            Map.entry("decs", Unit.DECADE), Map.entry("century", Unit.CENTURY), Map.entry("centuries", Unit.CENTURY),
            Map.entry("c", Unit.CENTURY), Map.entry("cent", Unit.CENTURY), Map.entry("millennium", Unit.MILLENNIUM),
            Map.entry("millennia", Unit.MILLENNIUM), Map.entry("mil", Unit.MILLENNIUM), Map.entry("mils", Unit.MILLENNIUM),
            Map.entry("epoch", Unit.EPOCH), Map.entry("dow", Unit.DOW), Map.entry("doy", Unit.DOY),
            Map.entry("isodow", Unit.ISODOW), Map.entry("isoyear", Unit.ISOYEAR), Map.entry("julian", Unit.JULIAN),
            Map.entry("j", Unit.JULIAN), Map.entry("timezone", Unit.TIMEZONE), Map.entry("timezone_h", Unit.TIMEZONE_HOUR),
            Map.entry("timezone_hour", Unit.TIMEZONE_HOUR), Map.entry("timezone_m", Unit.TIMEZONE_MINUTE),
            Map.entry("timezone_minute", Unit.TIMEZONE_MINUTE));

    /** The unit named by {@code text} (case-insensitive), or 22023 "unit ... not recognized for type ...". */
    public static Unit unit(String text, String typeDisplayName) {
        String lower = text.toLowerCase(Locale.ROOT);
        Unit u = NAMES.get(lower);
        if (u == null) {
            throw notRecognized(lower, typeDisplayName);
        }
        return u;
    }

    static PgException notRecognized(String unit, String type) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + unit + "\" not recognized for type " + type);
    }

    static PgException notSupported(String unit, String type) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + unit + "\" not supported for type " + type);
    }

    private static boolean growsWithTime(Unit u) {
        return u == Unit.YEAR || u == Unit.DECADE || u == Unit.CENTURY || u == Unit.MILLENNIUM || u == Unit.JULIAN
                || u == Unit.ISOYEAR || u == Unit.EPOCH;
    }

    private static Object infinite(Unit u, boolean positive) {
        return growsWithTime(u) ? (positive ? NumericSpecial.POS_INFINITY : NumericSpecial.NEG_INFINITY) : null;
    }

    private static BigDecimal n(long v) {
        return BigDecimal.valueOf(v);
    }

    /** PostgreSQL's year of an ISO year: 1 BC is -1. */
    private static long year(LocalDate d) {
        int y = d.getYear();
        return y > 0 ? y : y - 1;
    }

    private static Object dateField(Unit u, LocalDate d, long pgDays) {
        int y = d.getYear();
        switch (u) {
            case DAY: return n(d.getDayOfMonth());
            case MONTH: return n(d.getMonthValue());
            case QUARTER: return n((d.getMonthValue() - 1) / 3 + 1);
            case WEEK: return n(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case YEAR: return n(year(d));
            case DECADE: return n(y >= 0 ? y / 10 : -((8 - (y - 1)) / 10));
            case CENTURY: return n(y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100));
            case MILLENNIUM: return n(y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000));
            case DOW: return n(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
            case ISODOW: return n(d.getDayOfWeek().getValue());
            case DOY: return n(d.getDayOfYear());
            case ISOYEAR: {
                long iy = d.get(IsoFields.WEEK_BASED_YEAR);
                return n(iy > 0 ? iy : iy - 1);
            }
            case JULIAN: return n(pgDays + 2451545L);
            default: return null;
        }
    }

    /** extract(unit from date). */
    public static Object extractDate(String unitText, int date) {
        Unit u = unit(unitText, "date");
        switch (u) {
            case MICROSECONDS: case MILLISECONDS: case SECOND: case MINUTE: case HOUR:
            case TIMEZONE: case TIMEZONE_HOUR: case TIMEZONE_MINUTE:
                throw notSupported(unitText.toLowerCase(Locale.ROOT), "date");
            default:
                break;
        }
        if (!DateTimes.isFinite(date)) {
            return infinite(u, date == DateTimes.DATE_NOEND);
        }
        if (u == Unit.EPOCH) {
            return n(((long) date + DateTimes.PG_EPOCH_DAY) * 86400L);
        }
        return dateField(u, DateTimes.localDate(date), date);
    }

    /**
     * extract(unit from timestamp) on a local timestamp; for timestamptz pass the local time in
     * the session zone, its offset, and the UTC value (epoch counts from UTC).
     */
    public static Object extractTimestamp(String unitText, long local, Integer offsetSeconds, long utc) {
        String type = offsetSeconds == null ? "timestamp without time zone" : "timestamp with time zone";
        Unit u = unit(unitText, type);
        if (offsetSeconds == null && (u == Unit.TIMEZONE || u == Unit.TIMEZONE_HOUR || u == Unit.TIMEZONE_MINUTE)) {
            throw notSupported(unitText.toLowerCase(Locale.ROOT), type);
        }
        if (!DateTimes.isFinite(utc)) {
            return infinite(u, utc == DateTimes.TS_NOEND);
        }
        long days = Math.floorDiv(local, DateTimes.USECS_PER_DAY);
        long tod = Math.floorMod(local, DateTimes.USECS_PER_DAY);
        long secMicros = tod % DateTimes.USECS_PER_MINUTE;
        switch (u) {
            case MICROSECONDS: return n(secMicros);
            case MILLISECONDS: return BigDecimal.valueOf(secMicros, 3);
            case SECOND: return BigDecimal.valueOf(secMicros, 6);
            case MINUTE: return n(tod / DateTimes.USECS_PER_MINUTE % 60);
            case HOUR: return n(tod / DateTimes.USECS_PER_HOUR);
            case TIMEZONE: return n(offsetSeconds);
            case TIMEZONE_HOUR: return n(offsetSeconds / 3600);
            case TIMEZONE_MINUTE: return n(offsetSeconds / 60 % 60);
            case EPOCH: {
                long base = offsetSeconds == null ? local : utc;
                return BigDecimal.valueOf(Math.addExact(base, DateTimes.PG_EPOCH_DAY * DateTimes.USECS_PER_DAY), 6);
            }
            case JULIAN: {
                // numeric division's result scale; for a zero dividend PostgreSQL's select_div_scale gives 28
                Object frac = tod == 0 ? BigDecimal.ZERO.setScale(28)
                        : org.pgmini.executor.expr.NumericMath.div(n(tod), n(DateTimes.USECS_PER_DAY));
                return org.pgmini.executor.expr.NumericMath.add(n(days + 2451545L), frac);
            }
            default: return dateField(u, DateTimes.localDate(days), days);
        }
    }

    public static Object extractTime(String unitText, long tod) {
        Unit u = unit(unitText, "time without time zone");
        long secMicros = tod % DateTimes.USECS_PER_MINUTE;
        switch (u) {
            case MICROSECONDS: return n(secMicros);
            case MILLISECONDS: return BigDecimal.valueOf(secMicros, 3);
            case SECOND: return BigDecimal.valueOf(secMicros, 6);
            case MINUTE: return n(tod / DateTimes.USECS_PER_MINUTE % 60);
            case HOUR: return n(tod / DateTimes.USECS_PER_HOUR);
            case EPOCH: return BigDecimal.valueOf(tod, 6);
            default: throw notSupported(unitText.toLowerCase(Locale.ROOT), "time without time zone");
        }
    }

    public static Object extractInterval(String unitText, IntervalValue v) {
        Unit u = unit(unitText, "interval");
        long time = v.microseconds();
        int years = v.months() / 12;
        switch (u) {
            case MICROSECONDS: return n(time % DateTimes.USECS_PER_MINUTE);
            case MILLISECONDS: return BigDecimal.valueOf(time % DateTimes.USECS_PER_MINUTE, 3);
            case SECOND: return BigDecimal.valueOf(time % DateTimes.USECS_PER_MINUTE, 6);
            case MINUTE: return n(time / DateTimes.USECS_PER_MINUTE % 60);
            case HOUR: return n(time / DateTimes.USECS_PER_HOUR);
            case DAY: return n(v.days());
            case MONTH: return n(v.months() % 12);
            case QUARTER: return n(v.months() % 12 / 3 + 1);
            case YEAR: return n(years);
            case DECADE: return n(years / 10);
            case CENTURY: return n(years / 100);
            case MILLENNIUM: return n(years / 1000);
            case EPOCH: {
                // a year counts 365.25 days, a month 30 days
                BigDecimal secs = BigDecimal.valueOf(years).multiply(BigDecimal.valueOf(31_557_600L))
                        .add(BigDecimal.valueOf((long) (v.months() % 12) * 30 * 86400))
                        .add(BigDecimal.valueOf((long) v.days() * 86400));
                return secs.movePointRight(6).add(BigDecimal.valueOf(time)).movePointLeft(6).setScale(6);
            }
            default: throw notSupported(unitText.toLowerCase(Locale.ROOT), "interval");
        }
    }

    /** date_part's float8 of extract's numeric. */
    public static Double toFloat8(Object numeric) {
        if (numeric == null) {
            return null;
        }
        if (numeric instanceof NumericSpecial s) {
            return s == NumericSpecial.POS_INFINITY ? Double.POSITIVE_INFINITY
                    : s == NumericSpecial.NEG_INFINITY ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        return ((BigDecimal) numeric).doubleValue();
    }

    // ---- date_trunc ----

    /** date_trunc on a local timestamp; units below a day keep the wall-clock arithmetic simple. */
    public static long truncTimestamp(String unitText, long ts, String typeDisplayName) {
        Unit u = unit(unitText, typeDisplayName);
        if (!DateTimes.isFinite(ts)) {
            return ts;
        }
        long days = Math.floorDiv(ts, DateTimes.USECS_PER_DAY);
        long tod = Math.floorMod(ts, DateTimes.USECS_PER_DAY);
        LocalDate d = DateTimes.localDate(days);
        int y = d.getYear();
        LocalDate r;
        switch (u) {
            case MICROSECONDS: return ts;
            case MILLISECONDS: return days * DateTimes.USECS_PER_DAY + tod / 1000 * 1000;
            case SECOND: return days * DateTimes.USECS_PER_DAY + tod / DateTimes.USECS_PER_SEC * DateTimes.USECS_PER_SEC;
            case MINUTE: return days * DateTimes.USECS_PER_DAY + tod / DateTimes.USECS_PER_MINUTE * DateTimes.USECS_PER_MINUTE;
            case HOUR: return days * DateTimes.USECS_PER_DAY + tod / DateTimes.USECS_PER_HOUR * DateTimes.USECS_PER_HOUR;
            case DAY: return days * DateTimes.USECS_PER_DAY;
            case WEEK: r = d.minusDays(d.getDayOfWeek().getValue() - 1); break;
            case MONTH: r = d.withDayOfMonth(1); break;
            case QUARTER: r = LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1); break;
            case YEAR: r = LocalDate.of(y, 1, 1); break;
            case DECADE: r = LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10, 1, 1); break;
            case CENTURY: r = LocalDate.of(y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1); break;
            case MILLENNIUM: r = LocalDate.of(y > 0 ? (y + 999) / 1000 * 1000 - 999 : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1); break;
            default: throw notRecognized(unitText.toLowerCase(Locale.ROOT), typeDisplayName);
        }
        return DateTimes.checkTimestamp((r.toEpochDay() - DateTimes.PG_EPOCH_DAY) * DateTimes.USECS_PER_DAY);
    }

    /** date_trunc on timestamptz: truncated in local time of {@code zone}. */
    public static long truncTimestamptz(String unitText, long utc, ZoneId zone) {
        if (!DateTimes.isFinite(utc)) {
            unit(unitText, "timestamp with time zone");
            return utc;
        }
        int offset = DateTimes.offsetAt(zone, utc);
        long local = utc + offset * DateTimes.USECS_PER_SEC;
        long t = truncTimestamp(unitText, local, "timestamp with time zone");
        Unit u = unit(unitText, "timestamp with time zone");
        boolean dayOrMore = u != Unit.MICROSECONDS && u != Unit.MILLISECONDS && u != Unit.SECOND && u != Unit.MINUTE
                && u != Unit.HOUR;
        return dayOrMore ? DateTimes.localToUtc(t, zone) : t - offset * DateTimes.USECS_PER_SEC;
    }

    public static IntervalValue truncInterval(String unitText, IntervalValue v) {
        Unit u = unit(unitText, "interval");
        int years = v.months() / 12;
        int mons = v.months() % 12;
        long time = v.microseconds();
        switch (u) {
            case MILLENNIUM: return new IntervalValue(0, 0, years / 1000 * 1000 * 12);
            case CENTURY: return new IntervalValue(0, 0, years / 100 * 100 * 12);
            case DECADE: return new IntervalValue(0, 0, years / 10 * 10 * 12);
            case YEAR: return new IntervalValue(0, 0, years * 12);
            case QUARTER: return new IntervalValue(0, 0, years * 12 + mons / 3 * 3);
            case MONTH: return new IntervalValue(0, 0, v.months());
            case DAY: return new IntervalValue(0, v.days(), v.months());
            case HOUR: return new IntervalValue(time / DateTimes.USECS_PER_HOUR * DateTimes.USECS_PER_HOUR, v.days(), v.months());
            case MINUTE: return new IntervalValue(time / DateTimes.USECS_PER_MINUTE * DateTimes.USECS_PER_MINUTE, v.days(), v.months());
            case SECOND: return new IntervalValue(time / DateTimes.USECS_PER_SEC * DateTimes.USECS_PER_SEC, v.days(), v.months());
            case MILLISECONDS: return new IntervalValue(time / 1000 * 1000, v.days(), v.months());
            case MICROSECONDS: return v;
            case WEEK:
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"week\" not supported for type interval",
                        "Months usually have fractional weeks.", null, 0, null, null);
            default: throw notRecognized(unitText.toLowerCase(Locale.ROOT), "interval");
        }
    }
}
