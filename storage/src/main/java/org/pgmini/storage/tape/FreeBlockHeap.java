package org.pgmini.storage.tape;

import java.util.Arrays;

/**
 * The free list of a tape set: a binary min-heap of block numbers. Handing out the lowest free
 * block first keeps the data packed at the start of the file, so the file's high-water mark
 * stays close to the amount of live data and reads stay mostly sequential.
 */
final class FreeBlockHeap {
    private long[] heap = new long[64];
    private int size;

    int size() { return size; }

    boolean isEmpty() { return size == 0; }

    void clear() { size = 0; }

    void push(long block) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= block) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = block;
    }

    long peek() { return heap[0]; }

    long pop() {
        long top = heap[0];
        long last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && heap[child + 1] < heap[child]) child++;
            if (last <= heap[child]) break;
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) heap[i] = last;
        return top;
    }
}
