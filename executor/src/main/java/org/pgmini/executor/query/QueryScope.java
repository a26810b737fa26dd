package org.pgmini.executor.query;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Column resolution over a contiguous range of FROM items [lo, hi) whose rows are laid out one
 * after another starting at item lo's offset (the output of the join node covering them).
 * Unqualified names must be unique in the range (42702), qualified ones name the item by its
 * refname (42P01 "missing FROM-clause entry"). Columns merged by JOIN USING/NATURAL resolve to
 * the merged value. Every resolution records which items were referenced ({@link #refs}).
 */
class QueryScope implements ExpressionAnalyzer.Hook {
    final List<RangeItem> items;
    final int lo;
    final int hi;
    final int base;
    final ExpressionAnalyzer.PositionMapper positions;
    /** Items referenced since the last {@link #resetRefs()}. */
    final BitSet refs = new BitSet();
    /** Unqualified names that JOIN USING merged, by name: the merged value's evaluation. */
    final Map<String, Typed> merged = new HashMap<>();
    /** Set while resolving is not allowed to note columns (e.g. deparsing). */
    boolean quiet;

    QueryScope(List<RangeItem> items, int lo, int hi, ExpressionAnalyzer.PositionMapper positions) {
        this.items = items;
        this.lo = lo;
        this.hi = hi;
        this.base = items.get(lo).offset;
        this.positions = positions;
    }

    void resetRefs() {
        refs.clear();
    }

    /** The planner owning this scope (subqueries in expressions, correlation errors); may be null. */
    SelectPlanner planner;

    @Override
    public Typed intercept(SqlNode node) {
        return planner == null ? null : planner.subqueries.intercept(node);
    }

    /** The item a qualifier names in this range, or null. */
    RangeItem itemNamed(List<String> qualifier) {
        for (int i = lo; i < hi; i++) {
            RangeItem it = items.get(i);
            if (qualifier.size() == 1 && it.refname.equals(qualifier.get(0))) {
                return it;
            }
            if (qualifier.size() == 2 && !it.aliased && it.relation != null
                    && it.relation.namespaceName().equals(qualifier.get(0)) && it.refname.equals(qualifier.get(1))) {
                return it;
            }
        }
        return null;
    }

    /** A column reference: the item and column, or null when nothing matches. */
    record Ref(RangeItem item, int column) {}

    Ref find(SqlIdentifier id) {
        List<String> n = id.names;
        String col = n.get(n.size() - 1);
        if (n.size() == 1) {
            Ref found = null;
            for (int i = lo; i < hi; i++) {
                RangeItem it = items.get(i);
                int c = it.column(col);
                if (c >= 0) {
                    if (found != null) {
                        throw PgException.atPosition(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + col
                                + "\" is ambiguous", positions.position(id.getParserPosition()));
                    }
                    found = new Ref(it, c);
                }
            }
            return found;
        }
        RangeItem it = itemNamed(n.subList(0, n.size() - 1));
        if (it == null) {
            return null;
        }
        int c = it.column(col);
        return c < 0 ? null : new Ref(it, c);
    }

    @Override
    public Typed column(SqlIdentifier id) {
        if (id.isStar()) {
            return null;
        }
        if (id.names.size() == 1) {
            Typed m = merged.get(id.names.get(0));
            if (m != null) {
                return m;
            }
        }
        Ref r = find(id);
        if (r == null) {
            return planner == null ? null : planner.outerColumn(id);
        }
        return typed(r, id);
    }

    Typed typed(Ref r, SqlNode where) {
        RangeItem it = r.item;
        PgType t = it.types.get(r.column);
        if (t == null) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "column \"" + it.names.get(r.column)
                    + "\" has a type (OID " + it.typeOids.get(r.column) + ") that is not supported yet",
                    positions.position(where.getParserPosition()));
        }
        if (!quiet) {
            refs.set(it.index);
            it.used.set(r.column);
        }
        int slot = it.offset - base + r.column;
        return new Typed(t, it.typmods.get(r.column), new org.pgmini.executor.expr.ColumnRef(slot), false);
    }

    @Override
    public PgException columnNotFound(SqlIdentifier id) {
        if (planner != null) {
            PgException c = planner.correlated(id);
            if (c != null) {
                return c;
            }
        }
        int pos = positions.position(id.getParserPosition());
        List<String> n = id.names;
        if (n.size() > 1) {
            List<String> q = n.subList(0, n.size() - 1);
            RangeItem it = itemNamed(q);
            if (it == null) {
                if (q.size() == 1) {
                    for (int i = lo; i < hi; i++) {
                        RangeItem other = items.get(i);
                        if (other.aliased && other.relation != null && other.relation.name().equals(q.get(0))) {
                            return new PgException(SqlState.UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \""
                                    + q.get(0) + "\"", null, "Perhaps you meant to reference the table alias \"" + other.refname + "\".",
                                    pos, null, null);
                        }
                    }
                }
                return PgException.atPosition(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                        + q.get(q.size() - 1) + "\"", pos);
            }
            return PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column " + String.join(".", n) + " does not exist", pos);
        }
        String col = n.get(0);
        // PostgreSQL's hint when a FROM item outside this range (e.g. the other side of a join) has the column
        for (RangeItem it : items) {
            if ((it.index < lo || it.index >= hi) && it.column(col) >= 0) {
                return new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist", null,
                        "There is a column named \"" + col + "\" in table \"" + it.refname
                                + "\", but it cannot be referenced from this part of the query.", pos, null, null);
            }
        }
        String hint = closeMatch(col);
        return new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist", null, hint, pos, null, null);
    }

    /** PostgreSQL's "Perhaps you meant to reference the column ..." for a near miss (small edit distance). */
    private String closeMatch(String col) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        boolean tie = false;
        for (int i = lo; i < hi; i++) {
            RangeItem it = items.get(i);
            for (String name : it.names) {
                if (name == null) {
                    continue;
                }
                int d = distance(col, name);
                if (d < bestDist) {
                    bestDist = d;
                    best = it.refname + "." + name;
                    tie = false;
                } else if (d == bestDist) {
                    tie = true;
                }
            }
        }
        // PostgreSQL: at most 3 edits, and not more than half the typed name (no ridiculous suggestions)
        if (best == null || tie || bestDist > 3 || bestDist > col.length() / 2 || bestDist == 0) {
            return null;
        }
        return "Perhaps you meant to reference the column \"" + best + "\".";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static PgType typeOrText(PgType t) {
        return t == null ? PgTypes.TEXT : t;
    }
}
