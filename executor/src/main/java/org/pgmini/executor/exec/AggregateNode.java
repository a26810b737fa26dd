package org.pgmini.executor.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmini.executor.expr.Eval;

/**
 * Aggregate (no GROUP BY: exactly one row, also over no input) and HashAggregate (one row per
 * distinct group key, groups kept in memory; NULL keys form one group; numerics that are equal
 * in value are one group). Output row: the group key values, then one value per aggregate.
 * The input is consumed push-style, so a scan below feeds it without copying rows. HAVING is
 * the node's {@code qual} (Filter), evaluated on the output row.
 *
 * <p>Parallel aggregation splits one node in two, as PostgreSQL does: a {@link Mode#PARTIAL}
 * node in every participant below the Gather outputs [keys..., transition states...] (states as
 * {@link AggFunction.Combinable#state()} makes them), and a {@link Mode#FINALIZE} node above it
 * groups those rows by the same key slots, merges the states and outputs exactly what the
 * {@link Mode#SIMPLE} node would, so the projection above does not change.
 */
public final class AggregateNode extends PlanNode {
    /** One aggregate call: function, argument (null for count(*)), DISTINCT. */
    public record Agg(AggFunction function, Eval arg, boolean distinct) implements java.io.Serializable {}

    /** Which part of the aggregation the node does (PostgreSQL's AggSplit). */
    public enum Mode {
        /** Input rows to results. */
        SIMPLE(""),
        /** Input rows to transition states (below a Gather). */
        PARTIAL("Partial "),
        /** Transition states (from {@link #PARTIAL} nodes) to results. */
        FINALIZE("Finalize ");

        final String prefix;

        Mode(String prefix) {
            this.prefix = prefix;
        }
    }

    private final PlanNode child;
    private final boolean hashed;
    private final Eval[] keys;
    private final List<String> keyTexts;
    private final Agg[] aggs;
    private final Qual qual;
    private final Mode mode;
    /** Width of the key values (the planner sets it from their types, {@link #setKeyWidth}). */
    private int keyWidth;

    public AggregateNode(PlanNode child, Eval[] keys, List<String> keyTexts, List<Agg> aggs, Qual qual, double groups) {
        this(Mode.SIMPLE, child, keys, keyTexts, aggs.toArray(new Agg[0]), qual, groups);
    }

    private AggregateNode(Mode mode, PlanNode child, Eval[] keys, List<String> keyTexts, Agg[] aggs, Qual qual, double groups) {
        this.mode = mode;
        this.child = child;
        this.hashed = keys.length > 0;
        this.keys = keys;
        this.keyTexts = List.copyOf(keyTexts);
        this.aggs = aggs;
        this.qual = qual;
        this.groups = groups;
        computeEstimate();
        setKeyWidth(8 * keys.length);
    }

    /** Estimated groups before HAVING. */
    private final double groups;
    /** HAVING's selectivity and operator count (the planner sets them, {@link #setHavingEstimate}). */
    private double havingSelectivity = 1;
    private double havingOperators;

    /**
     * PostgreSQL's cost_agg: a transition (combine in a Finalize node) per aggregate and a
     * comparison per key for each input row, plus deserializing internal states there; per
     * group the final function (serialization in a Partial node) and cpu_tuple_cost for a
     * hashed result; HAVING's operators per group, and its selectivity applied to the rows.
     */
    private void computeEstimate() {
        int perInputRow = keys.length + aggs.length + (mode == Mode.FINALIZE ? internalStates(aggs) : 0);
        double work = child.totalCost + child.rows * 0.0025 * perInputRow;
        double perGroup = 0.0025 * (mode == Mode.PARTIAL ? internalStates(aggs) : finalFunctions(aggs));
        double out = hashed ? groups : 1;
        double having = havingOperators * 0.0025 * out;
        double rows = Math.max(1, Math.rint(out)) * havingSelectivity;
        if (hashed) {
            // summed in cost_agg's order, so that the rounded figures EXPLAIN prints are PostgreSQL's
            double trans = 0;
            for (int i = 0; i < aggs.length + (mode == Mode.FINALIZE ? internalStates(aggs) : 0); i++) {
                trans += 0.0025;
            }
            double startup = child.totalCost;
            startup += trans * child.rows;
            startup += (0.0025 * keys.length) * child.rows;
            double total = startup;
            total += perGroup * groups;
            total += 0.01 * groups;
            startup += spillWrite;
            total += spillWrite;
            total += spillRead;
            startup += spillCpu;
            total += spillCpu;
            estimate(this, startup, total + having, rows, width);
        } else {
            estimate(this, work + perGroup, work + perGroup + 0.01 + having, rows, width);
        }
    }

