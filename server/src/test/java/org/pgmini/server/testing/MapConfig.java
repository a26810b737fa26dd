package org.pgmini.server.testing;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.guc.ConfigView;

/** Test-only server configuration: a map of raw values, typed on read. */
public final class MapConfig implements ConfigView {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public MapConfig set(String name, String value) {
        values.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    private String raw(String name) {
        String v = values.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return v;
    }

    @Override
    public String getString(String name) {
        return raw(name);
    }

    @Override
    public int getInt(String name) {
        return Integer.parseInt(raw(name));
    }

    @Override
    public boolean getBool(String name) {
        return raw(name).equals("on") || raw(name).equals("true");
    }

    @Override
    public double getReal(String name) {
        return Double.parseDouble(raw(name));
    }
}
