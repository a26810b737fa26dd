package org.pgmini.storage.catalog;

/** A sequence's parameters (pg_sequence). */
public record SequenceOptions(long start, long increment, long min, long max, long cache, boolean cycle) {
    /** CREATE SEQUENCE defaults for bigint: ascending from 1 to 2^63-1, no cycle. */
    public static SequenceOptions defaults() { return new SequenceOptions(1, 1, 1, Long.MAX_VALUE, 1, false); }
}
