package org.pgmini.executor.exec;

import java.util.ArrayDeque;
import java.util.List;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.PgType;

/**
 * Merge Join (nodeMergejoin.c): both inputs arrive sorted by their join keys (ascending, NULLs
 * last); the node walks them in step. Rows whose keys are equal form a group: the first inner
 * row of the group is marked, and for each further outer row with the same keys the inner input
 * is restored to the mark and read again ({@link MarkableCursor}: the inner Sort is
 * random-access, tuplesort mark/restore), so no group is held in memory.
 *
 * <p>Rows: each input's own slots followed by its join key values (a projection below the
 * Sort computes them, normalized so that both sides compare in one type); the output is the
 * outer then inner slots without the keys (inner first when {@code swapped}). A key with a NULL
 * never matches: such an outer row is passed on (null-extended) as soon as it is read, such an
 * inner row when the inner input is advanced past it, as PostgreSQL's state machine does, so the
 * output order is PostgreSQL's. LEFT/RIGHT/FULL keep the unmatched rows of the outer/inner/both
 * inputs; RIGHT and FULL take no join filter (PostgreSQL merge joins them only when every join
 * clause is a merge clause). EXPLAIN: {@code Merge Join} / {@code Merge Left Join} ...,
 * {@code Merge Cond}, {@code Join Filter}, {@code Filter}.
 */
public final class MergeJoinNode extends PlanNode {
    private final JoinType type;
    private final PlanNode outer;
    private final PlanNode inner;
    private final int outerWidth;
    private final int innerWidth;
    private final boolean swapped;
    /** The key columns' comparison types (both sides' values are of this type after normalization). */
    private final List<PgType> keyTypes;
    private final String mergeCond;
    private final Qual joinQual;
    private final Qual qual;
    private transient SortKeyType[] comparators;

    /**
     * @param outer    rows [outer slots (outerWidth)..., keys...] sorted by the keys
     * @param inner    rows [inner slots (innerWidth)..., keys...] sorted by the keys; a random-access Sort
     * @param swapped  the outer input is the query's right side: output rows put the inner slots first
     * @param joinQual join conditions besides the merge clauses (INNER and LEFT only), or null
     * @param qual     WHERE conditions checked on joined rows (Filter), or null
     */
    public MergeJoinNode(JoinType type, PlanNode outer, PlanNode inner, int outerWidth, int innerWidth, boolean swapped,
                         List<PgType> keyTypes, String mergeCond, Qual joinQual, Qual qual, double rows) {
        if (joinQual != null && type.keepsInner()) {
            throw new IllegalArgumentException("RIGHT and FULL merge joins take no join filter");
        }
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.swapped = swapped;
        this.keyTypes = List.copyOf(keyTypes);
        this.mergeCond = mergeCond;
        this.joinQual = joinQual;
        this.qual = qual;
        this.rows = Math.max(1, Math.rint(rows));
        this.width = outer.width + inner.width;
    }

    public PlanNode outer() {
        return outer;
    }

    public PlanNode inner() {
        return inner;
    }

