package org.pgmini.server.guc;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** A boolean parameter; accepts PostgreSQL's spellings (on/off, true/false, yes/no, 1/0 and unique prefixes). */
public final class BoolGuc extends GucDefinition {
    private final boolean boot;
    /** When not null, "on" is refused with this message (a feature this build lacks). */
    private final String unsupportedWhenOn;

    BoolGuc(String name, GucContext context, String category, String shortDesc, int flags, boolean boot) {
        this(name, context, category, shortDesc, flags, boot, null);
    }

    BoolGuc(String name, GucContext context, String category, String shortDesc, int flags, boolean boot,
            String unsupportedWhenOn) {
        super(name, context, category, shortDesc, flags);
        this.boot = boot;
        this.unsupportedWhenOn = unsupportedWhenOn;
    }

    @Override
    public String vartype() {
        return "bool";
    }

    @Override
    public Object bootValue() {
        return boot;
    }

    @Override
    Object parse(String userName, String text, Object current, Object reset) {
        Boolean b = parseBool(text);
        if (b == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "parameter \"" + userName + "\" requires a Boolean value");
        }
        if (b && unsupportedWhenOn != null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + userName + "\": \"" + text + "\"", unsupportedWhenOn, null, 0, null, null);
        }
        return b;
    }

    /** PostgreSQL's parse_bool: null when the text is not a Boolean. */
    public static Boolean parseBool(String value) {
        int len = value.length();
        if (len == 0) {
            return null;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        switch (v.charAt(0)) {
            case 't': return "true".startsWith(v) ? Boolean.TRUE : null;
            case 'f': return "false".startsWith(v) ? Boolean.FALSE : null;
            case 'y': return "yes".startsWith(v) ? Boolean.TRUE : null;
            case 'n': return "no".startsWith(v) ? Boolean.FALSE : null;
            case 'o':
                // "o" alone is ambiguous; "on" and "of"/"off" need two letters.
                if (len >= 2 && "on".startsWith(v)) {
                    return Boolean.TRUE;
                }
                if (len >= 2 && "off".startsWith(v)) {
                    return Boolean.FALSE;
                }
                return null;
            case '1': return len == 1 ? Boolean.TRUE : null;
            case '0': return len == 1 ? Boolean.FALSE : null;
            default: return null;
        }
    }

    @Override
    public String show(Object value) {
        return ((Boolean) value) ? "on" : "off";
    }
}
