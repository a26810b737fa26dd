package org.pgmini.executor.types;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Reads date/time text the way PostgreSQL's ParseDateTime/DecodeDateTime do, for the forms in
 * common use: ISO dates ({@code 2024-01-31}, {@code 20240131}, with {@code T} and {@code Z}),
 * numeric dates in the DateStyle field order ({@code 1/8/1999}), month names in any position
 * ({@code January 8, 1999}, {@code 08-Jan-1999}), times with fractions and AM/PM, BC/AD,
 * zones (numeric offsets, tz database names, common abbreviations), and the special words
 * epoch, infinity, -infinity, now, today, tomorrow, yesterday, allballs. Julian dates
 * ({@code J2451187}) and year.day-of-year forms are read too. Anything else is 22007; fields out of
 * range are 22008 with PostgreSQL's texts.
 */
public final class DateTimeParser {
    /** What the text said. Years are proleptic ISO years (1 BC is 0). */
    public static final class Fields {
        public Special special;
        public boolean hasDate;
        public boolean hasTime;
        public int year;
        public int month;
        public int day;
        public int hour;
        public int minute;
        public int second;
        public int micros;
        /** A fixed offset east of UTC in seconds, or null. */
        public Integer offsetSeconds;
        /** A zone name whose rules decide the offset, or null. */
        public ZoneId zone;
        /** Days added by today/tomorrow/yesterday (relative to the current date). */
        public Integer relativeDays;
        /** A Julian day number given with J. */
        public Integer julian;
    }

    public enum Special { EPOCH, INFINITY, NEG_INFINITY, NOW }

    private final String text;
    private final String typeName;
    private final SessionTime.Order order;
    private final Fields f = new Fields();

    private Integer yearV;
    private boolean yearTwoDigits;
    private boolean bc;
    private boolean ad;
    private Integer monthV;
    private Integer dayV;
    private Integer doy;
    private int ampm; // 0 none, 1 am, 2 pm
    private final List<String> looseNumbers = new ArrayList<>();

    private DateTimeParser(String text, String typeName, SessionTime.Order order) {
        this.text = text;
        this.typeName = typeName;
        this.order = order;
    }

    /** Parses {@code text}; {@code typeName} is the type named in syntax errors (e.g. "date"). */
    public static Fields parse(String text, String typeName, SessionTime.Order order) {
        DateTimeParser p = new DateTimeParser(text, typeName, order);
        p.run();
        return p.f;
    }

