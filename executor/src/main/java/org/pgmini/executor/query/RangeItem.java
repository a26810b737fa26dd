package org.pgmini.executor.query;

import java.util.BitSet;
import java.util.List;
import org.pgmini.executor.types.PgType;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * One leaf FROM item (PostgreSQL's range table entry): a table, a system view, or a function
 * (generate_series). Columns are named as the query sees them (after column aliases). In the
 * query's full row layout the item's slots start at {@link #offset}; a table's slots are its
 * attributes by attnum (dropped ones included, never visible) and then its ctid.
 */
final class RangeItem {
    enum Kind { TABLE, VIEW, FUNCTION, SUBQUERY, VALUES }

    final Kind kind;
    final int index;
    final String refname;
    /** Whether the refname is an alias (then the relation's own name no longer qualifies columns). */
    final boolean aliased;
    final List<String> names;
    /** Null entries: dropped columns (not visible). */
    final List<PgType> types;
    final List<Integer> typmods;
    /** Type OIDs as the catalog has them (for columns whose type the executor lacks: 0A000 when used). */
    final List<Integer> typeOids;
    final int width;
    int offset;
    final RelationDescriptor relation;
    final SystemViews.View view;
    /** Which slots the query reads (for decoding only the needed prefix of a tuple). */
    final BitSet used = new BitSet();
    /** For a subquery in FROM: its plan (output columns = this item's slots). */
    Planned subplan;
    /** For a WITH query read by a CTE Scan or a work table scan: makes the scan with its pushed-down filter. */
    java.util.function.Function<org.pgmini.executor.exec.Qual, org.pgmini.executor.exec.PlanNode> scanMaker;
    /**
     * Set when this item reads columns of the FROM items before it (a LATERAL subquery, or a
     * generate_series whose arguments use them): it is joined by a {@link LateralJoinNode}.
     */
    boolean lateral;
    /** For a LATERAL subquery: the outer values it takes from the left row (null for a function). */
    Correlation lateralParams;
    /** For VALUES in FROM: each row's cells, coerced to the column types. */
    org.pgmini.executor.expr.Eval[][] values;
    /** Set when some outer join can null-extend this item (its WHERE conditions must not move below that join). */
    boolean nullable;

    RangeItem(Kind kind, int index, String refname, boolean aliased, List<String> names, List<PgType> types,
              List<Integer> typmods, List<Integer> typeOids, int width, RelationDescriptor relation, SystemViews.View view) {
        this.kind = kind;
        this.index = index;
        this.refname = refname;
        this.aliased = aliased;
        this.names = names;
        this.types = types;
        this.typmods = typmods;
        this.typeOids = typeOids;
        this.width = width;
        this.relation = relation;
        this.view = view;
    }

    /** The 0-based column with that visible name, -1 if none. */
    int column(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null && names.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    int ctidSlot() {
        return kind == Kind.TABLE ? names.size() : -1;
    }
}
