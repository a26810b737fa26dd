package org.pgmini.server.guc;

import java.util.List;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * What a parameter is: its name, type, limits, context and description. Immutable and shared by
 * all sessions; the values live in {@link GucVariable}s. Values are held as Boolean (bool),
 * Integer (int, in the base unit), Double (real), String (string) and Integer (enum: the
 * option's value).
 */
public abstract class GucDefinition {
    private final String name;
    private final GucContext context;
    private final String category;
    private final String shortDesc;
    private final int flags;

    GucDefinition(String name, GucContext context, String category, String shortDesc, int flags) {
        this.name = name;
        this.context = context;
        this.category = category;
        this.shortDesc = shortDesc;
        this.flags = flags;
    }

    public String name() {
        return name;
    }

    public GucContext context() {
        return context;
    }

    public String category() {
        return category;
    }

    public String shortDesc() {
        return shortDesc;
    }

    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** pg_settings.vartype. */
    public abstract String vartype();

    /** The built-in default. */
    public abstract Object bootValue();

    /**
     * Parses and validates a value as written by a user ({@code userName} is the spelling used in
     * error messages). {@code current} and {@code reset} are the variable's present and reset
     * values, which some check hooks (DateStyle) start from. Throws PgException 22023.
     */
    abstract Object parse(String userName, String text, Object current, Object reset);

    /** The value as SHOW prints it. */
    public abstract String show(Object value);

    /** The value as pg_settings.setting prints it (base unit, no unit suffix). */
    public String setting(Object value) {
        return show(value);
    }

    public String unit() {
        return null;
    }

    public String minText() {
        return null;
    }

    public String maxText() {
        return null;
    }

    public List<String> enumValues() {
        return null;
    }

    static PgException invalidValue(String userName, String text, String hint) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + userName + "\": \"" + text + "\"", null, hint, 0, null, null);
    }

    /**
     * The number {@code p} parsed from the start of {@code text}, converted to the base unit by
     * whatever unit text follows it (PostgreSQL's parse_int and parse_real share this step).
     */
    static double numberWithUnit(String userName, String text, CNumbers.Parsed p, GucUnit unit) {
        if (p.end() == 0 || p.range() || Double.isNaN(p.value())) {
            throw invalidValue(userName, text, null);
        }
        double val = p.value();
        int i = CNumbers.skipBlanks(text, p.end());
        if (i < text.length()) {
            if (unit == GucUnit.NONE) {
                throw invalidValue(userName, text, null);
            }
            Double converted = unit.toBase(val, text.substring(i));
            if (converted == null) {
                throw invalidValue(userName, text, unit.hint());
            }
            val = converted;
        }
        return val;
    }

    /** "V unit is outside the valid range for parameter ..." with the numbers already formatted. */
    static PgException outsideRange(String userName, String value, GucUnit unit, String min, String max) {
        String u = unit == GucUnit.NONE ? "" : " " + unit.pgName();
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, value + u
                + " is outside the valid range for parameter \"" + userName + "\" (" + min + " .. " + max + ")");
    }

    @Override
    public String toString() {
        return name;
    }
}