    /** How many of the aggregates keep an internal state that a parallel plan serializes (PostgreSQL's serialfn). */
    private static int internalStates(Agg[] aggs) {
        int n = 0;
        for (Agg a : aggs) {
            n += a.function().hasInternalState() ? 1 : 0;
        }
        return n;
    }

    /** cost_agg's disk terms of a hash table expected to outgrow hash memory (set by the planner; copies start without). */
    private double spillWrite;
    private double spillRead;
    private double spillCpu;

    /** EXPLAIN's "Planned Partitions" of a hash table expected to spill (0: expected to fit). */
    private int plannedPartitions;

    /**
     * Adds the cost of spilling the hash table to disk: writing (before the first group),
     * reading back, and the CPU of both; {@code partitions} the spill partitions planned.
     */
    public void setSpillCost(double write, double read, double cpu, int partitions) {
        spillWrite = write;
        spillRead = read;
        spillCpu = cpu;
        plannedPartitions = partitions;
        computeEstimate();
    }

    /** HAVING's estimated selectivity and operator count (it is costed per group and filters the groups). */
    public void setHavingEstimate(double selectivity, double operators) {
        havingSelectivity = selectivity;
        havingOperators = operators;
        computeEstimate();
    }

    /**
     * Sets the width of the group keys for EXPLAIN (the planner knows their types); the node's
     * width is that plus the aggregates' results (their states in a Partial node).
     */
    public void setKeyWidth(int width) {
        keyWidth = width;
        int w = width;
        for (Agg a : aggs) {
            w += mode == Mode.PARTIAL ? a.function().stateWidth() : a.function().resultWidth();
        }
        this.width = w;
    }

    /** How many of the aggregates have a final function in PostgreSQL (cost_agg charges it per group). */
    private static int finalFunctions(Agg[] aggs) {
        int n = 0;
        for (Agg a : aggs) {
            n += a.function().hasFinalFunction() ? 1 : 0;
        }
        return n;
    }

    public Mode mode() {
        return mode;
    }

    public PlanNode child() {
        return child;
    }

    /** How many GROUP BY keys the node has. */
    public int keyCount() {
        return keys.length;
    }

    /** Whether the node has GROUP BY keys (HashAggregate). */
    public boolean hashed() {
        return hashed;
    }

    /**
     * Whether this (simple) aggregation can be split into Partial and Finalize nodes: no
     * DISTINCT aggregate and every aggregate combinable, as PostgreSQL 15 requires.
     */
    public boolean splittable() {
        if (mode != Mode.SIMPLE) {
            return false;
        }
        for (Agg a : aggs) {
            if (a.distinct() || !a.function().combinable()) {
                return false;
            }
        }
        return true;
    }

    /** The same aggregation over another input with the same row layout (e.g. a Gather of the scan). */
    public AggregateNode withChild(PlanNode newChild, double groups) {
        return copyWidth(new AggregateNode(mode, newChild, keys, keyTexts, aggs, qual, groups));
    }