    PgException syntax() {
        return new PgException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    PgException fieldOverflow(boolean hint) {
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"", null,
                hint ? "Perhaps you need a different \"datestyle\" setting." : null, 0, null, null);
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7), Map.entry("july", 7),
            Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10), Map.entry("nov", 11),
            Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private static final java.util.Set<String> WEEKDAYS = java.util.Set.of("sun", "sunday", "mon", "monday", "tue",
            "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday");

    /** Zone abbreviations of PostgreSQL's default set that are in common use (offset east of UTC, seconds). */
    static final Map<String, Integer> ABBREVIATIONS = Map.ofEntries(
            Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("ut", 0), Map.entry("z", 0), Map.entry("zulu", 0),
            Map.entry("est", -5 * 3600), Map.entry("edt", -4 * 3600), Map.entry("cst", -6 * 3600),
            Map.entry("cdt", -5 * 3600), Map.entry("mst", -7 * 3600), Map.entry("mdt", -6 * 3600),
            Map.entry("pst", -8 * 3600), Map.entry("pdt", -7 * 3600), Map.entry("akst", -9 * 3600),
            Map.entry("akdt", -8 * 3600), Map.entry("hst", -10 * 3600), Map.entry("ast", -4 * 3600),
            Map.entry("adt", -3 * 3600), Map.entry("nst", -12600), Map.entry("ndt", -9000),
            Map.entry("wet", 0), Map.entry("west", 3600), Map.entry("bst", 3600), Map.entry("cet", 3600),
            Map.entry("cest", 7200), Map.entry("met", 3600), Map.entry("mest", 7200), Map.entry("eet", 7200),
            Map.entry("eest", 3 * 3600), Map.entry("msk", 3 * 3600), Map.entry("ist", 7200),
            Map.entry("jst", 9 * 3600), Map.entry("kst", 9 * 3600), Map.entry("hkt", 8 * 3600),
            Map.entry("awst", 8 * 3600), Map.entry("acst", 34200), Map.entry("acdt", 37800),
            Map.entry("aest", 10 * 3600), Map.entry("aedt", 11 * 3600), Map.entry("nzst", 12 * 3600),
            Map.entry("nzdt", 13 * 3600));

    private void run() {
        // ISO 8601's T between date and time, and a Z right after the time, are separators
        String s = text.replaceAll("(?<=\\d)[Tt](?=\\d)", " ").replaceAll("(?<=\\d)([Zz])$", " $1");
        int i = 0;
        int n = s.length();
        boolean any = false;
        while (i < n) {
            char c = s.charAt(i);
            if (TypeIo.isSpace(c) || c == ',') {
                i++;
                continue;
            }
            any = true;
            int start = i;
            if (Character.isDigit(c)) {
                boolean colon = false;
                while (i < n && (Character.isDigit(s.charAt(i)) || Character.isLetter(s.charAt(i))
                        || s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.' || s.charAt(i) == ':')) {
                    // after a time (10:00-05) a sign starts the zone, a letter an abbreviation
                    if (colon && (s.charAt(i) == '-' || Character.isLetter(s.charAt(i)))) {
                        break;
                    }
                    colon |= s.charAt(i) == ':';
                    i++;
                }
                numericField(s.substring(start, i));
            } else if (Character.isLetter(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '/' || s.charAt(i) == '_'
                        || s.charAt(i) == '-' || s.charAt(i) == '+' || s.charAt(i) == '.')) {
                    i++;
                }
                wordField(s.substring(start, i));
            } else if (c == '+' || c == '-') {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) {
                    i++;
                }
                signedField(s.substring(start, i));
            } else {
                throw syntax();
            }
        }
        if (!any) {
            throw syntax();
        }
        finish();
    }

    private void numericField(String t) {
        if (t.indexOf(':') >= 0) {
            timeField(t);
            return;
        }
        int sep = firstOf(t, "-/");
        if (sep >= 0 || t.chars().filter(ch -> ch == '.').count() >= 2 || t.chars().anyMatch(Character::isLetter)) {
            if (t.chars().anyMatch(Character::isLetter) && sep < 0 && t.indexOf('.') < 0) {
                throw syntax();
            }
            dateField(t);
            return;
        }
        int dot = t.indexOf('.');
        if (dot >= 0) {
            // yyyy.ddd (day of year) before a date is known; a fraction of a second after a time
            String a = t.substring(0, dot);
            String b = t.substring(dot + 1);
            if (!f.hasDate && yearV == null && a.length() == 4 && b.length() == 3 && allDigits(b)) {
                yearV = Integer.parseInt(a);
                doy = Integer.parseInt(b);
                f.hasDate = true;
                return;
            }
            throw syntax();
        }
        if (!f.hasDate && yearV == null && monthV == null && dayV == null && looseNumbers.isEmpty()) {
            if (t.length() == 8) {
                setYmd(t.substring(0, 4), t.substring(4, 6), t.substring(6, 8), false);
                return;
            }
            if (t.length() == 6) {
                setYmd(t.substring(0, 2), t.substring(2, 4), t.substring(4, 6), true);
                return;
            }
        }
        if (f.hasDate && !f.hasTime && (t.length() == 6 || t.length() == 4)) {
            // hhmmss / hhmm after a complete date (ISO basic format)
            timeField(t.substring(0, 2) + ":" + t.substring(2, 4) + (t.length() == 6 ? ":" + t.substring(4) : ""));
            return;
        }
        looseNumbers.add(t);
    }

    private static int firstOf(String t, String chars) {
        for (int i = 0; i < t.length(); i++) {
            if (chars.indexOf(t.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allDigits(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void setYmd(String y, String m, String d, boolean twoDigitYear) {
        if (f.hasDate) {
            throw syntax();
        }
        yearV = Integer.parseInt(y);
        yearTwoDigits = twoDigitYear || y.length() <= 2;
        monthV = Integer.parseInt(m);
        dayV = Integer.parseInt(d);
        f.hasDate = true;
    }

    /** A date with separators: numbers and at most one month name. */
    private void dateField(String t) {
        if (f.hasDate) {
            throw syntax();
        }
        String[] parts = t.split("[-/.]", -1);
        if (parts.length != 3) {
            throw syntax();
        }
        int nameAt = -1;
        for (int k = 0; k < 3; k++) {
            if (parts[k].isEmpty()) {
                throw syntax();
            }
            if (!allDigits(parts[k])) {
                Integer m = MONTHS.get(parts[k].toLowerCase(Locale.ROOT));
                if (m == null || nameAt >= 0) {
                    throw syntax();
                }
                nameAt = k;
            }
        }
        if (nameAt >= 0) {
            int m = MONTHS.get(parts[nameAt].toLowerCase(Locale.ROOT));
            String a = parts[nameAt == 0 ? 1 : 0];
            String b = parts[nameAt == 2 ? 1 : 2];
            if (nameAt == 1 && a.length() > 2) {
                setYmd(a, String.valueOf(m), b, false); // 1999-Jan-08
            } else if (nameAt == 1) {
                setYmd(b, String.valueOf(m), a, false); // 08-Jan-1999
            } else if (nameAt == 0) {
                setYmd(b, String.valueOf(m), a, false); // Jan-08-1999
            } else {
                if (a.length() > 2) {
                    setYmd(a, String.valueOf(m), b, false);
                } else {
                    setYmd(b, String.valueOf(m), a, false);
                }
            }
            return;
        }
        if (parts[0].length() > 2 || order == SessionTime.Order.YMD) {
            setYmd(parts[0], parts[1], parts[2], false);
        } else if (order == SessionTime.Order.DMY) {
            setYmd(parts[2], parts[1], parts[0], false);
        } else {
            setYmd(parts[2], parts[0], parts[1], false);
        }
    }

    private void timeField(String t) {
        if (f.hasTime) {
            throw syntax();
        }
        String[] parts = t.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw syntax();
        }
        String secPart = parts.length == 3 ? parts[2] : "0";
        String minPart = parts[1];
        if (parts.length == 2 && minPart.indexOf('.') >= 0) {
            // mm:ss.fff is not read here; PostgreSQL takes h:m.f as minutes with a fraction (rare)
            throw syntax();
        }
        if (!allDigits(parts[0]) || !allDigits(minPart)) {
            throw syntax();
        }
        f.hour = parseIntField(parts[0]);
        f.minute = parseIntField(minPart);
        int dot = secPart.indexOf('.');
        String whole = dot < 0 ? secPart : secPart.substring(0, dot);
        if (!allDigits(whole) || (dot >= 0 && !secPart.substring(dot + 1).chars().allMatch(Character::isDigit))) {
            throw syntax();
        }
        f.second = parseIntField(whole);
        if (dot >= 0) {
            String frac = secPart.substring(dot + 1);
            long micros = frac.isEmpty() ? 0 : Math.round(Double.parseDouble("0." + frac) * 1_000_000);
            if (micros == 1_000_000) {
                micros = 0;
                f.second++;
            }
            f.micros = (int) micros;
        }
        f.hasTime = true;
    }

    private int parseIntField(String d) {
        if (d.length() > 9) {
            throw fieldOverflow(false);
        }
        return Integer.parseInt(d);
    }

    private void wordField(String w) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.indexOf('-') >= 0 && firstOf(lw, "0123456789") >= 0 && !lw.contains("/")) {
            dateField(w); // Jan-08-1999
            return;
        }
        switch (lw) {
            case "epoch": special(Special.EPOCH); return;
            case "infinity": special(Special.INFINITY); return;
            case "now": special(Special.NOW); return;
            case "today": relative(0); return;
            case "tomorrow": relative(1); return;
            case "yesterday": relative(-1); return;
            case "allballs":
                if (f.hasTime) {
                    throw syntax();
                }
                f.hasTime = true;
                f.offsetSeconds = 0;
                return;
            case "am": case "a.m.": ampm = 1; return;
            case "pm": case "p.m.": ampm = 2; return;
            case "bc": case "b.c.": bc = true; return;
            case "ad": case "a.d.": ad = true; return;
            case "t": return;
            default: break;
        }
        if (lw.length() > 1 && lw.charAt(0) == 'j' && allDigits(lw.substring(1))) {
            f.julian = Integer.parseInt(lw.substring(1));
            f.hasDate = true;
            return;
        }
        Integer m = MONTHS.get(lw);
        if (m != null) {
            if (monthV != null) {
                throw syntax();
            }
            monthV = m;
            return;
        }
        if (WEEKDAYS.contains(lw)) {
            return;
        }
        Integer off = ABBREVIATIONS.get(lw);
        if (off != null) {
            setZoneOffset(off);
            return;
        }
        ZoneId z = SessionTime.namedZone(w);
        if (z != null && (w.indexOf('/') >= 0 || !w.equals(w.toUpperCase(Locale.ROOT)) || w.length() > 4)) {
            if (f.offsetSeconds != null || f.zone != null) {
                throw syntax();
            }
            f.zone = z;
            return;
        }
        throw syntax();
    }

    private void special(Special s) {
        if (f.special != null) {
            throw syntax();
        }
        f.special = s;
    }

    private void relative(int days) {
        if (f.relativeDays != null || f.hasDate) {
            throw syntax();
        }
        f.relativeDays = days;
        f.hasDate = true;
    }

    private void setZoneOffset(int seconds) {
        if (f.offsetSeconds != null || f.zone != null) {
            throw syntax();
        }
        f.offsetSeconds = seconds;
    }

    /** +hh, +hhmm, +hh:mm[:ss], -..., or +infinity / -infinity. */
    private void signedField(String t) {
        boolean neg = t.charAt(0) == '-';
        String body = t.substring(1);
        if (body.equalsIgnoreCase("infinity")) {
            special(neg ? Special.NEG_INFINITY : Special.INFINITY);
            return;
        }
        int h;
        int m = 0;
        int sec = 0;
        if (body.indexOf(':') >= 0) {
            String[] p = body.split(":", -1);
            if (p.length > 3) {
                throw syntax();
            }
            for (String x : p) {
                if (!allDigits(x)) {
                    throw syntax();
                }
            }
            h = Integer.parseInt(p[0]);
            m = Integer.parseInt(p[1]);
            sec = p.length == 3 ? Integer.parseInt(p[2]) : 0;
        } else if (allDigits(body) && body.length() <= 2) {
            h = Integer.parseInt(body);
        } else if (allDigits(body) && body.length() == 4) {
            h = Integer.parseInt(body.substring(0, 2));
            m = Integer.parseInt(body.substring(2));
        } else if (allDigits(body) && body.length() == 6) {
            h = Integer.parseInt(body.substring(0, 2));
            m = Integer.parseInt(body.substring(2, 4));
            sec = Integer.parseInt(body.substring(4));
        } else {
            throw syntax();
        }
        if (h > 15 || m > 59 || sec > 59) {
            throw new PgException(DateTimes.TZ_DISPLACEMENT_OUT_OF_RANGE,
                    "time zone displacement out of range: \"" + text + "\"");
        }
        int total = h * 3600 + m * 60 + sec;
        setZoneOffset(neg ? -total : total);
    }

    private void finish() {
        if (f.special != null) {
            if (f.hasDate || f.hasTime || !looseNumbers.isEmpty() || monthV != null) {
                throw syntax();
            }
            return;
        }
        // loose numbers fill the date fields a month name left open, then the year
        if (!looseNumbers.isEmpty()) {
            if (f.hasDate || monthV == null) {
                throw syntax();
            }
            for (String num : looseNumbers) {
                int v = Integer.parseInt(num.length() > 9 ? "999999999" : num);
                if (dayV == null && num.length() <= 2 && !(yearV != null && v > 31)) {
                    dayV = v;
                } else if (yearV == null) {
                    yearV = v;
                    yearTwoDigits = num.length() <= 2;
                } else {
                    throw syntax();
                }
            }
            if (dayV == null || yearV == null) {
                throw syntax();
            }
            f.hasDate = true;
        } else if (monthV != null && !f.hasDate) {
            throw syntax();
        }
        if (ampm != 0) {
            if (!f.hasTime || f.hour > 12) {
                throw fieldOverflow(false);
            }
            if (ampm == 1 && f.hour == 12) {
                f.hour = 0;
            } else if (ampm == 2 && f.hour != 12) {
                f.hour += 12;
            }
        }
        if (f.hasTime) {
            if (f.hour > 24 || f.minute > 59 || f.second > 60
                    || (f.hour == 24 && (f.minute > 0 || f.second > 0 || f.micros > 0))) {
                throw fieldOverflow(false);
            }
            if (f.second == 60) {
                // a leap second is read as the next minute's start, as PostgreSQL does
                f.second = 0;
                f.minute++;
                if (f.minute == 60) {
                    f.minute = 0;
                    f.hour++;
                }
            }
        }
        if (f.julian != null || f.relativeDays != null) {
            return;
        }
        if (!f.hasDate) {
            if (bc || ad) {
                throw syntax();
            }
            return;
        }
        int y = yearV;
        if (doy != null) {
            if (doy < 1 || doy > (java.time.Year.isLeap(y) ? 366 : 365)) {
                throw fieldOverflow(false);
            }
            java.time.LocalDate d = java.time.LocalDate.ofYearDay(y, doy);
            f.year = y;
            f.month = d.getMonthValue();
            f.day = d.getDayOfMonth();
            return;
        }
        if (yearTwoDigits && !bc) {
            y += y < 70 ? 2000 : (y < 100 ? 1900 : 0);
        }
        if (bc) {
            if (y == 0) {
                throw fieldOverflow(false);
            }
            y = 1 - y;
        } else if (y == 0 && !yearTwoDigits) {
            throw fieldOverflow(false);
        }
        int mo = monthV;
        int d = dayV;
        if (mo < 1 || mo > 12) {
            throw fieldOverflow(true);
        }
        if (d < 1 || d > 31) {
            throw fieldOverflow(true);
        }
        if (d > java.time.YearMonth.of(Math.max(Math.min(y, 999_999_999), -999_999_999), mo).lengthOfMonth()) {
            throw fieldOverflow(false);
        }
        f.year = y;
        f.month = mo;
        f.day = d;
    }
}
