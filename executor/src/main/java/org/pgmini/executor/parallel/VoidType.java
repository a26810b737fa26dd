package org.pgmini.executor.parallel;

import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;

/**
 * void (OID 2278), the result type of functions that return nothing: its output is the empty
 * string, so psql shows one empty row as PostgreSQL does for {@code SELECT test_shm_mq(...)}.
 */
public final class VoidType implements PgType {
    public static final VoidType VOID = new VoidType();
    /** The value a void function returns (not NULL: PostgreSQL prints an empty field, not a null). */
    public static final String VALUE = "";

    private VoidType() {}

    @Override public int oid() { return 2278; }
    @Override public String name() { return "void"; }
    @Override public short typlen() { return 4; }
    @Override public String output(Object value, SessionContext session) { return ""; }
    @Override public Object input(String text, int typmod) { return VALUE; }
    @Override public byte[] send(Object value) { return new byte[0]; }
    @Override public Object receive(byte[] data) { return VALUE; }
}
