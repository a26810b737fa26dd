package org.pgmini.server.postmaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.server.guc.ServerConfig;
import org.pgmini.server.guc.SessionSettings;

class PostmasterPartsTest {
    @TempDir
    Path tmp;

    private Path initdb(String... args) throws Exception {
        Path dir = tmp.resolve("data");
        List<String> all = new java.util.ArrayList<>(List.of("-D", dir.toString()));
        all.addAll(List.of(args));
        InitDb.Options o = InitDb.parseArgs(all, null);
        new InitDb(o, new PrintStream(new ByteArrayOutputStream()), PgminiHome.find().resolve("conf")).run();
        return dir;
    }

    @Test
    void pidFileLocksAndStaleFilesAreReplaced() throws Exception {
        PidFile pf = PidFile.acquire(tmp, 5433, "localhost");
        List<String> lines = PidFile.read(tmp).orElseThrow();
        assertEquals(Long.toString(ProcessHandle.current().pid()), lines.get(0));
        assertEquals("starting", lines.get(7));
        pf.setStatus(PidFile.STATUS_READY);
        assertEquals("ready   ", PidFile.read(tmp).orElseThrow().get(7));
        pf.remove();
        assertFalse(Files.exists(tmp.resolve(PidFile.NAME)));

        // A live process (here: a child that sleeps) holds the lock.
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(tmp.resolve(PidFile.NAME), sleeper.pid() + "\n" + tmp + "\n");
            PgException e = assertThrows(PgException.class, () -> PidFile.acquire(tmp, 5433, "localhost"));
            assertEquals("lock file \"postmaster.pid\" already exists", e.getMessage());
            assertEquals("Is another postmaster (PID " + sleeper.pid() + ") running in data directory \"" + tmp + "\"?", e.hint());
            assertEquals("FATAL", e.severity());
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        // Its owner is gone now: the file is stale and a start replaces it.
        PidFile again = PidFile.acquire(tmp, 5433, "localhost");
        assertEquals(Long.toString(ProcessHandle.current().pid()), PidFile.read(tmp).orElseThrow().get(0));
        again.remove();

        Files.writeString(tmp.resolve(PidFile.NAME), "");
        PgException e = assertThrows(PgException.class, () -> PidFile.acquire(tmp, 5433, "localhost"));
        assertEquals("lock file \"postmaster.pid\" is empty", e.getMessage());
    }

    @Test
    void scramVerifierMatchesPostgres() {
        // Produced by PostgreSQL 15: CREATE ROLE ... PASSWORD 'pencil'; SELECT rolpassword FROM pg_authid.
        String pg = "SCRAM-SHA-256$4096:Zzr2eYlw+SF+ZT/dInxdeQ==$U9j6MF9PSuj+pThN0KUbHjq6VpTx+cAgFwBMcypJE3A="
                + ":oINgf7BhAi0xj6o9hDSL12rrcWb5EfkjsyiLctDcrQw=";
        assertEquals(pg, ScramVerifier.create("pencil", Base64.getDecoder().decode("Zzr2eYlw+SF+ZT/dInxdeQ=="), 4096));
        assertTrue(ScramVerifier.create("x").startsWith("SCRAM-SHA-256$4096:"));
    }

