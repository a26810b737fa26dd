package org.pgmini.executor.copy;

import java.util.List;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgCopy;

/**
 * The checked options of one COPY, with PostgreSQL 15's defaults and errors (ProcessCopyOptions):
 * text format: delimiter tab, NULL {@code \N}; CSV: delimiter comma, NULL empty, quote and escape
 * {@code "}. HEADER works in both text and CSV (PostgreSQL 15), MATCH only for COPY FROM. BINARY
 * takes none of the text options (PostgreSQL's errors). FREEZE is checked as PostgreSQL checks it
 * (CopyPlan) and then inserts normally: rows are not frozen. Immutable.
 */
final class CopyOptions {
    enum Header { NONE, SKIP, MATCH }

    final boolean csv;
    /** FORMAT binary: PostgreSQL's binary COPY file format (CopyBinaryReader / CopyBinaryWriter). */
    final boolean binary;
    /** FREEZE (true): allowed only on a table created or truncated in the current subtransaction. */
    final boolean freeze;
    /** ENCODING other than UTF8/SQL_ASCII (text and CSV are converted), else null. */
    final CopyEncoding encoding;
    final char delimiter;
    final String nullString;
    final char quote;
    final char escape;
    final Header header;
    /** FORCE_QUOTE: null, "*" (all columns) or the column names. */
    final Object forceQuote;
    final List<String> forceNotNull;
    final List<String> forceNull;

    private CopyOptions(boolean csv, boolean binary, boolean freeze, CopyEncoding encoding, char delimiter, String nullString, char quote, char escape, Header header,
                        Object forceQuote, List<String> forceNotNull, List<String> forceNull) {
        this.csv = csv;
        this.binary = binary;
        this.freeze = freeze;
        this.encoding = encoding;
        this.delimiter = delimiter;
        this.nullString = nullString;
        this.quote = quote;
        this.escape = escape;
        this.header = header;
        this.forceQuote = forceQuote;
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
    }

