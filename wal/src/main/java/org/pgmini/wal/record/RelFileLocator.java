package org.pgmini.wal.record;

/** Identifies a relation's files as PostgreSQL's RelFileLocator does: tablespace, database, relation number. */
public record RelFileLocator(int spcOid, int dbOid, int relNumber) {
    @Override
    public String toString() {
        return Integer.toUnsignedString(spcOid) + "/" + Integer.toUnsignedString(dbOid) + "/" + Integer.toUnsignedString(relNumber);
    }
}
