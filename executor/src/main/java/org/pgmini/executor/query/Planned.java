package org.pgmini.executor.query;

import java.util.List;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.exec.PlanNode;

/**
 * A planned SELECT: the operator tree, the result columns, and the tables it reads (locked
 * AccessShare at each execution; their catalog generation decides when a cached plan is stale).
 */
public record Planned(PlanNode root, List<ColumnDescription> columns, List<Integer> relationOids) {
    public boolean usesTables() {
        return !relationOids.isEmpty();
    }
}
