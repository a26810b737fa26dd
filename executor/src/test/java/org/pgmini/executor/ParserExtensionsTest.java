package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserExtensionsTest extends EngineTestSupport {
    @Test
    void castsStringsAndParameters() {
        assertEquals(Arrays.asList("1", "text"), rows("SELECT '1'::int4::text, pg_typeof('1'::int4::text)").get(0));
        assertEquals(Arrays.asList("tab\there", "AAA", "back\\slash", "1"),
                rows("SELECT E'tab\\there', E'\\x41\\101\\u0041', E'back\\\\slash', length(E'\\n')").get(0));
        assertEquals(Arrays.asList("dollar 'quoted'", "x$y", "multiline", "A"),
                rows("SELECT $$dollar 'quoted'$$, $tag$x$y$tag$, 'multi'\n'line', U&'\\0041'").get(0));
        assertEquals("3", value("SELECT $2 - $1", 1, 4));
        assertEquals(Arrays.asList("123", "15", "2.5", "5"),
                rows("SELECT int4 '123', integer '7' + bigint '8', double precision '2.5', character varying '5'").get(0));
        assertEquals(Arrays.asList("t", "f", "f"),
                rows("SELECT 5 BETWEEN SYMMETRIC 10 AND 1, 5 BETWEEN 10 AND 1, 5 NOT BETWEEN SYMMETRIC 1 AND 10").get(0));
    }

    @Test
    void everyKeywordIsAColumnLabelAfterAs() {
        var q = prepare("SELECT 1 AS select, 2 AS from, 3 AS where, 4 AS one, 5 AS \"Mixed\", 6 AS all, 7 AS Table");
        assertEquals(List.of("select", "from", "where", "one", "Mixed", "all", "table"),
                q.columns().stream().map(c -> c.name()).toList());
        assertEquals(List.of("1", "2"), rows("SELECT 1 AS order, 2 AS by").get(0));
        // without AS only non-reserved words are labels
        org.pgmini.error.PgException e = error("SELECT 1 select");
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at or near \"select\"", e.getMessage());
    }

    @Test
    void whereWithoutFrom() {
        assertEquals(0, rows("SELECT 1 WHERE false").size());
        assertEquals(List.of(List.of("1", "x")), rows("SELECT 1, 'x' WHERE 1 < 2"));
        assertEquals(0, rows("SELECT $1::int4 WHERE $1::int4 > 5", 3).size());
        org.pgmini.error.PgException e = error("SELECT 1 WHERE 1");
        assertEquals("42804", e.sqlState());
        assertEquals("argument of WHERE must be type boolean, not type integer", e.getMessage());
        assertEquals(16, e.position());
    }

    @Test
    void substringInEverySyntax() {
        assertEquals(Arrays.asList("Pos", "greSQL", "Post", "ost", "bc", "b", ""),
                rows("SELECT substring('PostgreSQL' FOR 3), substring('PostgreSQL' FROM 5), "
                        + "substring('PostgreSQL' FROM 1 FOR 4), substring('PostgreSQL' FOR 3 FROM 2), "
                        + "substring('abc', 2), substring('abc', 2, 1), substring('abc' FOR 0)").get(0));
        assertEquals("substring", prepare("SELECT substring('abc' FOR 1)").columns().get(0).name());
        org.pgmini.error.PgException e = error("SELECT substring('abc')");
        assertEquals("42883", e.sqlState());
        assertEquals("function substring(unknown) does not exist", e.getMessage());
        e = error("SELECT substring('abc' FROM 1, 2)");
        assertEquals("42601", e.sqlState());
        e = error("SELECT substring('abc' FOR -1)");
        assertEquals("22011", e.sqlState());
    }

    @Test
    void transactionModesBecomeTransactionLocalSettings() {
        session.values.put("transaction_isolation", "read committed");
        session.values.put("transaction_read_only", "off");
        rows("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        assertEquals("repeatable read", session.values.get("transaction_isolation"));
        assertEquals("on", session.values.get("transaction_read_only"));
        rows("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertEquals("serializable", session.values.get("transaction_isolation"));
        rows("COMMIT");
    }

    @Test
    void utilityStatements() {
        rows("SET work_mem = '8MB'");
        assertEquals("8MB", value("SHOW work_mem"));
        rows("SET SESSION work_mem TO '16MB'");
        assertEquals("16MB", session.values.get("work_mem"));
        rows("SET search_path TO Public, \"Mixed\"");
        assertEquals("public, Mixed", session.values.get("search_path"));
        rows("SET TIME ZONE 'Europe/Berlin'");
        assertEquals("Europe/Berlin", session.values.get("timezone"));
        assertEquals("SHOW", prepare("SHOW ALL").execute(new Object[0], session).commandTag());
        assertEquals(List.of("name", "setting", "description"),
                prepare("SHOW ALL").columns().stream().map(c -> c.name()).toList());
        assertEquals("work_mem", prepare("SHOW Work_Mem").columns().get(0).name());
        assertEquals("DateStyle", prepare("SHOW datestyle").columns().get(0).name());
        for (String s : new String[] {"BEGIN", "BEGIN WORK", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "ABORT",
                "RESET work_mem", "RESET ALL", "ALTER SYSTEM SET work_mem = '1MB'", "ALTER SYSTEM RESET ALL", "SET work_mem TO DEFAULT"}) {
            var q = prepare(s);
            var c = q.execute(new Object[0], session);
            assertTrue(c.next() == null);
            String tag = c.commandTag();
            assertTrue(List.of("BEGIN", "COMMIT", "ROLLBACK", "RESET", "ALTER SYSTEM", "SET").contains(tag), s + " -> " + tag);
        }
    }

    @Test
    void pgSettingsIsATable() {
        List<List<String>> r = rows("SELECT name, setting FROM pg_settings WHERE name IN ('work_mem', 'TimeZone') ORDER BY name");
        assertEquals(List.of(List.of("TimeZone", "UTC"), List.of("work_mem", "4MB")), r);
    }
}
