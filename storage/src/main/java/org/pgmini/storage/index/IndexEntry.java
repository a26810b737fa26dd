package org.pgmini.storage.index;

import org.pgmini.storage.tuple.ItemPointer;

/** One entry to put into an index: its key values (index column order) and the heap row's TID. */
public record IndexEntry(Object[] keyValues, ItemPointer heapTid) {}