    /** A node derived from this one keeps its key width and (unless Partial) its HAVING estimate. */
    private AggregateNode copyWidth(AggregateNode n) {
        n.setKeyWidth(keyWidth);
        if (n.qual != null) {
            n.setHavingEstimate(havingSelectivity, havingOperators);
        }
        return n;
    }

    /**
     * The Partial step over {@code partialInput} (each participant's rows): same keys and
     * arguments, no HAVING; outputs [keys..., states...]. Only when {@link #splittable()}.
     */
    public AggregateNode partial(PlanNode partialInput, double groups) {
        return copyWidth(new AggregateNode(Mode.PARTIAL, partialInput, keys, keyTexts, aggs, null, groups));
    }

    /**
     * The Finalize step over {@code gathered} (rows of the {@link #partial} nodes): keys are
     * the leading slots, each aggregate merges the state in its slot; HAVING applies here.
     */
    public AggregateNode finalizeOver(PlanNode gathered, double groups) {
        Eval[] slotKeys = new Eval[keys.length];
        for (int i = 0; i < slotKeys.length; i++) {
            int slot = i;
            slotKeys[i] = c -> c.row[slot];
        }
        Agg[] states = new Agg[aggs.length];
        for (int i = 0; i < states.length; i++) {
            int slot = keys.length + i;
            states[i] = new Agg(aggs[i].function(), c -> c.row[slot], false);
        }
        return copyWidth(new AggregateNode(Mode.FINALIZE, gathered, slotKeys, keyTexts, states, qual, groups));
    }

    @Override
    public String explainName() {
        return mode.prefix + (hashed ? "HashAggregate" : "Aggregate");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        explainDetails(out, ins, false);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins, boolean costs) {
        if (hashed) {
            out.add("Group Key: " + String.join(", ", keyTexts));
            if (plannedPartitions > 0 && costs) {
                out.add("Planned Partitions: " + plannedPartitions);
            }
        }
        Qual.explainFilter(out, ins, qual);
    }

    // ---- sorted aggregation (GroupAggregateNode reads these; sort helper's addition)

    /** The group keys as EXPLAIN prints them. */
    public List<String> keyTexts() {
        return keyTexts;
    }

    public List<Agg> aggregates() {
        return List.of(aggs);
    }

    public int aggregateCount() {
        return aggs.length;
    }

    /** Estimated groups before HAVING. */
    public double groups() {
        return groups;
    }

    Qual qual() {
        return qual;
    }

    /**
     * The targets of the projection a Sort below a sorted aggregation sorts: the group keys
     * (slots 0..keys-1, the sort keys), then each aggregate's argument (count(*) has none).
     * {@link #overSortInput} reads rows in this layout.
     */
    public Eval[] sortInputTargets() {
        List<Eval> t = new ArrayList<>(Arrays.asList(keys));
        for (Agg a : aggs) {
            if (a.arg() != null) {
                t.add(a.arg());
            }
        }
        return t.toArray(new Eval[0]);
    }

    /** This aggregation (same mode, HAVING and estimates) over rows laid out by {@link #sortInputTargets}. */
    public AggregateNode overSortInput(PlanNode sorted) {
        Eval[] slotKeys = new Eval[keys.length];
        for (int i = 0; i < slotKeys.length; i++) {
            int slot = i;
            slotKeys[i] = c -> c.row[slot];
        }
        Agg[] slotAggs = new Agg[aggs.length];
        int next = keys.length;
        for (int i = 0; i < aggs.length; i++) {
            Eval arg = null;
            if (aggs[i].arg() != null) {
                int slot = next++;
                arg = c -> c.row[slot];
            }
            slotAggs[i] = new Agg(aggs[i].function(), arg, aggs[i].distinct());
        }
        return copyWidth(new AggregateNode(mode, sorted, slotKeys, keyTexts, slotAggs, qual, groups));
    }

    /** PostgreSQL's per-input-row CPU cost of the node (cost_agg's transition and grouping terms). */
    double perInputRowCost() {
        return 0.0025 * (keys.length + aggs.length + (mode == Mode.FINALIZE ? internalStates(aggs) : 0));
    }

