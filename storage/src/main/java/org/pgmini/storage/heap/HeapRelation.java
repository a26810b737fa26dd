package org.pgmini.storage.heap;

import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.TupleDesc;

/** What heap access needs to know about a table: its files, its name (for messages), its columns. */
public record HeapRelation(RelFileLocator locator, String name, TupleDesc desc) {}
