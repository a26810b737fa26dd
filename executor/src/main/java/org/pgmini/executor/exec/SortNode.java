package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.Catalog;
import org.pgmini.executor.sort.RowCodec;
import org.pgmini.executor.sort.RowOrdering;
import org.pgmini.executor.sort.SortColumn;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.sort.SortMethod;
import org.pgmini.executor.sort.SortOptions;
import org.pgmini.executor.sort.SortStats;
import org.pgmini.executor.sort.Tuplesort;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Sort through {@link Tuplesort}: in memory up to work_mem, then runs on logical tapes merged
 * k-way; top-N heapsort when a Limit above gives a bound. Rows whose columns the tape codec cannot
 * serialize (types without a {@link RowCodec.Kind}) are sorted in memory with the same ordering.
 * EXPLAIN: {@code Sort Key: a, b DESC}; ANALYZE adds {@code Sort Method: ...}.
 */
public final class SortNode extends PlanNode {
    /** One ORDER BY key over the input row. */
    public record Key(int index, PgType type, boolean descending, boolean nullsFirst, String text) implements java.io.Serializable {}

    private final PlanNode child;
    private final List<Key> keys;
    private final List<PgType> columnTypes;
    /** Set when rows are one column of a type sorted as a bare datum (see {@link DatumSorts}). */
    private final DatumSorts.Kind datumKind;
    /**
     * Built from keys and column types on first use: not shipped with the plan to parallel
     * workers (comparators of other types are resolved through the worker's own catalog).
     */
    private transient RowOrdering ordering;
    private transient RowCodec codec;
    private transient boolean codecResolved;

    public SortNode(PlanNode child, List<Key> keys, List<PgType> columnTypes) {
        this.child = child;
        this.keys = List.copyOf(keys);
        this.columnTypes = List.copyOf(columnTypes);
        ordering();
        this.datumKind = columnTypes.size() == 1 && keys.size() == 1 && keys.get(0).index == 0
                ? DatumSorts.kindOf(columnTypes.get(0)) : null;
        double n = Math.max(child.rows, 2);
        double cost = 2.0 * 0.0025 * n * (Math.log(n) / Math.log(2));
        estimate(this, child.totalCost + cost, child.totalCost + cost + 0.0025 * n, child.rows, child.width);
    }

    /** Set by the planner for a Merge Join's inner input: the cursor supports mark/restore. */
    private boolean randomAccess;

    /** Makes the sort random-access, so that its cursor is a {@link MarkableCursor} (before the plan is used). */
    public SortNode withRandomAccess() {
        randomAccess = true;
        return this;
    }

    public boolean randomAccess() {
        return randomAccess;
    }

    public PlanNode child() {
        return child;
    }

    public List<Key> keys() {
        return keys;
    }

    public List<PgType> columnTypes() {
        return columnTypes;
    }

    /** The order of the rows (all keys, DESC and NULL placement applied). */
    public RowOrdering ordering() {
        if (ordering == null) {
            ordering = orderingOf(keys);
        }
        return ordering;
    }

    /** The order {@code keys} give rows (also what a node above a Sort compares to find equal keys). */
    public static RowOrdering orderingOf(List<Key> keys) {
        List<SortColumn> cols = new ArrayList<>();
        for (Key k : keys) {
            cols.add(new SortColumn(k.index, keyType(k.type), k.descending, k.nullsFirst, false));
        }
        return new RowOrdering(cols);
    }

    /** The tape codec of the rows, or null when a column's type has none (then the sort stays in memory). */
    public RowCodec codec() { // ptapes: public, for the tape-import parallel sort (exec.TapeSortParticipant)
        if (!codecResolved) {
            List<RowCodec.Kind> kinds = new ArrayList<>();
            boolean encodable = true;
            for (PgType t : columnTypes) {
                RowCodec.Kind k = kindOf(t);
                encodable &= k != null;
                kinds.add(k);
            }
            codec = encodable ? new RowCodec(kinds, NumericSpecial.class) : null;
            codecResolved = true;
        }
        return codec;
    }

    /** The comparison of a type's values as ORDER BY uses it; 42883 when the type has none. */
    public static SortKeyType keyType(PgType t) {
        switch (t.name()) {
            case "bool": return SortKeyType.BOOL;
            case "int2": case "int4": case "date": return SortKeyType.INT4;
            case "int8": case "timestamp": case "time": return SortKeyType.INT8;
            case "bytea": return SortKeyType.BYTEA;
            case "float4": case "float8": return SortKeyType.FLOAT8;
            case "numeric": return SortKeyType.NUMERIC;
            case "text": case "varchar": case "bpchar": case "name": case "unknown": return SortKeyType.TEXT_C;
            default:
                Catalog.Comparer cmp = Catalog.INSTANCE.comparerFor(t);
                if (cmp == null) {
                    throw new PgException(SqlState.UNDEFINED_FUNCTION, "could not identify an ordering operator for type "
                            + PgTypes.displayName(t));
                }
                Comparator<Object> c = cmp::compare;
                return SortKeyType.comparing(c);
        }
    }

    private static RowCodec.Kind kindOf(PgType t) {
        switch (t.name()) {
            case "bool": return RowCodec.Kind.BOOL;
            case "int2": return RowCodec.Kind.INT2;
            case "int4": case "date": case "oid": return RowCodec.Kind.INT4;
            case "int8": case "timestamp": case "time": case "pg_lsn": return RowCodec.Kind.INT8;
            case "bytea": return RowCodec.Kind.BYTEA;
            case "float4": return RowCodec.Kind.FLOAT4;
            case "float8": return RowCodec.Kind.FLOAT8;
            case "numeric": return RowCodec.Kind.NUMERIC;
            case "text": case "varchar": case "bpchar": case "name": case "unknown": return RowCodec.Kind.TEXT;
            default: return null;
        }
    }

