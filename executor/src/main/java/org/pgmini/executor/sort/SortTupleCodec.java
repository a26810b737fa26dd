package org.pgmini.executor.sort;

/**
 * How a {@link Tuplesort} stores tuples of type {@code T} on tapes and how much memory one
 * occupies while held in the sort (the honest part of {@code work_mem} accounting: object
 * headers, arrays and values as the JVM lays them out, estimated).
 */
public interface SortTupleCodec<T> {
    void write(T tuple, ByteSink out);

    /** Rebuilds a tuple from {@code len} bytes at {@code off}; the array is reused afterwards. */
    T read(byte[] buf, int off, int len);

    /** Bytes of heap this tuple holds (not counting the sort's own slot for it). */
    long memoryBytes(T tuple);
}
