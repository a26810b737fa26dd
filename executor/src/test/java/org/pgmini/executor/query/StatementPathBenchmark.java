package org.pgmini.executor.query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;

/**
 * Benchmark main (not a test): the per-statement path of pgbench's simple protocol in one JVM,
 * without client, network or server protocol: every statement is new text (random literals), so
 * it is parsed, planned and run from scratch, as `pgbench -M simple` makes the server do. A
 * pgbench-like schema of ROWS accounts; WARMUP transactions to let the JIT settle, then MEASURED
 * ones timed with the thread's CPU clock (robust against other load on the machine). Prints CPU
 * µs per transaction for select-only (-S) and the TPC-B-like script, and for parsing alone.
 * Usage: StatementPathBenchmark [rows] [warmup] [measured]; -Dscripts=parse-only,select-only,tpcb picks the scripts.
 */
public final class StatementPathBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path dir = Files.createTempDirectory("stmtbench");
        CalciteSqlEngine engine = new CalciteSqlEngine();
        try (TestDatabase db = TestDatabase.create(dir)) {
            TestSession s = new TestSession();
            s.database = db;
            for (String sql : List.of(
                    "CREATE TABLE pgbench_accounts (aid int4 not null, bid int4, abalance int4, filler char(84))",
                    "CREATE TABLE pgbench_tellers (tid int4 not null, bid int4, tbalance int4, filler char(84))",
                    "CREATE TABLE pgbench_branches (bid int4 not null, bbalance int4, filler char(88))",
                    "CREATE TABLE pgbench_history (tid int4, bid int4, aid int4, delta int4, mtime timestamp, filler char(22))",
                    "INSERT INTO pgbench_branches (bid, bbalance) SELECT g, 0 FROM generate_series(1, 1) g",
                    "INSERT INTO pgbench_tellers (tid, bid, tbalance) SELECT g, 1, 0 FROM generate_series(1, 10) g",
                    "INSERT INTO pgbench_accounts (aid, bid, abalance, filler) SELECT g, 1, 0, '' FROM generate_series(1, " + rows + ") g",
                    "ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)",
                    "ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)",
                    "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)")) {
                run(engine, s, sql);
                db.commit();
            }
            Random r = new Random(42);
            for (String script : System.getProperty("scripts", "parse-only,select-only,tpcb").split(",")) {
                for (int phase = 0; phase < 2; phase++) {
                    int n = phase == 0 ? warmup : measured;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        int aid = 1 + r.nextInt(rows);
                        int tid = 1 + r.nextInt(10);
                        int delta = r.nextInt(10001) - 5000;
                        String select = "SELECT abalance FROM pgbench_accounts WHERE aid = " + aid + ";";
                        switch (script) {
                            case "parse-only" -> engine.parse(select);
                            case "select-only" -> run(engine, s, select);
                            default -> {
                                run(engine, s, "UPDATE pgbench_accounts SET abalance = abalance + " + delta + " WHERE aid = " + aid + ";");
                                run(engine, s, select);
                                run(engine, s, "UPDATE pgbench_tellers SET tbalance = tbalance + " + delta + " WHERE tid = " + tid + ";");
                                run(engine, s, "UPDATE pgbench_branches SET bbalance = bbalance + " + delta + " WHERE bid = 1;");
                                run(engine, s, "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (" + tid + ", 1, "
                                        + aid + ", " + delta + ", CURRENT_TIMESTAMP);");
                            }
                        }
                        db.commit();
                    }
                    if (phase == 1) {
                        System.out.printf("%-12s %8.1f µs CPU per transaction (%d transactions after %d warm-up)%n", script,
                                (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / n, n, warmup);
                    }
                }
            }
        }
    }

    private static void run(CalciteSqlEngine engine, TestSession s, String sql) {
        for (ParsedStatement st : engine.parse(sql)) {
            PreparedQuery q = engine.prepare(st, new int[0], s);
            try (ResultCursor c = q.execute(new Object[0], s)) {
                while (c.next() != null) {
                    // drain
                }
            }
        }
    }
}
