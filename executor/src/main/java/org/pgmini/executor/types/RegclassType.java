package org.pgmini.executor.types;

import java.nio.ByteBuffer;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.query.CatalogAccess;

/**
 * regclass (2205) and regnamespace (4089): an object OID (java.lang.Integer, the unsigned 32
 * bits) shown as the object's name. Output and input read the catalog of the executing
 * session (names follow search_path), so neither is folded into shared plans.
 */
public final class RegclassType implements PgType {
    private final int oid;
    private final String name;

    private RegclassType(int oid, String name) {
        this.oid = oid;
        this.name = name;
    }

    static final RegclassType REGCLASS = new RegclassType(2205, "regclass");
    static final RegclassType REGNAMESPACE = new RegclassType(4089, "regnamespace");

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public short typlen() { return 4; }

    @Override
    public String output(Object value, SessionContext session) {
        int v = (Integer) value;
        if (session == null) {
            return Integer.toUnsignedString(v);
        }
        return this == REGCLASS ? CatalogAccess.regclassOut(session, v) : CatalogAccess.regnamespaceOut(session, v);
    }

    @Override
    public Object input(String text, int typmod) {
        return input(text, typmod, null);
    }

    @Override
    public Object input(String text, int typmod, SessionContext session) {
        String t = text.trim();
        if (session == null) {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
                return (int) Long.parseLong(t);
            }
            throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                    name + " input of a name needs a database session");
        }
        return this == REGCLASS ? CatalogAccess.regclassIn(session, t) : CatalogAccess.regnamespaceIn(session, t);
    }

    @Override public boolean inputDependsOnSession() { return true; }
    @Override public boolean outputDependsOnSession() { return true; }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(4).putInt((Integer) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 4).getInt();
    }
}
