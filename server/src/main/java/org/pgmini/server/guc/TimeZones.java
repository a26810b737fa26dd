package org.pgmini.server.guc;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TimeZone values: tz database names matched case-insensitively (kept in their canonical
 * spelling, "utc" becomes "UTC"), and numeric hour offsets, which PostgreSQL turns into POSIX
 * names such as {@code <+03>-03}.
 */
public final class TimeZones {
    private TimeZones() {}

    private static final Map<String, String> BY_LOWER = new HashMap<>();
    /** {@code <+hh[:mm[:ss]]>-hh[:mm[:ss]]}: the names produced for numeric offsets. */
    private static final Pattern POSIX_OFFSET =
            Pattern.compile("<([+-])(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?>([+-])(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?");

    /** {@code ABC[+-]h[:mm[:ss]]}: a POSIX zone without daylight rule; the offset is hours west of UTC. */
    private static final Pattern POSIX_NAMED =
            Pattern.compile("[A-Za-z]{3,}([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?");

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            BY_LOWER.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    /** The canonical spelling of a time zone setting, or null if it is not a time zone. */
    public static String canonical(String value) {
        String v = value.strip();
        CNumbers.Parsed p = CNumbers.strtod(v);
        if (p.end() == v.length() && !v.isEmpty() && !Double.isNaN(p.value()) && !Double.isInfinite(p.value())) {
            long seconds = Math.round(-p.value() * 3600);
            if (Math.abs(seconds) > 15 * 3600) {
                return null;
            }
            return posixName(seconds);
        }
        if (POSIX_OFFSET.matcher(v).matches() || POSIX_NAMED.matcher(v).matches()) {
            return v;
        }
        return BY_LOWER.get(v.toLowerCase(Locale.ROOT));
    }

    /** PostgreSQL's name for a fixed offset (seconds west of Greenwich are positive in POSIX). */
    private static String posixName(long gmtOffset) {
        long abs = Math.abs(gmtOffset);
        StringBuilder off = new StringBuilder(String.format("%02d", abs / 3600));
        abs %= 3600;
        if (abs != 0) {
            off.append(String.format(":%02d", abs / 60));
            abs %= 60;
            if (abs != 0) {
                off.append(String.format(":%02d", abs));
            }
        }
        return gmtOffset > 0 ? "<-" + off + ">+" + off : "<+" + off + ">-" + off;
    }

    /** The Java zone for a canonical TimeZone value. */
    public static ZoneId toZoneId(String canonical) {
        Matcher m = POSIX_OFFSET.matcher(canonical);
        if (m.matches()) {
            int sign = m.group(1).equals("-") ? -1 : 1;
            int secs = Integer.parseInt(m.group(2)) * 3600
                    + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            return ZoneOffset.ofTotalSeconds(sign * secs);
        }
        if (!BY_LOWER.containsKey(canonical.toLowerCase(Locale.ROOT))) {
            Matcher n = POSIX_NAMED.matcher(canonical);
            if (n.matches()) {
                int west = Integer.parseInt(n.group(2)) * 3600
                        + (n.group(3) == null ? 0 : Integer.parseInt(n.group(3)) * 60)
                        + (n.group(4) == null ? 0 : Integer.parseInt(n.group(4)));
                return ZoneOffset.ofTotalSeconds(n.group(1).equals("-") ? west : -west);
            }
        }
        return ZoneId.of(canonical);
    }
}
