package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/** regtype (OID 2206): a type OID (java.lang.Integer) shown as the type's SQL name; pg_typeof's result. */
public final class RegtypeType implements PgType {
    RegtypeType() {}

    @Override public int oid() { return 2206; }
    @Override public String name() { return "regtype"; }
    @Override public short typlen() { return 4; }

    @Override
    public String output(Object value, SessionContext session) {
        PgType t = PgTypes.byOid((Integer) value);
        return t == null ? value.toString() : PgTypes.displayName(t);
    }

    @Override
    public Object input(String text, int typmod) {
        PgType t = PgTypes.byName(TypeIo.trimSpaces(text));
        if (t == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + text + "\" does not exist");
        }
        return t.oid();
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(4).putInt((Integer) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 4).getInt();
    }
}
