package org.pgmini.executor.query;

import org.pgmini.storage.catalog.RelationDescriptor;

/** The storage parameters of a table (pg_class.reloptions) the planner reads. */
final class TableOptions {
    private TableOptions() {}

    /** The table's parallel_workers option, or null when it is not set. */
    static Integer parallelWorkers(RelationDescriptor rel) {
        return org.pgmini.executor.plan.StorageParameters.intValue(rel.reloption("parallel_workers"));
    }
}
