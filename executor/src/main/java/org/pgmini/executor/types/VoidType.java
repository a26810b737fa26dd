package org.pgmini.executor.types;

import org.pgmini.executor.api.SessionContext;

/**
 * void (OID 2278): the result of functions called for their effect, such as pg_sleep. Its one
 * value is {@link #VALUE}; as in PostgreSQL it is not NULL and prints as the empty string, and
 * its binary form is empty.
 */
public final class VoidType implements PgType {
    /** The value a void function returns (not NULL: psql and drivers see an empty value). */
    public static final Object VALUE = new Object() {
        @Override
        public String toString() {
            return "void";
        }
    };

    VoidType() {}

    @Override public int oid() { return 2278; }
    @Override public String name() { return "void"; }
    @Override public short typlen() { return 4; }

    @Override
    public String output(Object value, SessionContext session) {
        return "";
    }

    @Override
    public Object input(String text, int typmod) {
        return VALUE;
    }

    @Override
    public byte[] send(Object value) {
        return new byte[0];
    }

    @Override
    public Object receive(byte[] data) {
        return VALUE;
    }
}
