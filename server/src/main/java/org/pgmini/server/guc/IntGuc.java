package org.pgmini.server.guc;

import java.util.function.IntFunction;

/** An integer parameter, optionally with a unit; stored in its base unit. */
public final class IntGuc extends GucDefinition {
    private final int boot;
    private final int min;
    private final int max;
    private final GucUnit unit;
    /** Replaces the default SHOW formatting (e.g. octal file modes); null for the default. */
    private final IntFunction<String> showHook;

    IntGuc(String name, GucContext context, String category, String shortDesc, int flags,
           int boot, int min, int max, GucUnit unit, IntFunction<String> showHook) {
        super(name, context, category, shortDesc, flags);
        this.boot = boot;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.showHook = showHook;
    }

    @Override
    public String vartype() {
        return "integer";
    }

    @Override
    public Object bootValue() {
        return boot;
    }

    public GucUnit gucUnit() {
        return unit;
    }

    @Override
    Object parse(String userName, String text, Object current, Object reset) {
        int v = parseInt(userName, text, unit);
        if (v < min || v > max) {
            throw outsideRange(userName, Integer.toString(v), unit, minText(), maxText());
        }
        return v;
    }

    /** PostgreSQL's parse_int: integer (decimal, octal, hex) or real, optional unit, rounded. */
    static int parseInt(String userName, String text, GucUnit unit) {
        CNumbers.Parsed p = CNumbers.strtol(text);
        int stop = p.end();
        if (p.range() || (stop < text.length() && "eE.".indexOf(text.charAt(stop)) >= 0)) {
            // strtol stopped at a decimal point or exponent, or overflowed: parse as a real.
            p = CNumbers.strtod(text);
        }
        double val = Math.rint(numberWithUnit(userName, text, p, unit));
        if (val > Integer.MAX_VALUE || val < Integer.MIN_VALUE || Double.isNaN(val)) {
            throw GucDefinition.invalidValue(userName, text, "Value exceeds integer range.");
        }
        return (int) val;
    }

    @Override
    public String show(Object value) {
        int v = (Integer) value;
        if (showHook != null) {
            return showHook.apply(v);
        }
        return unit.formatInt(v);
    }

    @Override
    public String setting(Object value) {
        return Integer.toString((Integer) value);
    }

    @Override
    public String unit() {
        return unit.pgName();
    }

    @Override
    public String minText() {
        return Integer.toString(min);
    }

    @Override
    public String maxText() {
        return Integer.toString(max);
    }
}
