package org.pgmini.executor.query;

import org.junit.jupiter.api.Test;

class ProbeParallelTest extends QueryTestSupport {
    @Test
    void probe() {
        session.values.put("max_parallel_workers_per_gather", "2");
        session.values.put("min_parallel_table_scan_size", "0");
        session.values.put("parallel_setup_cost", "0");
        session.values.put("parallel_tuple_cost", "0");
        session.values.put("parallel_leader_participation", "on");
        session.values.put("force_parallel_mode", "off");
        table("t", "a", 23, "b", 20);
        Object[][] r = new Object[20000][];
        for (int i = 0; i < r.length; i++) r[i] = row(i, (long) i);
        insert("t", r);
        for (String q : new String[] {"select count(*), sum(b) from t where a % 7 = 3", "select a from t where a % 7 = 3"}) {
            var p = PlanningProbe.prepare(ENGINE, q, session);
            System.err.println("PROBE " + q + " -> " + p.getClass() + " " + org.pgmini.executor.parallel.ParallelSafety.reasonNotShippable(((TableQuery) p).planned().root()));
        }
    }
}
