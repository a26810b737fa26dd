package org.pgmini.server.guc;

import java.util.ArrayList;
import java.util.List;

/** A parameter with a fixed set of case-insensitive names; some names are hidden aliases. */
public final class EnumGuc extends GucDefinition {
    /** One accepted spelling; hidden ones are accepted but not listed. */
    public record Option(String name, int value, boolean hidden) {}

    private final List<Option> options;
    private final int boot;

    EnumGuc(String name, GucContext context, String category, String shortDesc, int flags,
            int boot, List<Option> options) {
        super(name, context, category, shortDesc, flags);
        this.options = List.copyOf(options);
        this.boot = boot;
    }

    @Override
    public String vartype() {
        return "enum";
    }

    @Override
    public Object bootValue() {
        return boot;
    }

    @Override
    Object parse(String userName, String text, Object current, Object reset) {
        for (Option o : options) {
            if (o.name.equalsIgnoreCase(text)) {
                return o.value;
            }
        }
        throw GucDefinition.invalidValue(userName, text, "Available values: " + String.join(", ", enumValues()) + ".");
    }

    /** The first spelling of a value, as PostgreSQL's lookup by value returns it. */
    @Override
    public String show(Object value) {
        int v = (Integer) value;
        for (Option o : options) {
            if (o.value == v) {
                return o.name;
            }
        }
        throw new IllegalStateException("enum " + name() + " has no option " + v);
    }

    @Override
    public List<String> enumValues() {
        List<String> names = new ArrayList<>();
        for (Option o : options) {
            if (!o.hidden) {
                names.add(o.name);
            }
        }
        return names;
    }
}
