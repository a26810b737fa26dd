package org.pgmini.executor.query;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.PlanNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.types.PgType;

/**
 * The ordered path of a query (PostgreSQL's create_ordered_paths): a Sort over the query's rows,
 * costed as PostgreSQL does ({@link SortCosts}, with work_mem and the LIMIT's bound). Called once
 * per SELECT with an ORDER BY by {@link SelectPlanner}.
 */
final class SortPaths {
    private SortPaths() {}

    /**
     * The rows of {@code plan} sorted by {@code keys}; {@code offset}/{@code fetch} are the query's
     * OFFSET and LIMIT clauses (null when absent), used for the bound of a top-N sort's cost.
     */
    static PlanNode ordered(SessionContext session, PlanNode plan, List<SortNode.Key> keys, List<PgType> types,
                            SqlNode offset, SqlNode fetch) {
        SortNode sort = new SortNode(plan, keys, types);
        SortCosts.sort(sort, plan, workMemKB(session), limitTuples(offset, fetch));
        return sort;
    }

    static long workMemKB(SessionContext session) {
        return ExecState.memorySettingKB(session, "work_mem", 4096);
    }

    /** PostgreSQL's limit_tuples: OFFSET + LIMIT when both are constants (a missing OFFSET is 0), else -1. */
    static double limitTuples(SqlNode offset, SqlNode fetch) {
        if (!(fetch instanceof SqlNumericLiteral f)) {
            return -1;
        }
        double n = f.bigDecimalValue().doubleValue();
        if (offset != null) {
            if (!(offset instanceof SqlNumericLiteral o)) {
                return -1;
            }
            n += o.bigDecimalValue().doubleValue();
        }
        return n;
    }
}
