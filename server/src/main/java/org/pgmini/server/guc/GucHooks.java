package org.pgmini.server.guc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** Check hooks of string parameters: validation and canonical spelling, as PostgreSQL's. */
final class GucHooks {
    private GucHooks() {}

    static PgException invalid(String name, String value, String detail) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + name + "\": \"" + value + "\"", detail, null, 0, null, null);
    }

    /** DateStyle: an output style and/or a field order, written back as "Style, ORDER". */
    static String dateStyle(String name, String value, String current, String reset) {
        int[] r = parseDateStyle(name, value, current, reset);
        String style = switch (r[0]) {
            case 0 -> "ISO";
            case 1 -> "SQL";
            case 2 -> "Postgres";
            default -> "German";
        };
        String order = switch (r[1]) {
            case 0 -> "YMD";
            case 1 -> "DMY";
            default -> "MDY";
        };
        return style + ", " + order;
    }

    /** Returns {style, order}: style 0 ISO, 1 SQL, 2 Postgres, 3 German; order 0 YMD, 1 DMY, 2 MDY. */
    private static int[] parseDateStyle(String name, String value, String current, String reset) {
        List<String> tokens = IdentifierLists.split(value);
        if (tokens == null) {
            throw invalid(name, value, "List syntax is invalid.");
        }
        int[] cur = current == null ? new int[] {0, 2} : parseDateStyle(name, current, null, null);
        int style = cur[0];
        int order = cur[1];
        boolean haveStyle = false;
        boolean haveOrder = false;
        boolean ok = true;
        for (String tok : tokens) {
            int newStyle = -1;
            int newOrder = -1;
            switch (tok.toLowerCase(Locale.ROOT)) {
                case "iso" -> newStyle = 0;
                case "sql" -> newStyle = 1;
                case "postgres" -> newStyle = 2;
                case "german" -> newStyle = 3;
                case "ymd" -> newOrder = 0;
                case "dmy", "euro", "european" -> newOrder = 1;
                case "mdy", "us", "noneuro", "noneuropean" -> newOrder = 2;
                case "default" -> {
                    int[] d = parseDateStyle(name, reset == null ? "ISO, MDY" : reset, null, null);
                    if (!haveStyle) {
                        style = d[0];
                    }
                    if (!haveOrder) {
                        order = d[1];
                    }
                }
                default -> throw invalid(name, value, "Unrecognized key word: \"" + tok + "\".");
            }
            if (newStyle >= 0) {
                if (haveStyle && style != newStyle) {
                    ok = false;
                }
                style = newStyle;
                haveStyle = true;
                if (newStyle == 3 && !haveOrder) {
                    order = 1; // German implies day-month-year unless an order is given
                }
            }
            if (newOrder >= 0) {
                if (haveOrder && order != newOrder) {
                    ok = false;
                }
                order = newOrder;
                haveOrder = true;
            }
        }
        if (!ok) {
            throw invalid(name, value, "Conflicting \"datestyle\" specifications.");
        }
        return new int[] {style, order};
    }

    /** Parameters holding identifier lists (search_path, temp_tablespaces): only the syntax is checked. */
    static String identifierList(String name, String value, String current, String reset) {
        if (IdentifierLists.split(value) == null) {
            throw invalid(name, value, "List syntax is invalid.");
        }
        return value;
    }

    /** log_destination: a list of known destinations. */
    static String logDestination(String name, String value, String current, String reset) {
        List<String> tokens = IdentifierLists.split(value);
        if (tokens == null) {
            throw invalid(name, value, "List syntax is invalid.");
        }
        for (String t : tokens) {
            if (!Set.of("stderr", "csvlog", "jsonlog", "syslog").contains(t)) {
                throw invalid(name, value, "Unrecognized key word: \"" + t + "\".");
            }
        }
        return value;
    }

    /** application_name, cluster_name: every byte outside printable ASCII becomes '?'. */
    static String cleanAscii(String name, String value, String current, String reset) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            sb.append(c < 32 || c > 126 ? '?' : (char) c);
        }
        return sb.toString();
    }

    /**
     * session_authorization: the only role that exists is the one the session logged in as
     * (initdb's bootstrap superuser; there is no CREATE ROLE yet), so that is the only value.
     */
    static String sessionAuthorization(String name, String value, String current, String reset) {
        if (reset != null && !reset.isEmpty() && !value.equals(reset)) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + value + "\" does not exist");
        }
        return value;
    }

    static String clientEncoding(String name, String value, String current, String reset) {
        String canonical = ClientEncodings.canonicalName(value);
        if (canonical == null) {
            throw invalid(name, value, null);
        }
        if (!ClientEncodings.isSupported(canonical)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"",
                    "Conversion between " + canonical + " and UTF8 is not supported.", null, 0, null, null);
        }
        return canonical;
    }

    static String timeZone(String name, String value, String current, String reset) {
        String canonical = TimeZones.canonical(value);
        if (canonical == null) {
            throw invalid(name, value, null);
        }
        return canonical;
    }
}
