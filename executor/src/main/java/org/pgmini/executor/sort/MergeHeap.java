package org.pgmini.executor.sort;

import java.util.Comparator;

/**
 * Binary min-heap of the current head tuple of each merge input (by prefix, then comparator).
 * The usual step is {@link #replaceTop}: the winner's input supplies its next tuple, which
 * sifts down from the root — one sift instead of a pop and a push.
 */
final class MergeHeap {
    private final long[] keys;
    private final Object[] tuples;
    private final int[] sources;
    private final Comparator<Object> cmp;
    private final boolean prefixDecides;
    private int size;

    MergeHeap(int capacity, Comparator<Object> cmp, boolean prefixDecides) {
        keys = new long[capacity];
        tuples = new Object[capacity];
        sources = new int[capacity];
        this.cmp = cmp;
        this.prefixDecides = prefixDecides;
    }

    int size() { return size; }

    Object topTuple() { return tuples[0]; }

    int topSource() { return sources[0]; }

    private int compare(int i, int j) {
        int c = Long.compare(keys[i], keys[j]);
        if (c != 0 || prefixDecides) return c;
        return cmp.compare(tuples[i], tuples[j]);
    }

    void add(long key, Object tuple, int source) {
        int i = size++;
        keys[i] = key;
        tuples[i] = tuple;
        sources[i] = source;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (compare(parent, i) <= 0) break;
            swap(parent, i);
            i = parent;
        }
    }

    void replaceTop(long key, Object tuple) {
        keys[0] = key;
        tuples[0] = tuple;
        siftDown();
    }

    void removeTop() {
        int last = --size;
        keys[0] = keys[last];
        tuples[0] = tuples[last];
        sources[0] = sources[last];
        tuples[last] = null;
        if (size > 0) siftDown();
    }

    private void siftDown() {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) return;
            int r = l + 1;
            int small = r < size && compare(r, l) < 0 ? r : l;
            if (compare(i, small) <= 0) return;
            swap(i, small);
            i = small;
        }
    }

    private void swap(int i, int j) {
        long k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        Object t = tuples[i];
        tuples[i] = tuples[j];
        tuples[j] = t;
        int s = sources[i];
        sources[i] = sources[j];
        sources[j] = s;
    }
}
