package org.pgmini.sqltests.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressEnvironmentTest {

    @Test
    void setsPgRegressVariablesAndDropsTheCallersConnectionSettings() {
        Map<String, String> inherited = Map.of("PATH", "/usr/bin", "PGHOST", "elsewhere", "PGDATABASE", "other",
                "LANG", "de_DE.UTF-8", "LC_ALL", "de_DE.UTF-8", "PGOPTIONS", "-c work_mem=1GB");
        Map<String, String> env = RegressEnvironment.forTest(inherited,
                new ConnectionTarget("127.0.0.1", 5555, "alice", "postgres"), "int_arith");
        assertEquals("/usr/bin", env.get("PATH"));
        assertFalse(env.containsKey("PGHOST"));
        assertFalse(env.containsKey("PGDATABASE"));
        assertFalse(env.containsKey("LANG"));
        assertFalse(env.containsKey("LC_ALL"));
        assertEquals("C", env.get("LC_MESSAGES"));
        assertEquals("America/Los_Angeles", env.get("PGTZ"));
        assertEquals("Postgres, MDY", env.get("PGDATESTYLE"));
        assertEquals("-c intervalstyle=postgres_verbose", env.get("PGOPTIONS"));
        assertEquals("UTF8", env.get("PGCLIENTENCODING"));
        assertEquals("pg_regress/int_arith", env.get("PGAPPNAME"));
        assertEquals("alice", env.get("PGUSER"));
    }
}
