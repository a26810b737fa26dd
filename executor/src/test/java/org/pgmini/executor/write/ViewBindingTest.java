package org.pgmini.executor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/**
 * A view reads the tables it was created over: PostgreSQL binds them at creation. pgmini keeps
 * their oids with the view and refuses (0A000) to use it once its query would read others,
 * rather than answering from another table. Also: EXECUTE of a prepared statement follows DDL.
 */
class ViewBindingTest extends SingleSessionTest {
    @Test
    void viewIsRefusedWhenItsQueryWouldReadOtherTables() {
        s.run("CREATE TABLE st (a int)");
        s.run("INSERT INTO st VALUES (1)");
        s.run("CREATE SCHEMA other");
        s.run("CREATE TABLE other.st (a int)");
        s.run("INSERT INTO other.st VALUES (2)");
        s.run("CREATE VIEW sv AS SELECT a FROM st");
        assertEquals(List.of(List.of("1")), s.run("SELECT * FROM sv").rows());
        s.run("SET search_path = other, public");
        PgException e = s.error("SELECT * FROM sv");
        assertEquals("0A000", e.sqlState());
        assertEquals("view \"sv\" no longer matches the tables it was created over", e.getMessage());
        s.run("SET search_path = public");
        assertEquals(List.of(List.of("1")), s.run("SELECT * FROM sv").rows());
        s.run("DROP TABLE st");
        s.run("CREATE TABLE st (a int)");
        assertEquals("0A000", s.error("SELECT * FROM sv").sqlState());
        s.run("CREATE OR REPLACE VIEW sv AS SELECT a FROM st");
        assertEquals(List.of(), s.run("SELECT * FROM sv").rows());
    }

    @Test
    void preparedStatementFollowsDdl() {
        s.run("CREATE TABLE pt (a int)");
        s.run("INSERT INTO pt VALUES (1), (2)");
        s.run("PREPARE q (int) AS SELECT count(*) FROM pt WHERE a >= $1");
        assertEquals(List.of(List.of("2")), s.run("EXECUTE q(1)").rows());
        s.run("ALTER TABLE pt ADD COLUMN b text");
        s.run("INSERT INTO pt VALUES (3, 'x')");
        assertEquals(List.of(List.of("3")), s.run("EXECUTE q(1)").rows());
        assertEquals("SELECT 1", s.run("EXECUTE q(3)").tag());
        s.run("DEALLOCATE q");
        assertEquals("26000", s.error("EXECUTE q(1)").sqlState());
    }
}
