package org.pgmini.storage.xact;

/**
 * What a heavyweight lock is taken on. {@code RELATION}: a table (database oid, relation oid).
 * {@code OBJECT_NAME}: a name inside a namespace, taken by DDL that creates or renames an object
 * so that two transactions creating the same name serialize (PostgreSQL gets this from the
 * unique index on pg_class(relname, relnamespace), which we do not have yet).
 */
public record LockTag(Kind kind, int dbOid, int objectId, String name) {
    public enum Kind { RELATION, OBJECT_NAME }

    public static LockTag relation(int dbOid, int relOid) { return new LockTag(Kind.RELATION, dbOid, relOid, null); }

    public static LockTag objectName(int dbOid, int namespaceOid, String name) {
        return new LockTag(Kind.OBJECT_NAME, dbOid, namespaceOid, name);
    }

    /** As in PostgreSQL's DETAIL lines: "relation R of database D". */
    public String describe() {
        return kind == Kind.RELATION
                ? "relation " + Integer.toUnsignedString(objectId) + " of database " + dbOid
                : "object \"" + name + "\" in namespace " + Integer.toUnsignedString(objectId) + " of database " + dbOid;
    }
}
