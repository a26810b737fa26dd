package org.pgmini.storage.tape;

/** A position in a frozen tape: a block number of the set and a byte offset in its data area. */
public record TapePosition(long block, int offset) {}
