package org.pgmini.executor.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.sort.RowOrdering;
import org.pgmini.executor.sort.SortColumn;
import org.pgmini.executor.sort.SortKeyType;

/**
 * WindowAgg: the functions of one window (PARTITION BY, ORDER BY, frame) over input that is
 * already in window order (a Sort below it, as PostgreSQL plans it). One partition at a time is
 * buffered (rows with equal partition keys, read ahead by one row); its peer groups (rows equal
 * in every ORDER BY key) are found and each function is computed for every row. Output: each
 * input row followed by one value per function, in input order; several windows are stacked
 * WindowAgg nodes, each appending its own values. Frames: ROWS with UNBOUNDED / n PRECEDING /
 * CURRENT ROW / n FOLLOWING, RANGE without offsets (CURRENT ROW means the peer group; without
 * ORDER BY all rows are peers); aggregates whose frame starts at the partition start are
 * accumulated incrementally, others are recomputed per row.
 */
public final class WindowAggNode extends PlanNode {
    /** A frame bound; offsets are int8 expressions evaluated once per partition. */
    public record Bound(BoundKind kind, Eval offset) {}

    public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One window: partition keys, ORDER BY keys (with their orderings), frame. */
    public record Window(Eval[] partition, SortKeyType[] partitionTypes, Eval[] order, SortKeyType[] orderTypes,
                         boolean[] descending, boolean[] nullsFirst, boolean rows, Bound start, Bound end) {}

    public enum Kind { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE,
        NTH_VALUE, AGGREGATE }

    /** One window function call: its window (index), kind, argument expressions, and for aggregates the function. */
    public record Func(int window, Kind kind, Eval[] args, AggFunction aggregate) {}

    private final PlanNode child;
    private final List<Window> windows;
    private final List<Func> funcs;

    /** @param funcs the functions of {@code window} (their {@code window} index is ignored) */
    public WindowAggNode(PlanNode child, Window window, List<Func> funcs) {
        this.child = child;
        this.windows = List.of(window);
        this.funcs = List.copyOf(funcs);
        estimate(this, child.startupCost, child.totalCost + child.rows * 0.0025 * (1 + funcs.size()), child.rows,
                child.width + 8 * funcs.size());
    }

