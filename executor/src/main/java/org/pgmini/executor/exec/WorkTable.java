package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * The working table of a WITH RECURSIVE query: at planning time only an identity shared by the
 * {@link RecursiveUnionNode} that fills it and the {@link WorkTableScanNode} that reads it; per
 * execution its rows (those the previous iteration produced) live in the {@link ExecState}.
 */
public final class WorkTable {
    public final String cteName;

    public WorkTable(String cteName) {
        this.cteName = cteName;
    }

    /** The per-execution state: the rows of the last iteration. */
    private static final class Rows {
        List<Object[]> rows = new ArrayList<>();
    }

    List<Object[]> rows(ExecState s) {
        return ((Rows) s.initPlan(this, Rows::new)).rows;
    }

    void set(ExecState s, List<Object[]> rows) {
        ((Rows) s.initPlan(this, Rows::new)).rows = rows;
    }
}
