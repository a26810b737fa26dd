package org.pgmini.executor.types;

import java.util.Arrays;

/**
 * A value of a {@link RecordType}: its columns in order, NULL columns as null. A class of its own
 * (not a bare Object[]) so that it is never mistaken for an array value.
 */
public record RecordValue(Object[] fields) implements java.io.Serializable {
    @Override
    public boolean equals(Object o) {
        return o instanceof RecordValue r && Arrays.equals(fields, r.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        return Arrays.toString(fields);
    }
}
