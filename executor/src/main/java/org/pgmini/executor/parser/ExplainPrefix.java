package org.pgmini.executor.parser;

import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgExplainStatement;

/**
 * Reads the head of {@code EXPLAIN [ANALYZE] [VERBOSE] stmt} or {@code EXPLAIN (option [value]
 * [, ...]) stmt} before the grammar runs (Calcite's EXPLAIN is a different statement), and blanks
 * it out with spaces so the statement's positions stay those of the original string. Comments are
 * already blanked by the splitter. Errors are PostgreSQL's: 42601 for an unknown option or a bad
 * value, 22023 for TIMING without ANALYZE.
 */
final class ExplainPrefix {
    /** The options and the piece text with the prefix blanked. */
    record Result(PgExplainStatement.Options options, String rest) {}

    private final String text;
    private final int base;
    private int i;

    private ExplainPrefix(String text, int base) {
        this.text = text;
        this.base = base;
    }

    /** Null unless the piece starts with EXPLAIN. {@code base}: the piece's 0-based offset in the whole string. */
    static Result parse(String text, int base) {
        ExplainPrefix p = new ExplainPrefix(text, base);
        p.skipSpace();
        int start = p.i;
        String first = p.word();
        if (!"explain".equals(first)) {
            return null;
        }
        PgExplainStatement.Options o = p.options();
        StringBuilder rest = new StringBuilder(text);
        for (int k = start; k < p.i; k++) {
            if (rest.charAt(k) != '\n') {
                rest.setCharAt(k, ' ');
            }
        }
        return new Result(o, rest.toString());
    }

    private void skipSpace() {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
    }

    /** The next word (lower-cased) without consuming it when it is not one; null at a non-word. */
    private String peekWord() {
        int save = i;
        String w = word();
        i = save;
        return w;
    }

    private String word() {
        skipSpace();
        int s = i;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return s == i ? null : text.substring(s, i).toLowerCase(Locale.ROOT);
    }

    private PgException syntax(int at) {
        return PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + PgParser.wordAt(text, at)
                + "\"", base + at + 1);
    }

    private PgExplainStatement.Options options() {
        boolean analyze = false;
        boolean verbose = false;
        boolean costs = true;
        Boolean timing = null;
        Boolean summary = null;
        boolean buffers = false;
        String format = "text";
        skipSpace();
        if (i < text.length() && text.charAt(i) == '(') {
            i++;
            while (true) {
                skipSpace();
                int at = i;
                String name = word();
                if (name == null) {
                    throw syntax(at);
                }
                skipSpace();
                int valueAt = i;
                String value = null;
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != ')') {
                    if (text.charAt(i) == '\'') {
                        int e = text.indexOf('\'', i + 1);
                        value = e < 0 ? "" : text.substring(i + 1, e);
                        i = e < 0 ? text.length() : e + 1;
                    } else {
                        value = word();
                        if (value == null) {
                            throw syntax(valueAt);
                        }
                    }
                }
                switch (name) {
                    case "analyze": analyze = bool(name, value, valueAt); break;
                    case "verbose": verbose = bool(name, value, valueAt); break;
                    case "costs": costs = bool(name, value, valueAt); break;
                    case "timing": timing = bool(name, value, valueAt); break;
                    case "summary": summary = bool(name, value, valueAt); break;
                    case "buffers": buffers = bool(name, value, valueAt); break;
                    case "settings": case "wal": bool(name, value, valueAt); break;
                    case "format":
                        if (value == null || !java.util.Set.of("text", "json", "xml", "yaml").contains(value)) {
                            throw PgException.atPosition(SqlState.INVALID_PARAMETER_VALUE, "unrecognized value for EXPLAIN option \"format\": \""
                                    + (value == null ? "" : value) + "\"", base + at + 1);
                        }
                        format = value;
                        break;
                    default:
                        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "unrecognized EXPLAIN option \"" + name + "\"", base + at + 1);
                }
                skipSpace();
                if (i < text.length() && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < text.length() && text.charAt(i) == ')') {
                    i++;
                    break;
                }
                throw syntax(i);
            }
        } else {
            if ("analyze".equals(peekWord()) || "analyse".equals(peekWord())) {
                word();
                analyze = true;
            }
            if ("verbose".equals(peekWord())) {
                word();
                verbose = true;
            }
        }
        if (timing != null && timing && !analyze) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE");
        }
        return new PgExplainStatement.Options(analyze, verbose, costs, timing == null ? analyze : timing && analyze,
                summary == null ? analyze : summary, buffers, format);
    }

    private boolean bool(String name, String value, int at) {
        if (value == null) {
            return true;
        }
        switch (value) {
            case "true": case "on": case "1": case "yes": return true;
            case "false": case "off": case "0": case "no": return false;
            default:
                throw PgException.atPosition(SqlState.INVALID_PARAMETER_VALUE, name.toUpperCase(Locale.ROOT)
                        + " requires a Boolean value", base + at + 1);
        }
    }
}
