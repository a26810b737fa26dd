package org.pgmini.executor.sort;

import java.util.Comparator;

/**
 * The sort order of tuples of type {@code T}: a full comparator (all keys, DESC and NULLS
 * FIRST/LAST applied) plus a normalized key prefix for fast compares.
 *
 * <p>Contract of {@link #prefix}: order-preserving in the weak sense — if {@code compare(a, b)
 * < 0} then {@code prefix(a) <= prefix(b)} (signed), and equal tuples have equal prefixes. The
 * sort compares prefixes first and calls {@link #compare} only when they are equal, unless
 * {@link #prefixDecides()} says equal prefixes always mean equal tuples.
 */
public interface SortOrdering<T> extends Comparator<T> {
    long prefix(T tuple);

    boolean prefixDecides();

    /** Number of sort keys (for logs). */
    int keyCount();
}
