package org.pgmini.server.guc;

/** A value together with where it came from (file and line only for configuration-file values). */
record GucValue(Object value, GucSource source, String file, int line) {
    static GucValue of(Object value, GucSource source) {
        return new GucValue(value, source, null, 0);
    }
}
