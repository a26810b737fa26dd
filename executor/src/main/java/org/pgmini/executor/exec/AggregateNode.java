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
 */
public final class AggregateNode extends PlanNode {
    /** One aggregate call: function, argument (null for count(*)), DISTINCT. */
    public record Agg(AggFunction function, Eval arg, boolean distinct) {}

    private final PlanNode child;
    private final boolean hashed;
    private final Eval[] keys;
    private final List<String> keyTexts;
    private final Agg[] aggs;
    private final Qual qual;

    public AggregateNode(PlanNode child, Eval[] keys, List<String> keyTexts, List<Agg> aggs, Qual qual, double groups) {
        this.child = child;
        this.hashed = keys.length > 0;
        this.keys = keys;
        this.keyTexts = List.copyOf(keyTexts);
        this.aggs = aggs.toArray(new Agg[0]);
        this.qual = qual;
        double work = child.totalCost + child.rows * 0.0025 * (keys.length + aggs.size());
        estimate(this, work, work + (hashed ? groups * 0.01 : 0.01), hashed ? groups : 1, 8 * (keys.length + aggs.size()));
    }

    @Override
    public String explainName() {
        return hashed ? "HashAggregate" : "Aggregate";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void explainDetails(List<String> out, Instrumentation ins) {
        if (hashed) {
            out.add("Group Key: " + String.join(", ", keyTexts));
        }
        if (qual != null) {
            out.add("Filter: " + qual.text());
            if (ins != null && ins.removedByFilter > 0) {
                out.add("Rows Removed by Filter: " + ins.removedByFilter);
            }
        }
    }

    private AggFunction.Accumulator[] fresh() {
        AggFunction.Accumulator[] a = new AggFunction.Accumulator[aggs.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = aggs[i].function().create(aggs[i].distinct());
        }
        return a;
    }

    private void accumulate(ExecState s, AggFunction.Accumulator[] acc, Object[] row) {
        for (int i = 0; i < acc.length; i++) {
            Eval arg = aggs[i].arg();
            if (arg == null) {
                acc[i].add(Boolean.TRUE);
                continue;
            }
            s.eval.row = row;
            Object v = arg.eval(s.eval);
            if (v != null || acc[i].wantsNulls()) {
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

    private Object[] result(Object[] keyValues, AggFunction.Accumulator[] acc) {
        Object[] r = Arrays.copyOf(keyValues, keyValues.length + acc.length);
        for (int i = 0; i < acc.length; i++) {
            r[keyValues.length + i] = acc[i].result();
        }
        return r;
    }
}
