package org.pgmini.server.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Compares every registered parameter with PostgreSQL 15's pg_settings (pg15-settings.txt was
 * produced by a real PostgreSQL 15.18: name, unit, category, context, vartype, min_val, max_val,
 * enumvals, boot_val). Differences are allowed only where listed below, with the reason.
 */
class PostgresParityTest {
    /** Deliberate differences: parameter -> column -> our value. */
    private static final Map<String, Map<String, String>> EXPECTED_DIFFERENCES = Map.of(
            // ARCHITECTURE.md keeps the "none" implementation (PostgreSQL 15 removed it).
            "dynamic_shared_memory_type", Map.of("enumvals", "posix,sysv,mmap,none"),
            // Our own version string.
            "server_version", Map.of("boot_val", BuiltinGucs.SERVER_VERSION),
            // Debian's build bakes in a packaging path; pgmini uses PostgreSQL's source default.
            // (unix_socket_directories keeps Debian's /var/run/postgresql, where this machine's
            // psql looks for sockets by default.)
            "krb_server_keyfile", Map.of("boot_val", ""));

    @Test
    void registeredParametersMatchPostgres15() throws IOException {
        GucRegistry registry = GucRegistry.builtin();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (InputStream in = getClass().getResourceAsStream("pg15-settings.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\\|", -1);
                GucDefinition d = registry.find(f[0]);
                if (d == null) {
                    continue;
                }
                compared++;
                Map<String, String> ours = new HashMap<>();
                ours.put("name", d.name());
                ours.put("unit", nz(d.unit()));
                ours.put("category", d.category());
                ours.put("context", d.context().pgName());
                ours.put("vartype", d.vartype());
                ours.put("min_val", nz(d.minText()));
                ours.put("max_val", nz(d.maxText()));
                ours.put("enumvals", d.enumValues() == null ? "" : String.join(",", d.enumValues()));
                ours.put("boot_val", d.setting(d.bootValue()));
                String[] cols = {"name", "unit", "category", "context", "vartype", "min_val", "max_val", "enumvals", "boot_val"};
                for (int i = 0; i < cols.length; i++) {
                    String expected = EXPECTED_DIFFERENCES.getOrDefault(f[0], Map.of()).getOrDefault(cols[i], f[i]);
                    if (!expected.equals(ours.get(cols[i]))) {
                        mismatches.add(f[0] + "." + cols[i] + ": postgres=" + f[i] + " pgmini=" + ours.get(cols[i]));
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared > 180, "compared only " + compared);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
