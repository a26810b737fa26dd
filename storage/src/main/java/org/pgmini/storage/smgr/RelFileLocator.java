package org.pgmini.storage.smgr;

/**
 * Identifies the files of one relation: the database OID and the relfilenode. Tablespaces other
 * than the default one are not supported, so the path is always {@code base/<dbOid>/<relNumber>}.
 */
public record RelFileLocator(int dbOid, int relNumber) {

    /** Path relative to the data directory, e.g. {@code base/5/16384} or {@code base/5/16384_fsm}. */
    public String relativePath(ForkNumber fork) {
        return "base/" + Integer.toUnsignedString(dbOid) + "/" + Integer.toUnsignedString(relNumber) + fork.fileSuffix();
    }

    /** Path of one segment file: segment 0 has no suffix, later ones {@code .1}, {@code .2} ... */
    public String segmentPath(ForkNumber fork, int segno) {
        String base = relativePath(fork);
        return segno == 0 ? base : base + "." + segno;
    }
}
