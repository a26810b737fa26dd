package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ResultCursor;

/**
 * A planned DDL, DML or write-path utility statement: what Describe reports (parameter types,
 * RETURNING columns) and an action that runs it against the session's database. Immutable and
 * shareable like every cached plan; whatever depends on the catalog's current state is looked
 * up (or re-bound) when the action runs.
 */
final class WritePlan extends ActionPlan implements org.pgmini.executor.query.CatalogDependent {
    interface Action extends ActionPlan.Action {
    }

    /** -1: the action looks the catalog up when it runs; else the generation its binding saw. */
    private long catalogGeneration = -1;

    WritePlan(int[] paramOids, List<ColumnDescription> columns, Action action) {
        super(paramOids, columns, action);
    }

    /**
     * Marks a plan that bound table columns at planning time: the engine re-plans it after DDL
     * (instead of sharing a binding other sessions could see as stale). Call once, before the
     * plan is published.
     */
    WritePlan boundAtGeneration(long generation) {
        this.catalogGeneration = generation;
        return this;
    }

    @Override
    public long catalogGeneration() {
        return catalogGeneration;
    }

    /** Rows computed by the action (RETURNING), with the statement's command tag. */
    static ResultCursor result(List<Object[]> rows, String tag) {
        return new ResultCursor() {
            private int next;

            @Override
            public Object[] next() {
                return next < rows.size() ? rows.get(next++) : null;
            }

            @Override
            public String commandTag() {
                return tag;
            }

            @Override
            public void close() {
            }
        };
    }

    static ResultCursor command(String tag) {
        return result(List.of(), tag);
    }
}
