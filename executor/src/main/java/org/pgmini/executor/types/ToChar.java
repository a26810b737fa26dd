package org.pgmini.executor.types;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.JulianFields;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * to_char for timestamp, timestamptz and interval with PostgreSQL's template patterns: year
 * forms (YYYY YYY YY Y IYYY CC), month (MM MONTH Month month MON Mon mon RM rm), day (DD DDD D ID
 * DAY Day day DY Dy dy), week (WW IW), Q, J, times (HH HH12 HH24 MI SS MS US SSSS), AM/PM and
 * A.M./P.M. in both cases, BC/AD forms, TZ/tz/OF, the FM prefix, TH/th suffixes, "quoted text" and
 * backslash escapes; other characters are copied. to_char of an interval supports only the
 * time, day, month and year fields; other patterns there raise 0A000.
 */
public final class ToChar {
    private ToChar() {}

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

    /** Patterns in the order they are tried at each position (longest first, as PostgreSQL's keyword table). */
    private static final String[] PATTERNS = {
        "A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "Day", "Dy", "D", "HH24", "HH12", "HH",
        "IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MONTH", "MON", "MS", "Month", "Mon", "OF",
        "P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS", "TZH", "TZM", "TZ", "US", "WW", "W", "YYYY", "YYY", "YY", "Y",
        "a.d.", "a.m.", "ad", "am", "b.c.", "bc", "cc", "day", "ddd", "dd", "dy", "d", "hh24", "hh12", "hh", "iddd", "id",
        "iw", "iyyy", "iyy", "iy", "i", "j", "mi", "mm", "month", "mon", "ms", "of", "p.m.", "pm", "q", "rm", "sssss",
        "ssss", "ss", "tzh", "tzm", "tz", "us", "ww", "w", "yyyy", "yyy", "yy", "y"};

    /** The fields a template reads; for interval some are absent (null date). */
    private record Fields(LocalDate date, long year, int month, long day, long hour, int minute, int second, int micros,
                          Integer offset, String zoneAbbrev) {}

    public static String timestamp(long local, String template) {
        if (!DateTimes.isFinite(local)) {
            return null;
        }
        return format(localFields(local, null, null), template);
    }

    public static String timestamptz(long utc, ZoneId zone, String template) {
        if (!DateTimes.isFinite(utc)) {
            return null;
        }
        int offset = DateTimes.offsetAt(zone, utc);
        long local = utc + offset * DateTimes.USECS_PER_SEC;
        return format(localFields(local, offset, DateTimeFormat.abbreviation(zone, utc, offset)), template);
    }

    public static String interval(IntervalValue v, String template) {
        long t = v.microseconds();
        Fields f = new Fields(null, v.months() / 12, v.months() % 12, v.days(), t / DateTimes.USECS_PER_HOUR,
                (int) (t / DateTimes.USECS_PER_MINUTE % 60), (int) (t / DateTimes.USECS_PER_SEC % 60),
                (int) (t % DateTimes.USECS_PER_SEC), null, null);
        return format(f, template);
    }

    private static Fields localFields(long local, Integer offset, String abbrev) {
        long days = Math.floorDiv(local, DateTimes.USECS_PER_DAY);
        long tod = Math.floorMod(local, DateTimes.USECS_PER_DAY);
        LocalDate d = DateTimes.localDate(days);
        return new Fields(d, d.getYear(), d.getMonthValue(), d.getDayOfMonth(), tod / DateTimes.USECS_PER_HOUR,
                (int) (tod / DateTimes.USECS_PER_MINUTE % 60), (int) (tod / DateTimes.USECS_PER_SEC % 60),
                (int) (tod % DateTimes.USECS_PER_SEC), offset, abbrev);
    }

