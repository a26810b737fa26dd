package org.pgmini.executor.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Text output of date, time, timestamp and timestamptz in PostgreSQL's DateStyles (ISO, SQL,
 * Postgres, German, with MDY/DMY order where the style has one), the way EncodeDateOnly and
 * EncodeDateTime write them: 4-digit (at least) years, " BC" after BC values, fractional seconds
 * without trailing zeros, numeric UTC offsets in ISO, zone abbreviations in the other styles.
 */
public final class DateTimeFormat {
    private DateTimeFormat() {}

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public static String date(int days, SessionTime st) {
        if (days == DateTimes.DATE_NOBEGIN) {
            return "-infinity";
        }
        if (days == DateTimes.DATE_NOEND) {
            return "infinity";
        }
        LocalDate d = DateTimes.localDate(days);
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d, st, false);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, LocalDate d, SessionTime st, boolean withTime) {
        String y = pad(DateTimes.displayYear(d.getYear()), 4);
        String m = pad(d.getMonthValue(), 2);
        String dd = pad(d.getDayOfMonth(), 2);
        boolean dmy = st.order() == SessionTime.Order.DMY;
        switch (st.style()) {
            case SQL -> sb.append(dmy ? dd + "/" + m : m + "/" + dd).append('/').append(y);
            case GERMAN -> sb.append(dd).append('.').append(m).append('.').append(y);
            case POSTGRES -> {
                if (withTime) {
                    sb.append(DAYS[d.getDayOfWeek().getValue() - 1]).append(' ');
                    String mon = MONTHS[d.getMonthValue() - 1];
                    sb.append(dmy ? dd + " " + mon : mon + " " + dd);
                } else {
                    sb.append(dmy ? dd + "-" + m : m + "-" + dd).append('-').append(y);
                }
            }
            default -> sb.append(y).append('-').append(m).append('-').append(dd);
        }
    }

    static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** hh:mm:ss[.ffffff] of microseconds since midnight (24:00:00 allowed). */
    public static String time(long micros) {
        StringBuilder sb = new StringBuilder(15);
        appendTime(sb, micros);
        return sb.toString();
    }

    static void appendTime(StringBuilder sb, long micros) {
        long secs = micros / DateTimes.USECS_PER_SEC;
        sb.append(pad((int) (secs / 3600), 2)).append(':').append(pad((int) (secs / 60 % 60), 2)).append(':')
                .append(pad((int) (secs % 60), 2));
        appendFraction(sb, (int) (micros % DateTimes.USECS_PER_SEC));
    }

    static void appendFraction(StringBuilder sb, int micros) {
        if (micros == 0) {
            return;
        }
        String f = pad(micros, 6);
        int e = f.length();
        while (f.charAt(e - 1) == '0') {
            e--;
        }
        sb.append('.').append(f, 0, e);
    }

    public static String timestamp(long micros, SessionTime st) {
        if (micros == DateTimes.TS_NOBEGIN) {
            return "-infinity";
        }
        if (micros == DateTimes.TS_NOEND) {
            return "infinity";
        }
        return dateTime(micros, st, null, null);
    }

    /** timestamptz: shown in the session's zone. */
    public static String timestamptz(long utcMicros, SessionTime st) {
        if (utcMicros == DateTimes.TS_NOBEGIN) {
            return "-infinity";
        }
        if (utcMicros == DateTimes.TS_NOEND) {
            return "infinity";
        }
        int offset = DateTimes.offsetAt(st.zone(), utcMicros);
        return dateTime(utcMicros + offset * DateTimes.USECS_PER_SEC, st, offset, st.zone());
    }

    private static String dateTime(long local, SessionTime st, Integer offset, ZoneId zone) {
        long days = Math.floorDiv(local, DateTimes.USECS_PER_DAY);
        long tod = Math.floorMod(local, DateTimes.USECS_PER_DAY);
        LocalDate d = DateTimes.localDate(days);
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, d, st, true);
        sb.append(' ');
        appendTime(sb, tod);
        if (st.style() == SessionTime.Style.POSTGRES) {
            sb.append(' ').append(pad(DateTimes.displayYear(d.getYear()), 4));
        }
        if (offset != null) {
            if (st.style() == SessionTime.Style.ISO) {
                appendOffset(sb, offset, false);
            } else {
                sb.append(' ').append(abbreviation(zone, local - offset * DateTimes.USECS_PER_SEC, offset));
            }
        }
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    /** +hh[:mm[:ss]] (ISO style), or +hh:mm always when {@code full}. */
    static void appendOffset(StringBuilder sb, int offset, boolean full) {
        sb.append(offset < 0 ? '-' : '+');
        int a = Math.abs(offset);
        sb.append(pad(a / 3600, 2));
        if (full || a % 3600 != 0) {
            sb.append(':').append(pad(a % 3600 / 60, 2));
            if (a % 60 != 0) {
                sb.append(':').append(pad(a % 60, 2));
            }
        }
    }

    /** The zone's abbreviation at that instant; numeric (+03) for fixed offsets, as POSIX zone names give. */
    static String abbreviation(ZoneId zone, long utcMicros, int offset) {
        if (zone instanceof ZoneOffset) {
            if (offset == 0) {
                return "UTC";
            }
            StringBuilder sb = new StringBuilder();
            appendOffset(sb, offset, false);
            return sb.toString();
        }
        String id = zone.getId();
        if (id.equals("UTC") || id.equals("GMT") || id.equals("Etc/UTC")) {
            return id.equals("GMT") ? "GMT" : "UTC";
        }
        long secs = Math.floorDiv(utcMicros, DateTimes.USECS_PER_SEC) + DateTimes.PG_EPOCH_DAY * 86400;
        secs = Math.max(Math.min(secs, Instant.MAX.getEpochSecond()), Instant.MIN.getEpochSecond());
        Instant i = Instant.ofEpochSecond(secs);
        boolean dst = zone.getRules().isDaylightSavings(i);
        String name = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).withZone(zone).format(i);
        if (name.startsWith("GMT") && name.length() > 3 || name.startsWith("UTC") && name.length() > 3) {
            StringBuilder sb = new StringBuilder();
            appendOffset(sb, offset, false);
            return sb.toString();
        }
        return dst || !name.isEmpty() ? name : zone.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