    /** PostgreSQL's per-group CPU cost before cpu_tuple_cost (final or serialization functions). */
    double perGroupCost() {
        return 0.0025 * (mode == Mode.PARTIAL ? internalStates(aggs) : finalFunctions(aggs));
    }

    double havingSelectivity() {
        return havingSelectivity;
    }

    double havingOperators() {
        return havingOperators;
    }

    /** The key values of {@code row}. */
    Object[] keyValues(ExecState s, Object[] row) {
        s.eval.row = row;
        Object[] kv = new Object[keys.length];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = keys[i].eval(s.eval);
        }
        return kv;
    }

    AggFunction.Accumulator[] fresh() {
        AggFunction.Accumulator[] a = new AggFunction.Accumulator[aggs.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = mode == Mode.SIMPLE ? aggs[i].function().create(aggs[i].distinct()) : aggs[i].function().createCombinable();
        }
        return a;
    }

    void accumulate(ExecState s, AggFunction.Accumulator[] acc, Object[] row) {
        if (mode == Mode.FINALIZE) {
            int first = keys.length;
            for (int i = 0; i < acc.length; i++) {
                ((AggFunction.Combinable) acc[i]).combine(row[first + i]);
            }
            return;
        }
        for (int i = 0; i < acc.length; i++) {
            Eval arg = aggs[i].arg();
            if (arg == null) {
                acc[i].add(Boolean.TRUE);
                continue;
            }
            s.eval.row = row;
            Object v = arg.eval(s.eval);
            if (v != AggFunction.SKIP && (v != null || acc[i].wantsNulls())) {
                acc[i].add(v);
            }
        }
    }

    /** A group's state: the key values of its first row and the accumulators. */
    private record Group(Object[] keyValues, AggFunction.Accumulator[] acc) {}

    @Override
    protected Cursor openCursor(ExecState s) {
        List<Object[]> out = new ArrayList<>();
        if (!hashed) {
            AggFunction.Accumulator[] acc = fresh();
            s.push(child, row -> accumulate(s, acc, row));
            out.add(result(new Object[0], acc));
        } else {
            Map<Object, Group> groups = new LinkedHashMap<>();
            s.push(child, row -> {
                s.eval.row = row;
                Object[] kv = new Object[keys.length];
                Object[] norm = new Object[keys.length];
                for (int i = 0; i < kv.length; i++) {
                    kv[i] = keys[i].eval(s.eval);
                    norm[i] = HashJoinNode.normalize(kv[i]);
                }
                Object k = kv.length == 1 ? (norm[0] == null ? NULL_KEY : norm[0]) : Arrays.asList(norm);
                Group g = groups.get(k);
                if (g == null) {
                    g = new Group(kv, fresh());
                    groups.put(k, g);
                }
                accumulate(s, g.acc, row);
            });
            for (Group g : groups.values()) {
                out.add(result(g.keyValues, g.acc));
            }
        }
        Instrumentation ins = s.instrumentation(this);
        return new Cursor() {
            int i;

            @Override
            public Object[] next() {
                while (i < out.size()) {
                    Object[] r = out.get(i++);
                    if (filter(r, qual, s, ins)) {
                        return r;
                    }
                }
                return null;
            }
        };
    }

    /** Stands for a NULL single-column key (HashMap keys are fine with null, this keeps intent visible). */
    private static final Object NULL_KEY = new Object();

    Object[] result(Object[] keyValues, AggFunction.Accumulator[] acc) {
        Object[] r = Arrays.copyOf(keyValues, keyValues.length + acc.length);
        for (int i = 0; i < acc.length; i++) {
            r[keyValues.length + i] = mode == Mode.PARTIAL ? ((AggFunction.Combinable) acc[i]).state() : acc[i].result();
        }
        return r;
    }
}
