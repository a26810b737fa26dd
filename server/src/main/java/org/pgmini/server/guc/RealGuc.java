package org.pgmini.server.guc;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/** A floating-point parameter, optionally with a unit; printed with C's %g. */
public final class RealGuc extends GucDefinition {
    private final double boot;
    private final double min;
    private final double max;
    private final GucUnit unit;

    RealGuc(String name, GucContext context, String category, String shortDesc, int flags,
            double boot, double min, double max, GucUnit unit) {
        super(name, context, category, shortDesc, flags);
        this.boot = boot;
        this.min = min;
        this.max = max;
        this.unit = unit;
    }

    @Override
    public String vartype() {
        return "real";
    }

    @Override
    public Object bootValue() {
        return boot;
    }

    @Override
    Object parse(String userName, String text, Object current, Object reset) {
        CNumbers.Parsed p = CNumbers.strtod(text);
        if (p.end() == 0 || p.range() || Double.isNaN(p.value())) {
            throw GucDefinition.invalidValue(userName, text, null);
        }
        double val = p.value();
        int i = CNumbers.skipBlanks(text, p.end());
        if (i < text.length()) {
            if (unit == GucUnit.NONE) {
                throw GucDefinition.invalidValue(userName, text, null);
            }
            Double converted = unit.toBase(val, text.substring(i));
            if (converted == null) {
                throw GucDefinition.invalidValue(userName, text, unit.hint());
            }
            val = converted;
        }
        if (val < min || val > max) {
            String u = unit == GucUnit.NONE ? "" : " " + unit.pgName();
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, CFormat.g(val) + u
                    + " is outside the valid range for parameter \"" + userName + "\" ("
                    + CFormat.g(min) + " .. " + CFormat.g(max) + ")");
        }
        return val;
    }

    @Override
    public String show(Object value) {
        return unit.formatReal((Double) value);
    }

    @Override
    public String setting(Object value) {
        return CFormat.g((Double) value);
    }

    @Override
    public String unit() {
        return unit.pgName();
    }

    @Override
    public String minText() {
        return CFormat.g(min);
    }

    @Override
    public String maxText() {
        return CFormat.g(max);
    }
}
