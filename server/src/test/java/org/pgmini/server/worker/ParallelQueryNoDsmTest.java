package org.pgmini.server.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dynamic_shared_memory_type = none: no worker can be launched, so a Gather the planner still
 * builds (forced) runs its partial plan in the leader, with the right result.
 */
class ParallelQueryNoDsmTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void withoutDsmTheLeaderRunsEverything() throws Exception {
        Path data = PostmasterProcess.initdb(tmp.resolve("data"));
        try (PostmasterProcess pm = PostmasterProcess.start(data, "dynamic_shared_memory_type=none");
             Connection c = pm.connect(); Statement st = c.createStatement()) {
            st.execute("create table t (a int4, b int8)");
            st.execute("insert into t select g, g % 100 from generate_series(1, 50000) g");
            st.execute("set parallel_setup_cost = 0");
            st.execute("set parallel_tuple_cost = 0");
            st.execute("set min_parallel_table_scan_size = 0");
            st.execute("set force_parallel_mode = on");
            assertEquals("50000|2475000", ParallelQueryTest.one(st, "select count(*), sum(b) from t"));
            String analyze = String.join("\n", ParallelQueryTest.rows(st, "explain (analyze, costs off, timing off) select a from t where a = 7"));
            assertFalse(analyze.contains("Workers Launched: 1") || analyze.contains("Workers Launched: 2"), analyze);
            assertEquals("[7]", ParallelQueryTest.rows(st, "select a from t where a = 7").toString());
        }
    }
}
