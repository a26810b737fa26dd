package org.pgmini.storage.catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * A session's sequence memory: the last value nextval returned per sequence (for currval) and
 * overall (for lastval). Lives as long as the session, across transactions: like PostgreSQL,
 * neither nextval nor this state is rolled back.
 */
public final class SequenceSession {
    private final Map<Integer, Long> lastValues = new HashMap<>();
    private Integer lastSequence;

    void remember(int seqOid, long value) {
        lastValues.put(seqOid, value);
        lastSequence = seqOid;
    }

    Long currval(int seqOid) { return lastValues.get(seqOid); }

    /** The oid of the sequence nextval was last called on in this session, or null (for lastval). */
    public Integer lastSequence() { return lastSequence; }
}