    private static String format(Fields f, String t) {
        StringBuilder out = new StringBuilder(t.length() + 16);
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < t.length() && t.charAt(end) != '"') {
                    if (t.charAt(end) == '\\' && end + 1 < t.length()) {
                        end++;
                    }
                    out.append(t.charAt(end));
                    end++;
                }
                i = end + 1;
                continue;
            }
            if (c == '\\' && i + 1 < t.length()) {
                out.append(t.charAt(i + 1));
                i += 2;
                continue;
            }
            boolean fm = false;
            while (t.startsWith("FM", i) || t.startsWith("fm", i) || t.startsWith("FX", i) || t.startsWith("fx", i)) {
                fm |= Character.toUpperCase(t.charAt(i + 1)) == 'M';
                i += 2;
            }
            String p = match(t, i);
            if (p == null) {
                if (i < t.length()) {
                    out.append(t.charAt(i));
                    i++;
                }
                continue;
            }
            i += p.length();
            String suffix = null;
            if (t.startsWith("TH", i) || t.startsWith("th", i)) {
                suffix = t.substring(i, i + 2);
                i += 2;
            }
            out.append(field(f, p, fm, suffix));
        }
        return out.toString();
    }

    private static String match(String t, int i) {
        for (String p : PATTERNS) {
            if (t.startsWith(p, i)) {
                return p;
            }
        }
        return null;
    }

    private static PgException notSupported(String p) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "to_char pattern \"" + p + "\" is not supported for this type");
    }

    private static String num(long v, int width, boolean fm, String suffix) {
        String s = Long.toString(Math.abs(v));
        if (!fm && s.length() < width) {
            s = "0".repeat(width - s.length()) + s;
        }
        if (v < 0) {
            s = "-" + s;
        }
        if (suffix != null) {
            long m100 = Math.abs(v) % 100;
            long m10 = Math.abs(v) % 10;
            String th = m100 >= 11 && m100 <= 13 ? "th" : m10 == 1 ? "st" : m10 == 2 ? "nd" : m10 == 3 ? "rd" : "th";
            s += suffix.equals("TH") ? th.toUpperCase(Locale.ROOT) : th;
        }
        return s;
    }

    private static String text(String word, String pattern, boolean fm, int width) {
        String w = Character.isUpperCase(pattern.charAt(0)) && Character.isUpperCase(pattern.charAt(pattern.length() - 1))
                ? word.toUpperCase(Locale.ROOT)
                : Character.isUpperCase(pattern.charAt(0)) ? word : word.toLowerCase(Locale.ROOT);
        return fm || w.length() >= width ? w : w + " ".repeat(width - w.length());
    }

    private static String field(Fields f, String p, boolean fm, String th) {
        String up = p.toUpperCase(Locale.ROOT);
        LocalDate d = f.date();
        boolean dateNeeded = !(up.startsWith("HH") || up.equals("MI") || up.equals("SS") || up.equals("MS") || up.equals("US")
                || up.equals("SSSS") || up.equals("SSSSS") || up.equals("DD") || up.equals("MM") || up.equals("YYYY")
                || up.equals("AM") || up.equals("PM") || up.equals("A.M.") || up.equals("P.M."));
        if (d == null && dateNeeded) {
            throw notSupported(p);
        }
        long displayYear = d == null ? f.year() : DateTimes.displayYear(d.getYear());
        long hour12 = f.hour() % 12 == 0 ? 12 : f.hour() % 12;
        boolean pm = f.hour() % 24 >= 12;
        boolean bc = d != null && d.getYear() <= 0;
        switch (up) {
            case "HH24": return num(f.hour(), 2, fm, th);
            case "HH": case "HH12": return num(d == null ? f.hour() % 12 : hour12, 2, fm, th);
            case "MI": return num(f.minute(), 2, fm, th);
            case "SS": return num(f.second(), 2, fm, th);
            case "MS": return num(f.micros() / 1000, 3, fm, th);
            case "US": return num(f.micros(), 6, fm, th);
            case "SSSS": case "SSSSS": return num(f.hour() * 3600 + f.minute() * 60L + f.second(), 0, fm, th);
            case "AM": case "PM": return upperIf(p, pm ? "PM" : "AM");
            case "A.M.": case "P.M.": return upperIf(p, pm ? "P.M." : "A.M.");
            case "AD": case "BC": return upperIf(p, bc ? "BC" : "AD");
            case "A.D.": case "B.C.": return upperIf(p, bc ? "B.C." : "A.D.");
            case "YYYY": return num(displayYear, 4, fm, th);
            case "YYY": return num(displayYear % 1000, 3, fm, th);
            case "YY": return num(displayYear % 100, 2, fm, th);
            case "Y": return num(displayYear % 10, 1, fm, th);
            case "IYYY": return num(d.get(IsoFields.WEEK_BASED_YEAR), 4, fm, th);
            case "IYY": return num(d.get(IsoFields.WEEK_BASED_YEAR) % 1000, 3, fm, th);
            case "IY": return num(d.get(IsoFields.WEEK_BASED_YEAR) % 100, 2, fm, th);
            case "I": return num(d.get(IsoFields.WEEK_BASED_YEAR) % 10, 1, fm, th);
            case "CC": return num(d.getYear() > 0 ? (d.getYear() + 99) / 100 : -((99 - (d.getYear() - 1)) / 100), 2, fm, th);
            case "MM": return num(f.month(), 2, fm, th);
            case "MONTH": return text(MONTHS[d.getMonthValue() - 1], p, fm, 9);
            case "MON": return text(MONTHS[d.getMonthValue() - 1].substring(0, 3), p, true, 3);
            case "RM": {
                String r = text(ROMAN[d.getMonthValue() - 1], p.equals("rm") ? "rm" : "RM", fm, 4);
                return r;
            }
            case "DD": return num(f.day(), 2, fm, th);
            case "DDD": return num(d.getDayOfYear(), 3, fm, th);
            case "IDDD": return num((d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7L + d.getDayOfWeek().getValue(), 3, fm, th);
            case "D": return num(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : d.getDayOfWeek().getValue() + 1, 1, fm, th);
            case "ID": return num(d.getDayOfWeek().getValue(), 1, fm, th);
            case "DAY": return text(DAYS[d.getDayOfWeek().getValue() % 7], p, fm, 9);
            case "DY": return text(DAYS[d.getDayOfWeek().getValue() % 7].substring(0, 3), p, true, 3);
            case "W": return num((d.getDayOfMonth() - 1) / 7 + 1, 1, fm, th);
            case "WW": return num((d.getDayOfYear() - 1) / 7 + 1, 2, fm, th);
            case "IW": return num(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm, th);
            case "Q": return num((d.getMonthValue() - 1) / 3 + 1, 1, fm, th);
            case "J": return num(d.getLong(JulianFields.JULIAN_DAY), 0, fm, th);
            case "TZ": {
                String z = f.zoneAbbrev() == null ? "" : f.zoneAbbrev();
                return p.equals("tz") ? z.toLowerCase(Locale.ROOT) : z.toUpperCase(Locale.ROOT);
            }
            case "TZH": {
                int o = f.offset() == null ? 0 : f.offset();
                return (o < 0 ? "-" : "+") + num(Math.abs(o) / 3600, 2, fm, null);
            }
            case "TZM": return num(Math.abs(f.offset() == null ? 0 : f.offset()) / 60 % 60, 2, fm, null);
            case "OF": {
                if (f.offset() == null) {
                    return "";
                }
                StringBuilder sb = new StringBuilder();
                DateTimeFormat.appendOffset(sb, f.offset(), false);
                return sb.toString();
            }
            default: throw notSupported(p);
        }
    }

    private static String upperIf(String pattern, String word) {
        return Character.isUpperCase(pattern.charAt(0)) ? word : word.toLowerCase(Locale.ROOT);
    }
}
