package org.pgmini.executor.types;

import java.util.Locale;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * interval input like PostgreSQL's DecodeInterval / DecodeISO8601Interval: numbers with units
 * ({@code 1 year 2 mons}, {@code 3.5 days}, {@code 10min}), a leading {@code @} and trailing
 * {@code ago}, time fields {@code [-]h:mm[:ss[.f]]}, SQL-standard {@code Y-M} and {@code D h:m:s},
 * a bare number (seconds) and ISO 8601 {@code P1Y2M3DT4H5M6S}. Fractions of a unit spill into the
 * smaller units the way PostgreSQL does (a month is 30 days here, a day 24 hours).
 */
public final class IntervalParser {
    private IntervalParser() {}

    private enum Unit { MILLENNIUM, CENTURY, DECADE, YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("millennium", Unit.MILLENNIUM), Map.entry("millennia", Unit.MILLENNIUM), Map.entry("mil", Unit.MILLENNIUM),
            Map.entry("mils", Unit.MILLENNIUM), Map.entry("century", Unit.CENTURY), Map.entry("centuries", Unit.CENTURY),
            Map.entry("cent", Unit.CENTURY), Map.entry("c", Unit.CENTURY), Map.entry("decade", Unit.DECADE),
            Map.entry("decades", Unit.DECADE), Map.entry("dec", Unit.DECADE), Map.entry("decs", Unit.DECADE),
            Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR), Map.entry("y", Unit.YEAR), Map.entry("yr", Unit.YEAR),
            Map.entry("yrs", Unit.YEAR), Map.entry("month", Unit.MONTH), Map.entry("months", Unit.MONTH),
            Map.entry("mon", Unit.MONTH), Map.entry("mons", Unit.MONTH), Map.entry("week", Unit.WEEK),
            Map.entry("weeks", Unit.WEEK), Map.entry("w", Unit.WEEK), Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY),
            Map.entry("d", Unit.DAY), Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR), Map.entry("h", Unit.HOUR),
            Map.entry("hr", Unit.HOUR), Map.entry("hrs", Unit.HOUR), Map.entry("minute", Unit.MINUTE),
            Map.entry("minutes", Unit.MINUTE), Map.entry("min", Unit.MINUTE), Map.entry("mins", Unit.MINUTE),
            Map.entry("m", Unit.MINUTE), Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND),
            Map.entry("sec", Unit.SECOND), Map.entry("secs", Unit.SECOND), Map.entry("s", Unit.SECOND),
            Map.entry("millisecond", Unit.MILLISECOND), Map.entry("milliseconds", Unit.MILLISECOND),
            Map.entry("ms", Unit.MILLISECOND), Map.entry("msec", Unit.MILLISECOND), Map.entry("msecs", Unit.MILLISECOND),
            Map.entry("millisecon", Unit.MILLISECOND), Map.entry("microsecond", Unit.MICROSECOND),
            Map.entry("microseconds", Unit.MICROSECOND), Map.entry("us", Unit.MICROSECOND),
            Map.entry("usec", Unit.MICROSECOND), Map.entry("usecs", Unit.MICROSECOND));

    /** Accumulated fields; long so that overflow can be detected before narrowing. */
    private static final class Acc {
        long months;
        long days;
        long micros;
        boolean any;
    }

    public static IntervalValue parse(String text) {
        String s = TypeIo.trimSpaces(text);
        Acc a = new Acc();
        try {
            if (s.length() > 1 && (s.charAt(0) == 'P' || s.charAt(0) == 'p')) {
                iso(s.substring(1), a, text);
            } else {
                postgres(s, a, text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw fieldOverflow(text);
        }
        if (!a.any) {
            throw syntax(text);
        }
        if (a.months != (int) a.months || a.days != (int) a.days) {
            throw fieldOverflow(text);
        }
        return new IntervalValue(a.micros, (int) a.days, (int) a.months);
    }

    static PgException syntax(String text) {
        return new PgException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"");
    }

    static PgException fieldOverflow(String text) {
        return new PgException(DateTimes.INTERVAL_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
    }

    private static void postgres(String s, Acc a, String text) {
        int i = 0;
        int n = s.length();
        boolean ago = false;
        String pendingNumber = null; // a number waiting for its unit
        boolean sawTime = false;
        boolean sawYearMonth = false;
        while (i < n) {
            char c = s.charAt(i);
            if (TypeIo.isSpace(c)) {
                i++;
                continue;
            }
            if (ago) {
                throw syntax(text); // nothing may follow "ago"
            }
            if (c == '@' && i == 0) {
                i++;
                continue;
            }
            if (Character.isLetter(c)) {
                int st = i;
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                String w = s.substring(st, i).toLowerCase(Locale.ROOT);
                if (w.equals("ago")) {
                    if (pendingNumber != null) {
                        throw syntax(text);
                    }
                    ago = true;
                    continue;
                }
                Unit u = UNITS.get(w);
                if (u == null || pendingNumber == null) {
                    throw syntax(text);
                }
                apply(pendingNumber, u, a, text);
                pendingNumber = null;
                continue;
            }
            if (c == '+' || c == '-' || c == '.' || Character.isDigit(c)) {
                int st = i;
                i++;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ':'
                        || (s.charAt(i) == '-' && i > st && Character.isDigit(s.charAt(i - 1))))) {
                    i++;
                }
                String tok = s.substring(st, i);
                if (pendingNumber != null) {
                    // "D h:m:s": a bare number before a time field counts days
                    if (tok.indexOf(':') >= 0 && !sawTime) {
                        apply(pendingNumber, Unit.DAY, a, text);
                        pendingNumber = null;
                    } else {
                        throw syntax(text);
                    }
                }
                if (tok.indexOf(':') >= 0) {
                    if (sawTime) {
                        throw syntax(text);
                    }
                    sawTime = true;
                    timeField(tok, a, text);
                } else if (tok.indexOf('-', 1) > 0) {
                    if (sawYearMonth) {
                        throw syntax(text);
                    }
                    sawYearMonth = true;
                    yearMonth(tok, a, text);
                } else {
                    if (tok.equals("+") || tok.equals("-") || tok.equals(".")) {
                        throw syntax(text);
                    }
                    pendingNumber = tok;
                }
                continue;
            }
            throw syntax(text);
        }
        if (pendingNumber != null) {
            apply(pendingNumber, Unit.SECOND, a, text);
        }
        if (ago) {
            a.months = -a.months;
            a.days = -a.days;
            a.micros = Math.negateExact(a.micros);
        }
    }

    private static void yearMonth(String tok, Acc a, String text) {
        boolean neg = tok.charAt(0) == '-';
        String body = tok.charAt(0) == '-' || tok.charAt(0) == '+' ? tok.substring(1) : tok;
        String[] p = body.split("-", -1);
        if (p.length != 2 || p[0].isEmpty() || p[1].isEmpty() || !digits(p[0]) || !digits(p[1])) {
            throw syntax(text);
        }
        long m = Long.parseLong(p[0]) * 12 + Long.parseLong(p[1]);
        if (Long.parseLong(p[1]) > 11) {
            throw fieldOverflow(text);
        }
        a.months = Math.addExact(a.months, neg ? -m : m);
        a.any = true;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** [-]h:mm[:ss[.f]] */
    private static void timeField(String tok, Acc a, String text) {
        boolean neg = tok.charAt(0) == '-';
        String body = tok.charAt(0) == '-' || tok.charAt(0) == '+' ? tok.substring(1) : tok;
        String[] p = body.split(":", -1);
        if (p.length < 2 || p.length > 3 || !digits(p[0])) {
            throw syntax(text);
        }
        long h = Long.parseLong(p[0]);
        String minPart = p[1];
        String secPart = p.length == 3 ? p[2] : "0";
        if (p.length == 2 && minPart.indexOf('.') >= 0) {
            // h:m.f is minutes:seconds with a fraction in PostgreSQL
            secPart = minPart;
            minPart = p[0];
            h = 0;
        }
        if (!digits(minPart)) {
            throw syntax(text);
        }
        long m = Long.parseLong(minPart);
        int dot = secPart.indexOf('.');
        String whole = dot < 0 ? secPart : secPart.substring(0, dot);
        String frac = dot < 0 ? "" : secPart.substring(dot + 1);
        if (!digits(whole) || (!frac.isEmpty() && !digits(frac))) {
            throw syntax(text);
        }
        long sec = Long.parseLong(whole);
        if (m > 59 || sec > 59) {
            throw fieldOverflow(text);
        }
        long us = frac.isEmpty() ? 0 : Math.round(Double.parseDouble("0." + frac) * 1e6);
        long total = Math.addExact(Math.multiplyExact(h, DateTimes.USECS_PER_HOUR),
                m * DateTimes.USECS_PER_MINUTE + sec * DateTimes.USECS_PER_SEC + us);
        a.micros = Math.addExact(a.micros, neg ? -total : total);
        a.any = true;
    }

    /** Adds {@code number unit}; fractions spill into smaller units as PostgreSQL's AdjustFract* do. */
    private static void apply(String number, Unit u, Acc a, String text) {
        double val;
        try {
            val = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw syntax(text);
        }
        if (Double.isNaN(val) || Double.isInfinite(val)) {
            throw syntax(text);
        }
        double whole = val < 0 ? Math.ceil(val) : Math.floor(val);
        double frac = val - whole;
        if (Math.abs(whole) > Long.MAX_VALUE / 2) {
            throw fieldOverflow(text);
        }
        long w = (long) whole;
        a.any = true;
        switch (u) {
            case MILLENNIUM -> years(a, w, frac, 1000);
            case CENTURY -> years(a, w, frac, 100);
            case DECADE -> years(a, w, frac, 10);
            case YEAR -> years(a, w, frac, 1);
            case MONTH -> {
                a.months = Math.addExact(a.months, w);
                fractDays(a, frac, 30);
            }
            case WEEK -> {
                a.days = Math.addExact(a.days, Math.multiplyExact(w, 7));
                fractDays(a, frac, 7);
            }
            case DAY -> {
                a.days = Math.addExact(a.days, w);
                fractMicros(a, frac, DateTimes.USECS_PER_DAY);
            }
            case HOUR -> micros(a, w, frac, DateTimes.USECS_PER_HOUR);
            case MINUTE -> micros(a, w, frac, DateTimes.USECS_PER_MINUTE);
            case SECOND -> micros(a, w, frac, DateTimes.USECS_PER_SEC);
            case MILLISECOND -> micros(a, w, frac, 1000);
            case MICROSECOND -> micros(a, w, frac, 1);
        }
        if (Math.abs(a.months) > Integer.MAX_VALUE || Math.abs(a.days) > Integer.MAX_VALUE) {
            throw fieldOverflow(text);
        }
    }

    private static void years(Acc a, long w, double frac, int scale) {
        a.months = Math.addExact(a.months, Math.multiplyExact(w, 12L * scale));
        a.months = Math.addExact(a.months, (long) Math.rint(frac * scale * 12));
    }

    private static void fractDays(Acc a, double frac, int scale) {
        if (frac == 0) {
            return;
        }
        double f = frac * scale;
        long extra = (long) f;
        a.days = Math.addExact(a.days, extra);
        fractMicros(a, f - extra, DateTimes.USECS_PER_DAY);
    }

    private static void fractMicros(Acc a, double frac, long scale) {
        if (frac == 0) {
            return;
        }
        double f = frac * scale;
        long us = (long) f;
        us += (long) Math.rint(f - us);
        a.micros = Math.addExact(a.micros, us);
    }

    private static void micros(Acc a, long w, double frac, long scale) {
        a.micros = Math.addExact(a.micros, Math.multiplyExact(w, scale));
        fractMicros(a, frac, scale);
    }

    /** ISO 8601 with designators: P[nY][nM][nW][nD][T[nH][nM][nS]]. */
    private static void iso(String s, Acc a, String text) {
        boolean time = false;
        int i = 0;
        int n = s.length();
        if (n == 0) {
            throw syntax(text);
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c == 'T' || c == 't') {
                if (time) {
                    throw syntax(text);
                }
                time = true;
                i++;
                continue;
            }
            int st = i;
            if (c == '-' || c == '+') {
                i++;
            }
            while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == st || i >= n) {
                throw syntax(text);
            }
            String num = s.substring(st, i);
            char d = Character.toUpperCase(s.charAt(i++));
            Unit u = switch (d) {
                case 'Y' -> time ? null : Unit.YEAR;
                case 'M' -> time ? Unit.MINUTE : Unit.MONTH;
                case 'W' -> time ? null : Unit.WEEK;
                case 'D' -> time ? null : Unit.DAY;
                case 'H' -> time ? Unit.HOUR : null;
                case 'S' -> time ? Unit.SECOND : null;
                default -> null;
            };
            if (u == null) {
                throw syntax(text);
            }
            apply(num, u, a, text);
        }
    }
}
