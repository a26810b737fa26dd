package org.pgmini.executor.types;

import org.pgmini.storage.tuple.IntervalValue;

/** Interval text output in each IntervalStyle, as PostgreSQL's EncodeInterval writes it. */
public final class IntervalFormat {
    private IntervalFormat() {}

    public static String format(IntervalValue v, SessionTime.IntervalStyle style) {
        int year = v.months() / 12;
        int mon = v.months() % 12;
        int days = v.days();
        long time = v.microseconds();
        long hour = time / DateTimes.USECS_PER_HOUR;
        long rest = time % DateTimes.USECS_PER_HOUR;
        int min = (int) (rest / DateTimes.USECS_PER_MINUTE);
        rest %= DateTimes.USECS_PER_MINUTE;
        int sec = (int) (rest / DateTimes.USECS_PER_SEC);
        int fsec = (int) (rest % DateTimes.USECS_PER_SEC);
        StringBuilder sb = new StringBuilder(32);
        switch (style) {
            case ISO_8601 -> iso(sb, year, mon, days, hour, min, sec, fsec);
            case SQL_STANDARD -> sqlStandard(sb, year, mon, days, hour, min, sec, fsec);
            case POSTGRES_VERBOSE -> verbose(sb, year, mon, days, hour, min, sec, fsec);
            default -> postgres(sb, year, mon, days, hour, min, sec, fsec);
        }
        return sb.toString();
    }

    private static void postgres(StringBuilder sb, int year, int mon, int days, long hour, int min, int sec, int fsec) {
        boolean[] state = {true, false}; // is_zero, is_before
        part(sb, year, "year", state);
        part(sb, mon, "mon", state);
        part(sb, days, "day", state);
        if (state[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            if (!state[0]) {
                sb.append(' ');
            }
            sb.append(minus ? "-" : state[1] ? "+" : "");
            String h = Long.toString(Math.abs(hour));
            sb.append(h.length() < 2 ? "0" : "").append(h);
            sb.append(':').append(DateTimeFormat.pad(Math.abs(min), 2)).append(':');
            seconds(sb, Math.abs(sec), Math.abs(fsec), true);
        }
    }

    private static void part(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            sb.append(' ');
        }
        sb.append(state[1] && value > 0 ? "+" : "").append(value).append(' ').append(unit).append(value != 1 ? "s" : "");
        state[0] = false;
        state[1] = value < 0;
    }

    private static void seconds(StringBuilder sb, int sec, int fsec, boolean pad) {
        sb.append(pad ? DateTimeFormat.pad(sec, 2) : Integer.toString(sec));
        DateTimeFormat.appendFraction(sb, fsec);
    }

    private static void iso(StringBuilder sb, int year, int mon, int days, long hour, int min, int sec, int fsec) {
        if (year == 0 && mon == 0 && days == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
            sb.append("PT0S");
            return;
        }
        sb.append('P');
        if (year != 0) {
            sb.append(year).append('Y');
        }
        if (mon != 0) {
            sb.append(mon).append('M');
        }
        if (days != 0) {
            sb.append(days).append('D');
        }
        if (hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            sb.append('T');
            if (hour != 0) {
                sb.append(hour).append('H');
            }
            if (min != 0) {
                sb.append(min).append('M');
            }
            if (sec != 0 || fsec != 0) {
                if (sec < 0 || fsec < 0) {
                    sb.append('-');
                }
                seconds(sb, Math.abs(sec), Math.abs(fsec), false);
                sb.append('S');
            }
        }
    }

    private static void sqlStandard(StringBuilder sb, int year, int mon, int days, long hour, int min, int sec, int fsec) {
        boolean hasNeg = year < 0 || mon < 0 || days < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
        boolean hasPos = year > 0 || mon > 0 || days > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
        boolean yearMonth = year != 0 || mon != 0;
        boolean dayTime = days != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
        if (!hasNeg && !hasPos) {
            sb.append('0');
            return;
        }
        if ((hasNeg && hasPos) || (yearMonth && dayTime)) {
            char ys = year < 0 || mon < 0 ? '-' : '+';
            char ds = days < 0 ? '-' : '+';
            char ts = hour < 0 || min < 0 || sec < 0 || fsec < 0 ? '-' : '+';
            sb.append(ys).append(Math.abs(year)).append('-').append(Math.abs(mon)).append(' ').append(ds)
                    .append(Math.abs((long) days)).append(' ').append(ts).append(Math.abs(hour)).append(':')
                    .append(DateTimeFormat.pad(Math.abs(min), 2)).append(':');
            seconds(sb, Math.abs(sec), Math.abs(fsec), true);
            return;
        }
        String sign = hasNeg ? "-" : "";
        if (yearMonth) {
            sb.append(sign).append(Math.abs(year)).append('-').append(Math.abs(mon));
        } else {
            sb.append(sign);
            if (days != 0) {
                sb.append(Math.abs((long) days)).append(' ');
            }
            sb.append(Math.abs(hour)).append(':').append(DateTimeFormat.pad(Math.abs(min), 2)).append(':');
            seconds(sb, Math.abs(sec), Math.abs(fsec), true);
        }
    }

    private static void verbose(StringBuilder sb, int year, int mon, int days, long hour, int min, int sec, int fsec) {
        sb.append('@');
        boolean[] state = {true, false};
        verbosePart(sb, year, "year", state);
        verbosePart(sb, mon, "mon", state);
        verbosePart(sb, days, "day", state);
        verbosePart(sb, hour, "hour", state);
        verbosePart(sb, min, "min", state);
        if (sec != 0 || fsec != 0) {
            boolean negative = sec < 0 || (sec == 0 && fsec < 0);
            sb.append(' ');
            if (negative) {
                if (state[0]) {
                    state[1] = true;
                } else if (!state[1]) {
                    sb.append('-');
                }
            } else if (state[1]) {
                sb.append('-');
            }
            seconds(sb, Math.abs(sec), Math.abs(fsec), false);
            sb.append(" sec").append(Math.abs(sec) == 1 && fsec == 0 ? "" : "s");
            state[0] = false;
        }
        if (state[0]) {
            sb.append(" 0");
        }
        if (state[1]) {
            sb.append(" ago");
        }
    }

    private static void verbosePart(StringBuilder sb, long value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (state[0]) {
            state[1] = value < 0;
            value = Math.abs(value);
        } else if (state[1]) {
            value = -value;
        }
        sb.append(' ').append(value).append(' ').append(unit).append(value == 1 ? "" : "s");
        state[0] = false;
    }
}
