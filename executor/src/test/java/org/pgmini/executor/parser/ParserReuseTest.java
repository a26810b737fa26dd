package org.pgmini.executor.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/**
 * The per-thread parser reuse (parser.impl.ParserReuse) must give the same trees, positions and
 * errors as a fresh parser for every statement, whatever the thread parsed before (including
 * statements that failed half-way).
 */
class ParserReuseTest {
    private static final List<String> STATEMENTS = List.of(
            "SELECT abalance FROM pgbench_accounts WHERE aid = 123",
            "UPDATE pgbench_accounts SET abalance = abalance + -4711 WHERE aid = 99",
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (3, 1, 5, -1234, CURRENT_TIMESTAMP)",
            "SELECT $2 - $1, '1'::int4::text, $$x$$",
            "SELECT (1, 2) IN (SELECT a, b FROM t) FROM u WHERE \"Mixed\" = E'a\\tb'",
            "SELECT x FROM t ORDER BY 1 DESC LIMIT 5 FOR UPDATE",
            "WITH w AS MATERIALIZED (SELECT 1) SELECT DISTINCT ON (a) a FROM w");

    private static String describe(String sql) {
        StringBuilder sb = new StringBuilder();
        for (PgParser.RawStatement r : PgParser.parse(sql)) {
            sb.append(r.node()).append(" @").append(r.node().getParserPosition()).append(" params ")
                    .append(dynamicParams(r.node())).append('\n');
        }
        return sb.toString();
    }

    private static List<Integer> dynamicParams(SqlNode node) {
        List<Integer> out = new ArrayList<>();
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                out.add(param.getIndex());
                return null;
            }
        });
        return out;
    }

    private static String error(String sql) {
        PgException e = assertThrows(PgException.class, () -> PgParser.parse(sql));
        return e.sqlState() + " " + e.getMessage() + " at " + e.position();
    }

    /** Each statement described by a parser no other statement has touched (a new thread's). */
    private static List<String> freshly(List<String> sqls) throws Exception {
        List<String> out = new ArrayList<>();
        for (String sql : sqls) {
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                out.add(one.submit((Callable<String>) () -> describe(sql)).get());
            } finally {
                one.shutdownNow();
            }
        }
        return out;
    }

    @Test
    void reusedParserGivesTheTreesOfAFreshOne() throws Exception {
        List<String> fresh = freshly(STATEMENTS);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < STATEMENTS.size(); i++) {
                assertEquals(fresh.get(i), describe(STATEMENTS.get(i)), STATEMENTS.get(i));
            }
        }
    }

    @Test
    void failedParsesLeaveNothingBehind() throws Exception {
        List<String> fresh = freshly(STATEMENTS);
        String[] broken = {"SELECT (1, (2", "SELECT FROM WHERE", "SELECT 'unterminated", "UPDATE t SET a = WHERE",
                "SELECT $$open"};
        List<String> expectedErrors = new ArrayList<>();
        for (String b : broken) {
            expectedErrors.add(error(b));
        }
        for (int i = 0; i < STATEMENTS.size(); i++) {
            String b = broken[i % broken.length];
            assertEquals(expectedErrors.get(i % broken.length), error(b), "the same error every time: " + b);
            assertEquals(fresh.get(i), describe(STATEMENTS.get(i)), "after a failed parse: " + STATEMENTS.get(i));
        }
    }

    @Test
    void parameterNumbersStartAtOneForEveryStatement() {
        String first = describe("SELECT $1, $2 FROM t WHERE a = $3");
        assertEquals(first, describe("SELECT $1, $2 FROM t WHERE a = $3"));
        assertEquals(List.of(0, 1, 2), dynamicParams(PgParser.parse("SELECT $1, $2 FROM t WHERE a = $3").get(0).node()));
    }
}
