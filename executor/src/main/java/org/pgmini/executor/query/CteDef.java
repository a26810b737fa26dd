package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWithItem;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.exec.WorkTable;
import org.pgmini.executor.exec.WorkTableScanNode;
import org.pgmini.executor.types.PgType;

/**
 * One WITH query and what its references need. Like PostgreSQL 12+, a WITH query that is not
 * recursive, not written MATERIALIZED and referenced once (or written NOT MATERIALIZED) is planned
 * again at its reference as a subquery (inlined); otherwise it is planned once and every
 * reference is a CTE Scan over its shared rows. While the recursive term of a WITH RECURSIVE
 * query is planned, {@link #workTable} is set and a reference to the query reads the working table.
 */
final class CteDef {
    final String name;
    final SqlWithItem item;
    /** MATERIALIZED (TRUE), NOT MATERIALIZED (FALSE), or neither (null). */
    final Boolean materializedOption;
    /** The planner of the query the WITH belongs to (its query is planned at that level). */
    final SelectPlanner withLevel;
    /** What the query itself sees (earlier items; itself too under RECURSIVE). */
    CteScope scope;
    /** References to this name in the rest of the statement (decides inlining). */
    int references;
    /** Whether the query refers to itself (WITH RECURSIVE). */
    boolean recursive;

    /** The shared plan of a materialized query (its CTE Scans read it), once planned. */
    Planned materialized;
    /** The refnames of its CTE Scans (for the work table's unique EXPLAIN name). */
    final List<String> scanRefnames = new ArrayList<>();

    /** Set while its non-recursive term is planned: a reference there is an error. */
    boolean inNonRecursiveTerm;
    /** Set while its recursive term is planned. */
    WorkTable workTable;
    List<String> workNames;
    List<ColumnDescription> workColumns;
    int workDepth;
    int workReferences;
    final List<WorkTableScanNode> workScans = new ArrayList<>();
    /** The range items (and their FROM identifiers) that read the work table: checked for outer joins afterwards. */
    final List<Object[]> workItems = new ArrayList<>();

    CteDef(String name, SqlWithItem item, Boolean materializedOption, SelectPlanner withLevel) {
        this.name = name;
        this.item = item;
        this.materializedOption = materializedOption;
        this.withLevel = withLevel;
    }

    boolean inline() {
        if (recursive) {
            return false;
        }
        if (materializedOption != null) {
            return !materializedOption;
        }
        return references <= 1;
    }

    SqlNode query() {
        return item.query;
    }

    List<SqlIdentifier> columnAliases() {
        List<SqlIdentifier> out = new ArrayList<>();
        if (item.columnList != null) {
            for (SqlNode n : item.columnList) {
                out.add((SqlIdentifier) n);
            }
        }
        return out;
    }

    static List<PgType> types(List<ColumnDescription> cols) {
        List<PgType> out = new ArrayList<>();
        for (ColumnDescription c : cols) {
            out.add(c.type());
        }
        return out;
    }
}
