package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.xact.LockMode;

/** Cached plans over tables follow committed DDL of any session, and search_path. */
class PlanCacheTest extends QueryTestSupport {
    @Test
    void committedDdlOfAnotherSessionIsSeenAtTheNextStatement() {
        table("t", "a", 23);
        insert("t", row(1));
        assertEquals(List.of("a:int4"), columnNames("SELECT * FROM t"));
        assertEquals(List.of("1"), rows("SELECT * FROM t"));
        try (TestDatabase other = db.otherSession()) {
            var tx = other.transaction();
            var rel = other.catalog().openRelation(tx, null, "t", LockMode.ACCESS_EXCLUSIVE);
            other.catalog().addColumn(tx, rel, ColumnDefinition.of("b", 25));
            other.commit();
        }
        assertEquals(List.of("a:int4", "b:text"), columnNames("SELECT * FROM t"));
        assertEquals(List.of("1|"), rows("SELECT * FROM t"));
    }

    @Test
    void droppedTableIsGoneForTheNextStatement() {
        table("t", "a", 23);
        assertEquals(List.of(), rows("SELECT * FROM t"));
        try (TestDatabase other = db.otherSession()) {
            other.catalog().dropTable(other.transaction(), null, "t", false);
            other.commit();
        }
        assertEquals("42P01", error("SELECT * FROM t").sqlState());
    }

    @Test
    void ownUncommittedDdlIsNotCachedForOthers() {
        table("t", "a", 23);
        var tx = db.transaction();
        db.catalog().createTable(tx, "public", "u", List.of(ColumnDefinition.of("x", 23)), List.of());
        PlanningProbe.prepare(ENGINE, "SELECT * FROM u", session);
        TestSession second = new TestSession();
        try (TestDatabase other = db.otherSession()) {
            second.database = other;
            try {
                PlanningProbe.prepare(ENGINE, "SELECT * FROM u", second);
                throw new AssertionError("u is not committed yet");
            } catch (org.pgmini.error.PgException e) {
                assertEquals("42P01", e.sqlState());
            }
            other.rollback();
        }
        db.rollback();
    }

    @Test
    void preparedStatementIsReplannedAfterDdl() {
        table("t", "a", 23);
        insert("t", row(1));
        var q = PlanningProbe.prepare(ENGINE, "SELECT a FROM t", session);
        var star = PlanningProbe.prepare(ENGINE, "SELECT * FROM t", session);
        db.commit();
        try (TestDatabase other = db.otherSession()) {
            var tx = other.transaction();
            other.catalog().dropTable(tx, null, "t", false);
            other.catalog().createTable(tx, "public", "t", List.of(ColumnDefinition.of("a", 23), ColumnDefinition.of("b", 23)), List.of());
            other.commit();
        }
        insert("t", row(7, 8));
        try (var c = q.execute(new Object[0], session)) {
            assertEquals(7, c.next()[0]);
        }
        db.commit();
        try {
            star.execute(new Object[0], session);
            throw new AssertionError("the result type changed");
        } catch (org.pgmini.error.PgException e) {
            assertEquals("cached plan must not change result type", e.getMessage());
        }
        db.rollback();
    }

    @Test
    void aQueryHoldsAccessShareUntilTransactionEnd() {
        table("t", "a", 23);
        insert("t", row(1));
        PreparedQueryRunner.runAll(ENGINE, "SELECT * FROM t", session);
        int oid = db.catalog().openRelation(db.transaction(), null, "t", LockMode.ACCESS_SHARE).oid();
        try (TestDatabase other = db.otherSession()) {
            var tx = other.transaction();
            assertEquals(false, tx.tryLockRelation(oid, LockMode.ACCESS_EXCLUSIVE));
            db.commit();
            assertEquals(true, tx.tryLockRelation(oid, LockMode.ACCESS_EXCLUSIVE));
            other.rollback();
        }
    }
}
