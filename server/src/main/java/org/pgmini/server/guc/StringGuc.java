package org.pgmini.server.guc;

/** A string parameter, with an optional check hook that validates and canonicalises values. */
public final class StringGuc extends GucDefinition {
    /** Validates a new value and returns its canonical form, or throws PgException (22023 unless said). */
    @FunctionalInterface
    public interface CheckHook {
        String check(String recordName, String value, String current, String reset);
    }

    private final String boot;
    private final CheckHook hook;

    StringGuc(String name, GucContext context, String category, String shortDesc, int flags,
              String boot, CheckHook hook) {
        super(name, context, category, shortDesc, flags);
        this.boot = boot;
        this.hook = hook;
    }

    @Override
    public String vartype() {
        return "string";
    }

    @Override
    public Object bootValue() {
        return boot;
    }

    @Override
    Object parse(String userName, String text, Object current, Object reset) {
        return hook == null ? text : hook.check(name(), text, (String) current, (String) reset);
    }

    @Override
    public String show(Object value) {
        return value == null ? "" : (String) value;
    }
}
