package org.pgmini.executor.sort;

import org.pgmini.storage.tape.TapePosition;

/** A saved read position of a random-access sort (tuplesort_markpos), for {@link Tuplesort#restore}. */
public record SortMark(int index, TapePosition tapePosition, boolean eof) {}