    private static PgException redundant(PgCopy.Option o) {
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "conflicting or redundant options", o.position());
    }

    private static PgException unsupported(String message) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }

    static CopyOptions of(List<PgCopy.Option> options, boolean from) {
        String format = null;
        String delimiter = null;
        String nullString = null;
        String quote = null;
        String escape = null;
        Header header = null;
        Object forceQuote = null;
        List<String> forceNotNull = null;
        List<String> forceNull = null;
        boolean freezeSeen = false;
        boolean freeze = false;
        boolean encodingSeen = false;
        CopyEncoding encoding = null;
        for (PgCopy.Option o : options) {
            switch (o.name()) {
                case "format" -> {
                    if (format != null) {
                        throw redundant(o);
                    }
                    String f = string(o).toLowerCase(Locale.ROOT);
                    if (!f.equals("text") && !f.equals("csv") && !f.equals("binary")) {
                        throw PgException.atPosition(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + f
                                + "\" not recognized", o.position());
                    }
                    format = f;
                }
                case "freeze" -> {
                    if (freezeSeen) {
                        throw redundant(o);
                    }
                    freezeSeen = true;
                    freeze = bool(o);
                }
                case "delimiter" -> {
                    if (delimiter != null) {
                        throw redundant(o);
                    }
                    delimiter = string(o);
                }
                case "null" -> {
                    if (nullString != null) {
                        throw redundant(o);
                    }
                    nullString = string(o);
                }
                case "header" -> {
                    if (header != null) {
                        throw redundant(o);
                    }
                    header = header(o, from);
                }
                case "quote" -> {
                    if (quote != null) {
                        throw redundant(o);
                    }
                    quote = string(o);
                }
                case "escape" -> {
                    if (escape != null) {
                        throw redundant(o);
                    }
                    escape = string(o);
                }
                case "force_quote" -> {
                    if (forceQuote != null) {
                        throw redundant(o);
                    }
                    forceQuote = "*".equals(o.value()) ? "*" : columns(o);
                }
                case "force_not_null" -> {
                    if (forceNotNull != null) {
                        throw redundant(o);
                    }
                    forceNotNull = columns(o);
                }
                case "force_null" -> {
                    if (forceNull != null) {
                        throw redundant(o);
                    }
                    forceNull = columns(o);
                }
                case "encoding" -> {
                    if (encodingSeen) {
                        throw redundant(o);
                    }
                    encodingSeen = true;
                    String e = string(o);
                    if (!CopyEncoding.known(e)) {
                        throw PgException.atPosition(SqlState.INVALID_PARAMETER_VALUE,
                                "argument to option \"encoding\" must be a valid encoding name", o.position());
                    }
                    encoding = CopyEncoding.of(e);
                }
                case "oids" -> throw PgException.atPosition(SqlState.SYNTAX_ERROR, "option \"oids\" not recognized",
                        o.position());
                default -> throw PgException.atPosition(SqlState.SYNTAX_ERROR, "option \"" + o.name() + "\" not recognized",
                        o.position());
            }
        }
        boolean binary = "binary".equals(format);
        boolean csv = "csv".equals(format);
        if (binary && delimiter != null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
        }
        if (binary && nullString != null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify NULL in BINARY mode");
        }
        if (binary && header != null) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot specify HEADER in BINARY mode");
        }
        String delim = delimiter != null ? delimiter : csv ? "," : "\t";
        String nul = nullString != null ? nullString : csv ? "" : "\\N";
        if (delim.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
            throw unsupported("COPY delimiter must be a single one-byte character");
        }
        char d = delim.charAt(0);
        if (d == '\r' || d == '\n') {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return");
        }
        if (nul.indexOf('\r') >= 0 || nul.indexOf('\n') >= 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "COPY null representation cannot use newline or carriage return");
        }
        if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(d) >= 0) {
            throw unsupported("COPY delimiter cannot be \"" + delim + "\"");
        }
        if (!csv && quote != null) {
            throw unsupported("COPY quote available only in CSV mode");
        }
        char q = '"';
        if (csv && quote != null) {
            if (quote.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
                throw unsupported("COPY quote must be a single one-byte character");
            }
            q = quote.charAt(0);
        }
        if (csv && d == q) {
            throw unsupported("COPY delimiter and quote must be different");
        }
        if (!csv && escape != null) {
            throw unsupported("COPY escape available only in CSV mode");
        }
        char e = q;
        if (csv && escape != null) {
            if (escape.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
                throw unsupported("COPY escape must be a single one-byte character");
            }
            e = escape.charAt(0);
        }
        if (!csv && forceQuote != null) {
            throw unsupported("COPY force quote available only in CSV mode");
        }
        if (forceQuote != null && from) {
            throw unsupported("COPY force quote only available using COPY TO");
        }
        if (!csv && forceNotNull != null) {
            throw unsupported("COPY force not null available only in CSV mode");
        }
        if (forceNotNull != null && !from) {
            throw unsupported("COPY force not null only available using COPY FROM");
        }
        if (!csv && forceNull != null) {
            throw unsupported("COPY force null available only in CSV mode");
        }
        if (forceNull != null && !from) {
            throw unsupported("COPY force null only available using COPY FROM");
        }
        if (nul.indexOf(d) >= 0) {
            throw unsupported("COPY delimiter must not appear in the NULL specification");
        }
        if (csv && nul.indexOf(q) >= 0) {
            throw unsupported("CSV quote character must not appear in the NULL specification");
        }
        return new CopyOptions(csv, binary, freeze, binary ? null : encoding, d, nul, q, e, header == null ? Header.NONE : header, forceQuote,
                forceNotNull == null ? List.of() : forceNotNull, forceNull == null ? List.of() : forceNull);
    }

    private static String string(PgCopy.Option o) {
        if (!(o.value() instanceof String s)) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, o.name() + " requires a parameter", o.position());
        }
        return s;
    }

    private static boolean bool(PgCopy.Option o) {
        if (o.value() == null) {
            return true;
        }
        if (o.value() instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "on", "1": return true;
                case "false", "off", "0": return false;
                default: break;
            }
        }
        throw PgException.atPosition(SqlState.SYNTAX_ERROR, o.name() + " requires a Boolean value", o.position());
    }

    private static Header header(PgCopy.Option o, boolean from) {
        if (o.value() instanceof String s && s.equalsIgnoreCase("match")) {
            if (!from) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cannot use \"match\" with HEADER in COPY TO",
                        o.position());
            }
            return Header.MATCH;
        }
        if (o.value() instanceof java.util.List) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "header requires a Boolean value or \"match\"", o.position());
        }
        try {
            return bool(o) ? Header.SKIP : Header.NONE;
        } catch (PgException e) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "header requires a Boolean value or \"match\"", o.position());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> columns(PgCopy.Option o) {
        if (!(o.value() instanceof List)) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "argument to option \"" + o.name()
                    + "\" must be a list of column names", o.position());
        }
        return (List<String>) o.value();
    }
}
