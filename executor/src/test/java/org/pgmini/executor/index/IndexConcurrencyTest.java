package org.pgmini.executor.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.write.DbSession;

/** Two sessions and indexes: updates through an index scan, unique checks, CREATE INDEX against writers. */
class IndexConcurrencyTest {
    @TempDir
    Path dir;
    DbSession a;
    DbSession b;
    ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void open() {
        a = new DbSession(TestDatabase.create(dir));
        b = new DbSession(a.db.otherSession());
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        b.close();
        a.close();
    }

    private List<String> rows(DbSession s, String sql) {
        List<String> out = new ArrayList<>();
        for (List<String> r : s.run(sql).rows()) {
            out.add(String.join("|", r));
        }
        return out;
    }

    @Test
    void concurrentUpdatesByKeyThroughTheIndexLoseNothing() throws Exception {
        a.run("create table acc (id int primary key, bal int)");
        a.run("insert into acc select g, 0 from generate_series(1, 20) g");
        Future<?> x = pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
                a.run("update acc set bal = bal + 1 where id = " + (1 + i % 3));
            }
        });
        Future<?> y = pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
                b.run("update acc set bal = bal + 1 where id = " + (1 + i % 3));
            }
        });
        x.get(120, TimeUnit.SECONDS);
        y.get(120, TimeUnit.SECONDS);
        assertTrue(rows(a, "explain (costs off) select * from acc where id = 1").get(0).startsWith("Index Scan using acc_pkey"));
        assertEquals(List.of("1|68", "2|66", "3|66"), rows(a, "select * from acc where id <= 3 order by id"));
        for (int id = 1; id <= 3; id++) {
            assertEquals(1, rows(b, "select * from acc where id = " + id).size(), "one live version of row " + id);
        }
        a.run("vacuum acc");
        assertEquals(List.of("1|68"), rows(a, "select * from acc where id = 1"));
        assertEquals("20", rows(a, "select count(*) from acc where id > 0").get(0));
    }

    @Test
    void racingInsertsOfTheSameKeysLetExactlyOneWin() throws Exception {
        a.run("create table u (k int primary key, who text)");
        Future<Integer> x = pool.submit(() -> insertAll(a, "a"));
        Future<Integer> y = pool.submit(() -> insertAll(b, "b"));
        int won = x.get(120, TimeUnit.SECONDS) + y.get(120, TimeUnit.SECONDS);
        assertEquals(50, won, "every key inserted exactly once");
        assertEquals("50", rows(a, "select count(*) from u").get(0));
        for (int k = 0; k < 50; k++) {
            assertEquals(1, rows(a, "select who from u where k = " + k).size());
        }
    }

    private static int insertAll(DbSession s, String who) {
        int ok = 0;
        for (int k = 0; k < 50; k++) {
            try {
                s.run("insert into u values (" + k + ", '" + who + "')");
                ok++;
            } catch (PgException e) {
                assertEquals("23505", e.sqlState());
            }
        }
        return ok;
    }

    @Test
    void createIndexWaitsForAWriterAndThenCoversItsRows() throws Exception {
        a.run("create table w (a int, b int)");
        a.run("insert into w select g, g from generate_series(1, 100) g");
        a.run("begin");
        a.run("insert into w values (1000, 1000)");
        Future<DbSession.Result> f = pool.submit(() -> b.run("create index w_a on w (a)"));
        Thread.sleep(300);
        assertFalse(f.isDone(), "CREATE INDEX waits for the writer (ShareLock against RowExclusiveLock)");
        a.run("commit");
        assertEquals("CREATE INDEX", f.get(30, TimeUnit.SECONDS).tag());
        // the writer's next statement sees the index and maintains it
        a.run("insert into w values (2000, 2000)");
        assertTrue(rows(a, "explain (costs off) select * from w where a = 2000").get(0).startsWith("Index Scan using w_a"));
        assertEquals(List.of("1000|1000"), rows(b, "select * from w where a = 1000"));
        assertEquals(List.of("2000|2000"), rows(b, "select * from w where a = 2000"));
    }
}