    @Override
    public String explainName() {
        return "Sort";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        SortKeyLine line = new SortKeyLine(); // [sortperf: shared with KeySortNode]
        for (Key k : keys) {
            line.key(k.text, k.descending, k.nullsFirst);
        }
        out.add(line.toString());
        if (ins != null) {
            out.addAll(ins.extraLines);
            // PostgreSQL's show_sort_info: the leader's line, then one per worker that sorted
            ins.workerSortStats.forEach((worker, stats) -> out.add("Worker " + worker + ":  " + stats.explainLine()));
        }
    }

    /** EXPLAIN ANALYZE: this process's sort statistics (a worker ships them to the leader, see parallel.WorkerSortStats). */
    private static void report(Instrumentation ins, SortStats stats) {
        if (ins != null) {
            ins.extraLines.clear();
            ins.extraLines.add(stats.explainLine());
            ins.sortStats = stats;
        }
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        long bound = s.takeSortBound(this);
        Instrumentation ins = s.instrumentation(this);
        RowCodec codec = codec();
        RowOrdering ordering = ordering();
        if (codec == null || !canSpill(s)) {
            return inMemory(s, bound, ins);
        }
        SortOptions opts = new SortOptions(s.dataDir()).workMemKB(Math.max(64, s.workMemKB()))
                .tempFileOwner(s.tempFiles()).interruptCheck(s.session::checkForInterrupts).traceSort(traceSort(s))
                .randomAccess(randomAccess);
        if (datumKind != null && !randomAccess && (bound <= 0 || datumKind == DatumSorts.Kind.TEXT)) {
            Key k = keys.get(0);
            DatumSorts.Result sorted = DatumSorts.sort(s, child, datumKind, k.descending, k.nullsFirst, bound, opts);
            report(ins, sorted.stats());
            return sorted;
        }
        Tuplesort<Object[]> sort = Tuplesort.begin(ordering, codec, opts);
        try {
            if (bound > 0) {
                sort.setBound(bound);
            }
            // a projection hands over a new array per row; other children may reuse theirs
            boolean fresh = child instanceof ProjectNode;
            s.push(child, r -> sort.put(fresh ? r : r.clone()));
            sort.performSort();
        } catch (RuntimeException e) {
            sort.close();
            throw e;
        }
        report(ins, sort.stats());
        if (randomAccess) {
            return new RandomAccessCursor() {
                @Override
                public Object[] next() {
                    return sort.next();
                }

                @Override
                public Object[] previous() {
                    return sort.previous();
                }

                @Override
                public void rewind() {
                    sort.rescan();
                }

                @Override
                public Object mark() {
                    return sort.mark();
                }

                @Override
                public void restore(Object mark) {
                    sort.restore((org.pgmini.executor.sort.SortMark) mark);
                }

                @Override
                public void close() {
                    sort.close();
                }
            };
        }
        return new Cursor() {
            @Override
            public Object[] next() {
                return sort.next();
            }

            @Override
            public void close() {
                sort.close();
            }
        };
    }

    /** A random-access sort's cursor: mark/restore for a Merge Join, backward reads for a SCROLL cursor. */
    private interface RandomAccessCursor extends MarkableCursor, ScrollableCursor {
    }

    /** Whether this execution can make temp files (a session with a database, or a parallel worker). */
    private static boolean canSpill(ExecState s) {
        try {
            return s.dataDir() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The trace_sort setting: sorts log their progress at INFO. */
    static boolean traceSort(ExecState s) { // ptapes: package-visible for exec.TapeSortParticipant
        try {
            return s.session != null && "on".equals(s.session.settings().currentSetting("trace_sort", true));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For rows the tape codec cannot hold: a stable in-memory sort with the same ordering. */
    private Cursor inMemory(ExecState s, long bound, Instrumentation ins) {
        List<Object[]> rows = new ArrayList<>();
        s.push(child, r -> rows.add(r.clone()));
        RowOrdering ordering = ordering();
        rows.sort(ordering::compare);
        report(ins, new SortStats(SortMethod.QUICKSORT, false, Math.max(1, (rows.size() * 64L + 1023) / 1024)));
        int limit = bound > 0 && bound < rows.size() ? (int) bound : rows.size();
        if (!randomAccess) {
            return new Cursor() {
                int i;

                @Override
                public Object[] next() {
                    return i < limit ? rows.get(i++) : null;
                }
            };
        }
        return new RandomAccessCursor() {
            /** Rows before the read position; {@code eof}: the last next() found none (Tuplesort's semantics). */
            int i;
            boolean eof;

            @Override
            public Object[] next() {
                if (i < limit) {
                    return rows.get(i++);
                }
                eof = true;
                return null;
            }

            @Override
            public Object[] previous() {
                if (eof) {
                    eof = false;
                } else if (i <= 0 || --i <= 0) {
                    return null;
                }
                return i <= 0 ? null : rows.get(i - 1);
            }

            @Override
            public void rewind() {
                i = 0;
                eof = false;
            }

            @Override
            public Object mark() {
                return i;
            }

            @Override
            public void restore(Object mark) {
                i = (Integer) mark;
                eof = false;
            }
        };
    }
}
