package org.pgmini.storage.buffer;

import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;

/** Identifies a block of a relation fork: the key of the buffer mapping table. */
public record BufferTag(RelFileLocator rel, ForkNumber fork, int block) {

    /** A well-mixed 32-bit hash (murmur3 finalizer over the fields). */
    public int hash() {
        long h = (Integer.toUnsignedLong(rel.dbOid()) * 0x9E3779B97F4A7C15L)
                ^ (Integer.toUnsignedLong(rel.relNumber()) * 0xC2B2AE3D27D4EB4FL)
                ^ ((long) fork.ordinal() << 59)
                ^ (Integer.toUnsignedLong(block) * 0x165667B19E3779F9L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
