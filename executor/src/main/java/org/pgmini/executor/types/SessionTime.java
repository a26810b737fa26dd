package org.pgmini.executor.types;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pgmini.executor.api.SessionContext;

/**
 * The session settings date/time I/O depends on, read once per call: TimeZone (as a java.time
 * zone), DateStyle (output style and the field order of ambiguous input) and IntervalStyle.
 * A null session means PostgreSQL's defaults as pgmini's server sets them: GMT, ISO/MDY, postgres.
 */
public record SessionTime(ZoneId zone, Style style, Order order, IntervalStyle intervalStyle) {
    public enum Style { ISO, SQL, POSTGRES, GERMAN }

    public enum Order { MDY, DMY, YMD }

    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    public static final SessionTime DEFAULT = new SessionTime(ZoneOffset.UTC, Style.ISO, Order.MDY, IntervalStyle.POSTGRES);

    public static SessionTime of(SessionContext session) {
        if (session == null) {
            return DEFAULT;
        }
        String tz = session.settings().currentSetting("TimeZone", true);
        String ds = session.settings().currentSetting("DateStyle", true);
        String is = session.settings().currentSetting("IntervalStyle", true);
        return new SessionTime(tz == null ? ZoneOffset.UTC : zoneOf(tz), styleOf(ds), orderOf(ds), intervalStyleOf(is));
    }

    /** The zone of the TimeZone setting alone. */
    public static ZoneId zone(SessionContext session) {
        String tz = session == null ? null : session.settings().currentSetting("TimeZone", true);
        return tz == null ? ZoneOffset.UTC : zoneOf(tz);
    }

    private static Style styleOf(String ds) {
        String s = ds == null ? "iso" : ds.toLowerCase(Locale.ROOT);
        if (s.contains("postgres")) {
            return Style.POSTGRES;
        }
        if (s.contains("sql")) {
            return Style.SQL;
        }
        if (s.contains("german")) {
            return Style.GERMAN;
        }
        return Style.ISO;
    }

    private static Order orderOf(String ds) {
        String s = ds == null ? "" : ds.toLowerCase(Locale.ROOT);
        if (s.contains("dmy") || s.contains("euro")) {
            return Order.DMY;
        }
        if (s.contains("ymd")) {
            return Order.YMD;
        }
        if (s.contains("mdy") || s.contains("us") || s.contains("noneuro")) {
            return Order.MDY;
        }
        // German style alone implies day before month, like PostgreSQL's check_datestyle
        return styleOf(ds) == Style.GERMAN ? Order.DMY : Order.MDY;
    }

    private static IntervalStyle intervalStyleOf(String is) {
        if (is == null) {
            return IntervalStyle.POSTGRES;
        }
        return switch (is.toLowerCase(Locale.ROOT)) {
            case "postgres_verbose" -> IntervalStyle.POSTGRES_VERBOSE;
            case "sql_standard" -> IntervalStyle.SQL_STANDARD;
            case "iso_8601" -> IntervalStyle.ISO_8601;
            default -> IntervalStyle.POSTGRES;
        };
    }

    private static final Pattern POSIX_OFFSET =
            Pattern.compile("<([+-])(\\d{2})(?::(\\d{2}))?(?::(\\d{2}))?>[+-]\\d{2}(?::\\d{2})?(?::\\d{2})?");
    private static final Pattern POSIX_NAMED = Pattern.compile("[A-Za-z]{3,}([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?");
    private static final Map<String, ZoneId> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> ZONE_IDS_LOWER = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZONE_IDS_LOWER.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    /**
     * A TimeZone setting as the server canonicalizes it (tz database names, {@code <+03>-03} for
     * numeric offsets, POSIX {@code ABC-3}) as a java.time zone; UTC when unknown.
     */
    public static ZoneId zoneOf(String tz) {
        return CACHE.computeIfAbsent(tz, SessionTime::parseZone);
    }

    private static ZoneId parseZone(String tz) {
        if (tz.matches("[+-]?\\d{1,2}(\\.\\d+)?")) {
            // a bare number (SET TIME ZONE 3) is hours east of UTC
            return ZoneOffset.ofTotalSeconds((int) Math.round(Double.parseDouble(tz) * 3600));
        }
        Matcher m = POSIX_OFFSET.matcher(tz);
        if (m.matches()) {
            int secs = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? -secs : secs);
        }
        ZoneId named = namedZone(tz);
        if (named != null) {
            return named;
        }
        Matcher n = POSIX_NAMED.matcher(tz);
        if (n.matches()) {
            int west = Integer.parseInt(n.group(2)) * 3600 + (n.group(3) == null ? 0 : Integer.parseInt(n.group(3)) * 60)
                    + (n.group(4) == null ? 0 : Integer.parseInt(n.group(4)));
            return ZoneOffset.ofTotalSeconds(n.group(1).equals("-") ? west : -west);
        }
        return ZoneOffset.UTC;
    }

    /** A tz database zone by name, case-insensitively; null when there is none. */
    public static ZoneId namedZone(String name) {
        String id = ZONE_IDS_LOWER.get(name.toLowerCase(Locale.ROOT));
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
