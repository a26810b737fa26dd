package org.pgmini.server.guc;

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
        double val = numberWithUnit(userName, text, CNumbers.strtod(text), unit);
        if (val < min || val > max) {
            throw outsideRange(userName, CFormat.g(val), unit, minText(), maxText());
        }
        return val;
    }

    @Override
    public String show(Object value) {
        // stmtperf: the planner reads the cost parameters as text for every statement, and the
        // %g formatting was a measurable share of a short query. The text is a pure function of
        // the value (compared by its bits), so the last pair is remembered. Definitions are shared
        // between sessions: the pair is one immutable object behind a volatile field.
        ShownValue last = lastShown;
        if (last != null && last.value.equals(value)) {
            return last.text;
        }
        String text = unit.formatReal((Double) value);
        lastShown = new ShownValue((Double) value, text);
        return text;
    }

    private record ShownValue(Double value, String text) {}

    private volatile ShownValue lastShown;

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
