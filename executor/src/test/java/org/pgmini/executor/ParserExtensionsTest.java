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
