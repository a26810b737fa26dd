package org.pgmini.storage.catalog;

/** A sequence's parameters (pg_sequence), with its data type (seqtypid: int2, int4 or int8). */
public record SequenceOptions(long start, long increment, long min, long max, long cache, boolean cycle, int typeOid) {
    /** A bigint sequence. */
    public SequenceOptions(long start, long increment, long min, long max, long cache, boolean cycle) {
        this(start, increment, min, max, cache, cycle, 20);
    }

    /** CREATE SEQUENCE defaults for bigint: ascending from 1 to 2^63-1, no cycle. */
    public static SequenceOptions defaults() { return new SequenceOptions(1, 1, 1, Long.MAX_VALUE, 1, false); }
}