    @Test
    void initdbLayoutAndConfigurationLoads() throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "secret\n");
        Path wal = tmp.resolve("wal");
        Path dir = initdb("-U", "boss", "--auth=scram-sha-256", "--pwfile=" + pw, "--waldir", wal.toString());
        for (String d : new String[] {"base", "base/pgsql_tmp", "global", "pg_xact", "pg_dynshmem"}) {
            assertTrue(Files.isDirectory(dir.resolve(d)), d);
        }
        assertTrue(Files.isSymbolicLink(dir.resolve("pg_wal")));
        assertEquals(wal, Files.readSymbolicLink(dir.resolve("pg_wal")));
        String hba = Files.readString(dir.resolve("pg_hba.conf"));
        assertTrue(hba.contains("host    all             all             127.0.0.1/32            scram-sha-256"), hba);
        assertTrue(hba.contains("::1/128"));
        RoleFile.Role boss = RoleFile.read(dir).find("boss").orElseThrow();
        assertTrue(boss.superuser());
        assertTrue(boss.passwordVerifier().startsWith("SCRAM-SHA-256$4096:"));
        assertFalse(Files.readString(dir.resolve(RoleFile.PATH)).contains("secret"));

        // The generated postgresql.conf loads cleanly and says what ARCHITECTURE §9 requires.
        ServerConfig config = ServerConfig.load(dir, List.of(), Map.of());
        assertEquals("localhost", config.getString("listen_addresses"));
        assertEquals(5432, config.getInt("port"));
        assertEquals(16384, config.getInt("shared_buffers"));
        assertEquals(List.of(), config.startupMessages());

        PostmasterContext ctx = new PostmasterContext(config, null, () -> true);
        SessionSettings s = ctx.newSessionSettings("boss", Map.of("application_name", "t"));
        assertEquals("on", s.show("is_superuser"));
        assertEquals("t", s.show("application_name"));
        PgException e = assertThrows(PgException.class, () -> ctx.newSessionSettings("nobody", Map.of()));
        assertEquals("role \"nobody\" does not exist", e.getMessage());
        assertEquals("28000", e.sqlState());
        assertEquals("FATAL", e.severity());
    }

    /** --auth-local / --auth-host and -A as PostgreSQL 15's initdb (checked against it). */
    @Test
    void initdbAuthenticationMethodsPerConnectionKind() throws Exception {
        InitDb.Options o = InitDb.parseArgs(List.of("-D", "x", "-A", "peer"), null);
        assertEquals("peer", o.authLocal());
        assertEquals("ident", o.authHost());
        o = InitDb.parseArgs(List.of("-D", "x", "--auth=ident"), null);
        assertEquals("peer", o.authLocal());
        assertEquals("ident", o.authHost());
        o = InitDb.parseArgs(List.of("-D", "x", "-A", "reject", "--auth-local", "peer"), null);
        assertEquals("peer", o.authLocal());
        assertEquals("reject", o.authHost());

        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "secret\n");
        Path dir = initdb("-U", "boss", "--auth-local=peer", "--auth-host=scram-sha-256", "--pwfile=" + pw);
        List<String> rules = Files.readAllLines(dir.resolve("pg_hba.conf")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> String.join(" ", l.trim().split("\\s+"))).toList();
        assertTrue(rules.contains("local all all peer"), rules.toString());
        assertTrue(rules.contains("host all all 127.0.0.1/32 scram-sha-256"), rules.toString());
        assertTrue(rules.contains("host all all ::1/128 scram-sha-256"), rules.toString());

        InitDb.InitDbException e = assertThrows(InitDb.InitDbException.class, () -> initdb("--auth-host=peer"));
        assertEquals("invalid authentication method \"peer\" for \"host\" connections", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> initdb("--auth-local=ident"));
        assertEquals("invalid authentication method \"ident\" for \"local\" connections", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> initdb("--auth-local=peer", "--auth-host=md5"));
        assertEquals("must specify a password for the superuser to enable password authentication", e.getMessage());
    }

    @Test
    void initdbErrors() throws Exception {
        InitDb.InitDbException e = assertThrows(InitDb.InitDbException.class, () -> initdb("--auth=md5"));
        assertEquals("must specify a password for the superuser to enable password authentication", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> initdb("--auth=bogus"));
        assertEquals("invalid authentication method \"bogus\" for \"local\" connections", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> initdb("-U", "pg_x"));
        assertEquals("superuser name \"pg_x\" is disallowed; role names cannot begin with \"pg_\"", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> initdb("--waldir=relative"));
        assertEquals("WAL directory location must be an absolute path", e.getMessage());
        e = assertThrows(InitDb.InitDbException.class, () -> InitDb.parseArgs(List.of("-U", "x"), null));
        assertEquals("no data directory specified", e.getMessage());
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/x"), "");
        e = assertThrows(InitDb.InitDbException.class, () -> initdb());
        assertEquals("directory \"" + tmp.resolve("data") + "\" exists but is not empty", e.getMessage());
        assertTrue(e.hint().startsWith("If you want to create a new database system"));
    }

    @Test
    void postmasterRefusesAnInvalidDataDirectory() throws Exception {
        Postmaster pm = new Postmaster(new Postmaster.Options(tmp.resolve("missing"), List.of(), List.of()));
        assertEquals(1, pm.run());
        Files.createDirectories(tmp.resolve("empty"));
        Files.setPosixFilePermissions(tmp.resolve("empty"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        pm = new Postmaster(new Postmaster.Options(tmp.resolve("empty"), List.of(), List.of()));
        assertEquals(1, pm.run());
        assertFalse(Files.exists(tmp.resolve("empty/postmaster.pid")));
        Files.writeString(tmp.resolve("empty/PG_VERSION"), "14\n", StandardCharsets.UTF_8);
        assertEquals(1, pm.run());
    }
}
