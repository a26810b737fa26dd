package org.pgmini.storage.heap;

import java.time.Instant;

/**
 * What VACUUM of one table did: pages scanned, dead tuples removed, and what remains (live
 * tuples, and "dead but not yet removable" tuples that some snapshot may still see: n_dead_tup).
 */
public record VacuumResult(int pagesScanned, long tuplesRemoved, long liveTuples, long deadTuples, int oldestXmin, Instant finished) {}