    @Override
    public String explainName() {
        return "Merge" + type.label + " Join";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, inner);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        out.add("Merge Cond: " + mergeCond);
        Qual.explainJoinFilters(out, ins, joinQual, qual);
    }

    private SortKeyType[] comparators() {
        if (comparators == null) {
            SortKeyType[] c = new SortKeyType[keyTypes.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = SortNode.keyType(keyTypes.get(i));
            }
            comparators = c;
        }
        return comparators;
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Cursor outerCursor = s.open(outer);
        Cursor innerOpened;
        try {
            innerOpened = s.open(inner);
        } catch (RuntimeException e) {
            outerCursor.close();
            throw e;
        }
        if (!(innerOpened instanceof MarkableCursor innerCursor)) {
            outerCursor.close();
            innerOpened.close();
            throw new IllegalStateException("the inner input of a merge join must support mark/restore");
        }
        return new Join(s, outerCursor, innerCursor);
    }

    /** One execution's walk over both inputs. */
    private final class Join implements Cursor {
        private final ExecState s;
        private final Cursor outerCursor;
        private final MarkableCursor innerCursor;
        private final Instrumentation ins;
        private final SortKeyType[] cmp = comparators();
        private final int keys = keyTypes.size();
        /** Output rows ready to return (a group of matches for one outer row at most). */
        private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
        private Object[] o;
        private Object[] i;
        /** The inner position of {@code i} (a mark taken before reading it). */
        private Object iPos;
        private boolean started;

        Join(ExecState s, Cursor outerCursor, MarkableCursor innerCursor) {
            this.s = s;
            this.outerCursor = outerCursor;
            this.innerCursor = innerCursor;
            this.ins = s.instrumentation(MergeJoinNode.this);
        }

        @Override
        public Object[] next() {
            if (!started) {
                started = true;
                fetchOuter();
                fetchInner();
                skipNullInner();
            }
            while (ready.isEmpty() && step()) {
                // step() produced nothing yet but there is more to read
            }
            return ready.poll();
        }

        /** Advances the join by one decision; false at the end. */
        private boolean step() {
            if (o == null) {
                if (i == null || !type.keepsInner()) {
                    return false;
                }
                emit(combine(null, i));
                fetchInner();
                return true;
            }
            if (i == null) {
                if (!type.keepsOuter()) {
                    return false;
                }
                emit(combine(o, null));
                fetchOuter();
                return true;
            }
            int c = compare(o, i);
            if (c < 0) {
                if (type.keepsOuter()) {
                    emit(combine(o, null));
                }
                fetchOuter();
            } else if (c > 0) {
                if (type.keepsInner()) {
                    emit(combine(null, i));
                }
                fetchInner();
                skipNullInner();
            } else {
                joinGroup();
            }
            return true;
        }

        /**
         * The outer row {@code o} against the inner rows with its keys, starting at {@code i}
         * (marked); then the next outer row, restoring the inner input to the mark when it has
         * the same keys.
         */
        private void joinGroup() {
            Object mark = iPos;
            Object[] groupKeys = o;
            boolean matched = false;
            while (i != null && compare(o, i) == 0) {
                Object[] out = combine(o, i);
                s.eval.row = out;
                if (joinQual == null || passes(joinQual.eval(), s)) {
                    matched = true;
                    emit(out);
                } else if (ins != null) {
                    ins.removedByJoinFilter++;
                }
                fetchInner();
            }
            if (!matched && type.keepsOuter()) {
                emit(combine(o, null));
            }
            fetchOuter();
            if (o != null && sameKeys(o, groupKeys)) {
                innerCursor.restore(mark);
                fetchInner();
            }
            s.session.checkForInterrupts();
        }

        private void emit(Object[] row) {
            if (filter(row, qual, s, ins)) {
                ready.add(row);
            }
        }

        /** The next outer row with matchable keys; rows with a NULL key are passed on (LEFT/FULL) or skipped. */
        private void fetchOuter() {
            o = outerCursor.next();
            while (o != null && hasNullKey(o, outerWidth)) {
                if (type.keepsOuter()) {
                    emit(combine(o, null));
                }
                o = outerCursor.next();
            }
        }

        private void fetchInner() {
            iPos = innerCursor.mark();
            i = innerCursor.next();
        }

        /** Inner rows with a NULL key reached by skipping ahead are passed on (RIGHT/FULL) at once, as PostgreSQL does. */
        private void skipNullInner() {
            while (i != null && hasNullKey(i, innerWidth)) {
                if (type.keepsInner()) {
                    emit(combine(null, i));
                }
                fetchInner();
            }
        }

        private boolean hasNullKey(Object[] row, int first) {
            for (int k = 0; k < keys; k++) {
                if (row[first + k] == null) {
                    return true;
                }
            }
            return false;
        }

        /** Outer keys against inner keys: the key types' order, a NULL (inner) after every value. */
        private int compare(Object[] outerRow, Object[] innerRow) {
            for (int k = 0; k < keys; k++) {
                Object x = outerRow[outerWidth + k];
                Object y = innerRow[innerWidth + k];
                if (y == null) {
                    return x == null ? 1 : -1;
                }
                int r = cmp[k].compare(x, y);
                if (r != 0) {
                    return r;
                }
            }
            return 0;
        }

        private boolean sameKeys(Object[] a, Object[] b) {
            for (int k = 0; k < keys; k++) {
                if (cmp[k].compare(a[outerWidth + k], b[outerWidth + k]) != 0) {
                    return false;
                }
            }
            return true;
        }

        private Object[] combine(Object[] outerRow, Object[] innerRow) {
            return swapped ? JoinRows.concat(innerRow, innerWidth, outerRow, outerWidth)
                    : JoinRows.concat(outerRow, outerWidth, innerRow, innerWidth);
        }

        @Override
        public void close() {
            try {
                outerCursor.close();
            } finally {
                innerCursor.close();
            }
        }
    }
}