    @Override
    public String explainName() {
        return "WindowAgg";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    protected Cursor openCursor(ExecState s) {
        Window win = windows.get(0);
        int pk = win.partition.length;
        int ok = win.order.length;
        List<SortColumn> partCols = new ArrayList<>();
        for (int k = 0; k < pk; k++) {
            partCols.add(new SortColumn(k, win.partitionTypes[k], false, false, false));
        }
        List<SortColumn> orderCols = new ArrayList<>();
        for (int k = 0; k < ok; k++) {
            orderCols.add(new SortColumn(pk + k, win.orderTypes[k], win.descending[k], win.nullsFirst[k], false));
        }
        RowOrdering part = partCols.isEmpty() ? null : new RowOrdering(partCols);
        RowOrdering peers = orderCols.isEmpty() ? null : new RowOrdering(orderCols);
        Cursor in = s.open(child);
        return new Cursor() {
            /** The next partition's first row, read ahead while finding the end of the current one. */
            Object[] pending = in.next();
            Object[] pendingKeys = pending == null ? null : keys(pending);
            List<Object[]> out = new ArrayList<>();
            int emitted;

            private Object[] keys(Object[] row) {
                s.eval.row = row;
                Object[] k = new Object[pk + ok];
                for (int i = 0; i < pk; i++) {
                    k[i] = win.partition[i].eval(s.eval);
                }
                for (int i = 0; i < ok; i++) {
                    k[pk + i] = win.order[i].eval(s.eval);
                }
                return k;
            }

            @Override
            public Object[] next() {
                if (emitted >= out.size()) {
                    if (pending == null) {
                        return null;
                    }
                    s.session.checkForInterrupts();
                    List<Object[]> rows = new ArrayList<>();
                    List<Object[]> keyRows = new ArrayList<>();
                    Object[] first = pendingKeys;
                    while (pending != null && (part == null || part.compare(first, pendingKeys) == 0)) {
                        rows.add(pending);
                        keyRows.add(pendingKeys);
                        pending = in.next();
                        pendingKeys = pending == null ? null : keys(pending);
                    }
                    out = partition(s, rows, keyRows, peers);
                    emitted = 0;
                }
                return out.get(emitted++);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    /** The window's functions over one partition (rows in window order); returns the rows with the results appended. */
    private List<Object[]> partition(ExecState s, List<Object[]> rows, List<Object[]> keys, RowOrdering peers) {
        Object[][] results = new Object[rows.size()][funcs.size()];
        int w = 0;
        int ps = 0;
        Integer[] ord = new Integer[rows.size()];
        for (int i = 0; i < ord.length; i++) {
            ord[i] = i;
        }
        int pe = rows.size();
        Window win = windows.get(w);
        int m = pe - ps;
        // peer groups: first and last position (relative) of each row's group
        int[] peerStart = new int[m];
        int[] peerEnd = new int[m];
        int[] groupNo = new int[m];
        int g = 0;
        for (int r = 0; r < m; ) {
            int e = r + 1;
            while (e < m && (peers == null || peers.compare(keys.get(ord[ps + r]), keys.get(ord[ps + e])) == 0)) {
                e++;
            }
            g++;
            for (int k = r; k < e; k++) {
                peerStart[k] = r;
                peerEnd[k] = e - 1;
                groupNo[k] = g;
            }
            r = e;
        }
        s.eval.row = rows.get(ord[ps]);
        int[][] frame = frames(win, s, m, peerStart, peerEnd, keys, ord, ps);
        int[] frameStart = frame[0];
        int[] frameEnd = frame[1];
        for (int f = 0; f < funcs.size(); f++) {
            Func fn = funcs.get(f);
            switch (fn.kind) {
                case ROW_NUMBER:
                    for (int r = 0; r < m; r++) {
                        results[ord[ps + r]][f] = (long) (r + 1);
                    }
                    break;
                case RANK:
                    for (int r = 0; r < m; r++) {
                        results[ord[ps + r]][f] = (long) (peerStart[r] + 1);
                    }
                    break;
                case DENSE_RANK:
                    for (int r = 0; r < m; r++) {
                        results[ord[ps + r]][f] = (long) groupNo[r];
                    }
                    break;
                case PERCENT_RANK:
                    for (int r = 0; r < m; r++) {
                        results[ord[ps + r]][f] = m > 1 ? (double) peerStart[r] / (m - 1) : 0.0;
                    }
                    break;
                case CUME_DIST:
                    for (int r = 0; r < m; r++) {
                        results[ord[ps + r]][f] = (double) (peerEnd[r] + 1) / m;
                    }
                    break;
                case NTILE:
                    ntile(s, fn, f, rows, results, ord, ps, m);
                    break;
                case LAG:
                case LEAD:
                    for (int r = 0; r < m; r++) {
                        s.eval.row = rows.get(ord[ps + r]);
                        Object off = fn.args.length > 1 ? fn.args[1].eval(s.eval) : (Object) 1;
                        if (off == null) {
                            results[ord[ps + r]][f] = null;
                            continue;
                        }
                        long o = ((Number) off).longValue();
                        long at = fn.kind == Kind.LAG ? r - o : r + o;
                        if (at < 0 || at >= m) {
                            results[ord[ps + r]][f] = fn.args.length > 2 ? fn.args[2].eval(s.eval) : null;
                        } else {
                            s.eval.row = rows.get(ord[ps + (int) at]);
                            results[ord[ps + r]][f] = fn.args[0].eval(s.eval);
                        }
                    }
                    break;
                case FIRST_VALUE:
                case LAST_VALUE:
                case NTH_VALUE:
                    for (int r = 0; r < m; r++) {
                        int fs = frameStart[r];
                        int fe = frameEnd[r];
                        int at;
                        if (fn.kind == Kind.FIRST_VALUE) {
                            at = fs;
                        } else if (fn.kind == Kind.LAST_VALUE) {
                            at = fe;
                        } else {
                            s.eval.row = rows.get(ord[ps + r]);
                            Object nth = fn.args[1].eval(s.eval);
                            if (nth == null) {
                                results[ord[ps + r]][f] = null;
                                continue;
                            }
                            long k = ((Number) nth).longValue();
                            if (k <= 0) {
                                throw new PgException("2201W", "argument of nth_value must be greater than zero");
                            }
                            at = (int) Math.min(Integer.MAX_VALUE, fs + k - 1);
                        }
                        if (fs > fe || at < fs || at > fe) {
                            results[ord[ps + r]][f] = null;
                        } else {
                            s.eval.row = rows.get(ord[ps + at]);
                            results[ord[ps + r]][f] = fn.args[0].eval(s.eval);
                        }
                    }
                    break;
                default:
                    aggregate(s, fn, f, rows, results, ord, ps, m, frameStart, frameEnd);
                    break;
            }
        }
        List<Object[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] in = rows.get(i);
            Object[] row = Arrays.copyOf(in, in.length + funcs.size());
            System.arraycopy(results[i], 0, row, in.length, funcs.size());
            out.add(row);
        }
        return out;
    }

    private void ntile(ExecState s, Func fn, int f, List<Object[]> rows, Object[][] results, Integer[] ord, int ps, int m) {
        s.eval.row = rows.get(ord[ps]);
        Object nv = fn.args[0].eval(s.eval);
        if (nv == null) {
            for (int r = 0; r < m; r++) {
                results[ord[ps + r]][f] = null;
            }
            return;
        }
        long buckets = ((Number) nv).longValue();
        if (buckets <= 0) {
            throw new PgException("2201X", "argument of ntile must be greater than zero");
        }
        long size = m / buckets;
        long extra = m % buckets;
        int r = 0;
        for (int b = 1; r < m; b++) {
            long len = size + (b <= extra ? 1 : 0);
            for (long k = 0; k < len && r < m; k++, r++) {
                results[ord[ps + r]][f] = b;
            }
        }
    }

    /**
     * An aggregate over each row's frame: accumulated incrementally while the frames grow at their
     * end from a fixed start (the common cases), else recomputed for the row.
     */
    private void aggregate(ExecState s, Func fn, int f, List<Object[]> rows, Object[][] results, Integer[] ord, int ps, int m,
                           int[] frameStart, int[] frameEnd) {
        Eval arg = fn.args.length == 0 ? null : fn.args[0];
        AggFunction.Accumulator acc = null;
        int accStart = -1;
        int added = 0;
        for (int r = 0; r < m; r++) {
            int fs = frameStart[r];
            int fe = frameEnd[r];
            if (acc == null || fs != accStart || fe < added - 1) {
                acc = fn.aggregate.create(false);
                accStart = fs;
                added = fs;
            }
            while (added <= fe) {
                if (arg == null) {
                    acc.add(Boolean.TRUE);
                } else {
                    s.eval.row = rows.get(ord[ps + added]);
                    Object v = arg.eval(s.eval);
                    if (v != null) {
                        acc.add(v);
                    }
                }
                added++;
            }
            results[ord[ps + r]][f] = fs > fe ? fn.aggregate.create(false).result() : acc.result();
        }
    }

    /**
     * Each row's frame as positions in the partition: [0][r] first, [1][r] last (inclusive; an
     * empty frame has first > last). ROWS offsets count rows; RANGE offsets (one ORDER BY key of a
     * numeric type) compare key values: rows whose key lies within key ± offset in the ORDER BY
     * direction; a row with a NULL key has its NULL peers as frame for offset bounds.
     */
    private int[][] frames(Window w, ExecState s, int m, int[] peerStart, int[] peerEnd, List<Object[]> keys, Integer[] ord,
                           int ps) {
        int[] start = new int[m];
        int[] end = new int[m];
        boolean rangeOffsets = !w.rows && (w.start.offset != null || w.end.offset != null);
        Object startOff = offset(w.start, s, "starting", rangeOffsets);
        Object endOff = offset(w.end, s, "ending", rangeOffsets);
        int pk = w.partition.length;
        Object[] key = new Object[m];
        int nonNullLo = 0;
        int nonNullHi = m;
        if (rangeOffsets) {
            for (int r = 0; r < m; r++) {
                key[r] = keys.get(ord[ps + r])[pk];
            }
            while (nonNullLo < m && key[nonNullLo] == null) {
                nonNullLo++;
            }
            while (nonNullHi > nonNullLo && key[nonNullHi - 1] == null) {
                nonNullHi--;
            }
        }
        boolean desc = w.order.length > 0 && w.descending[0];
        for (int r = 0; r < m; r++) {
            switch (w.start.kind) {
                case UNBOUNDED_PRECEDING: start[r] = 0; break;
                case CURRENT_ROW: start[r] = w.rows ? r : peerStart[r]; break;
                case PRECEDING:
                case FOLLOWING:
                    if (!rangeOffsets) {
                        long off = ((Number) startOff).longValue();
                        start[r] = (int) Math.max(0, Math.min(m, w.start.kind == BoundKind.PRECEDING ? r - off : r + off));
                    } else if (key[r] == null) {
                        start[r] = peerStart[r];
                    } else {
                        boolean minus = (w.start.kind == BoundKind.PRECEDING) != desc;
                        start[r] = firstNotBefore(key, nonNullLo, nonNullHi, shift(key[r], startOff, minus), desc);
                    }
                    break;
                default: start[r] = m; break;
            }
            switch (w.end.kind) {
                case UNBOUNDED_FOLLOWING: end[r] = m - 1; break;
                case CURRENT_ROW: end[r] = w.rows ? r : peerEnd[r]; break;
                case PRECEDING:
                case FOLLOWING:
                    if (!rangeOffsets) {
                        long off = ((Number) endOff).longValue();
                        end[r] = (int) Math.max(-1, Math.min(m - 1, w.end.kind == BoundKind.FOLLOWING ? r + off : r - off));
                    } else if (key[r] == null) {
                        end[r] = peerEnd[r];
                    } else {
                        boolean minus = (w.end.kind == BoundKind.PRECEDING) != desc;
                        end[r] = firstNotBefore(key, nonNullLo, nonNullHi, shift(key[r], endOff, minus), desc, true) - 1;
                    }
                    break;
                default: end[r] = -1; break;
            }
        }
        return new int[][] {start, end};
    }

    private static int firstNotBefore(Object[] key, int lo, int hi, Object bound, boolean desc) {
        return firstNotBefore(key, lo, hi, bound, desc, false);
    }

    /**
     * The first position in [lo, hi) whose key is not before {@code bound} in the ORDER BY
     * direction (with {@code strict}: is after it); hi when there is none. Keys there are sorted.
     */
    private static int firstNotBefore(Object[] key, int lo, int hi, Object bound, boolean desc, boolean strict) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            int c = compareNumbers(key[mid], bound);
            if (desc) {
                c = -c;
            }
            boolean before = strict ? c <= 0 : c < 0;
            if (before) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    private static Object shift(Object v, Object off, boolean minus) {
        if (v instanceof Double || v instanceof Float || off instanceof Double || off instanceof Float) {
            double x = ((Number) v).doubleValue();
            double o = ((Number) off).doubleValue();
            return minus ? x - o : x + o;
        }
        BigDecimal x = big(v);
        BigDecimal o = big(off);
        return minus ? x.subtract(o) : x.add(o);
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        return big(a).compareTo(big(b));
    }

    private static BigDecimal big(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "RANGE offsets over NaN or infinity are not supported");
    }

    /** A frame offset's value for this partition (ROWS: a row count; RANGE: a distance in the key's units). */
    private static Object offset(Bound b, ExecState s, String which, boolean range) {
        if (b.offset == null) {
            return 0L;
        }
        Object v = b.offset.eval(s.eval);
        if (v == null) {
            throw new PgException(SqlState.NULL_VALUE_NOT_ALLOWED, "frame " + which + " offset must not be null");
        }
        if (range) {
            boolean negative = v instanceof Double || v instanceof Float ? ((Number) v).doubleValue() < 0 : big(v).signum() < 0;
            if (negative) {
                throw new PgException("22013", "invalid preceding or following size in window function");
            }
            return v;
        }
        long o = ((Number) v).longValue();
        if (o < 0) {
            throw new PgException("22013", "frame " + which + " offset must not be negative");
        }
        return o;
    }
}
