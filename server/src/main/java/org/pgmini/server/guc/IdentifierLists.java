package org.pgmini.server.guc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Comma-separated identifier lists as PostgreSQL's SplitIdentifierString reads them (used by
 * search_path, DateStyle, listen_addresses...), and quote_identifier for writing them back.
 */
public final class IdentifierLists {
    private IdentifierLists() {}

    /** Keywords that quote_identifier must quote (reserved, type/function and column-name keywords). */
    private static final Set<String> QUOTED_KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
            "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
            "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having",
            "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into",
            "is", "isnull", "join", "json_array", "lateral", "leading", "least", "left", "like", "limit",
            "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not",
            "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer",
            "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references",
            "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some",
            "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing",
            "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic",
            "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
            "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
            "xmltable");

    /**
     * Splits {@code raw} at commas into identifiers: unquoted ones are lower-cased, double-quoted
     * ones kept verbatim (with "" for a quote). Returns null when the list syntax is invalid.
     */
    public static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        int i = skip(raw, 0);
        if (i == raw.length()) {
            return out;
        }
        while (true) {
            String name;
            if (raw.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= raw.length()) {
                        return null;
                    }
                    char c = raw.charAt(i);
                    if (c == '"') {
                        if (i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                name = sb.toString();
            } else {
                int start = i;
                while (i < raw.length() && raw.charAt(i) != ',' && !CNumbers.isSpace(raw.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                name = raw.substring(start, i).toLowerCase(Locale.ROOT);
            }
            out.add(name);
            i = skip(raw, i);
            if (i == raw.length()) {
                return out;
            }
            if (raw.charAt(i) != ',') {
                return null;
            }
            i = skip(raw, i + 1);
            if (i == raw.length()) {
                return null;
            }
        }
    }

    private static int skip(String s, int i) {
        return CNumbers.skipBlanks(s, i);
    }

    /** PostgreSQL's quote_identifier: quotes unless the name is a plain lower-case non-keyword. */
    public static String quoteIdentifier(String ident) {
        boolean safe = !ident.isEmpty() && (Character.isLowerCase(ident.charAt(0)) || ident.charAt(0) == '_')
                && ident.charAt(0) < 128;
        for (int i = 0; safe && i < ident.length(); i++) {
            char c = ident.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (safe && !QUOTED_KEYWORDS.contains(ident)) {
            return ident;
        }
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
