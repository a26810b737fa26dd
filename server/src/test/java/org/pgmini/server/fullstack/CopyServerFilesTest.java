package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pgmini.server.testing.RealPostmaster;
import org.pgmini.server.worker.PostmasterProcess;

/**
 * COPY with server-side files and programs: a superuser writes and reads files (also through the
 * extended protocol, where COPY TO a file is an ordinary statement), a role without superuser
 * gets PostgreSQL's 42501 errors for files and programs and may still COPY to STDOUT.
 */
class CopyServerFilesTest {
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("pgmini-copyfiles");
    }

    @AfterEach
    void tearDown() {
        RealPostmaster.deleteTree(dir);
    }

    @Test
    @Timeout(120)
    void superusersUseFilesOthersGetPostgresErrors() throws Exception {
        Path data = PostmasterProcess.initdb(dir.resolve("data"));
        // a second role, not a superuser (the roles file initdb wrote: name, superuser flag, verifier)
        Files.writeString(data.resolve("global/pgmini_roles"), "bob\tf\t\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path out = dir.resolve("out.txt");
        try (PostmasterProcess pm = PostmasterProcess.start(data)) {
            try (Connection c = pm.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE f (id int, v text)");
                s.execute("INSERT INTO f SELECT g, 'v' || g FROM generate_series(1, 1000) g");
                assertEquals(1000, s.executeUpdate("COPY f TO '" + out + "'"));
                assertEquals(1000, Files.readAllLines(out).size());
                assertEquals("1\tv1", Files.readAllLines(out).get(0));
                // a relative path for COPY FROM is the data directory's
                Files.copy(out, data.resolve("in.txt"));
                assertEquals(1000, s.executeUpdate("COPY f FROM 'in.txt'"));
                try (PreparedStatement p = c.prepareStatement("COPY f (id) FROM PROGRAM 'seq 5'")) {
                    assertEquals(5, p.executeUpdate(), "through the extended protocol too");
                }
                try (ResultSet r = s.executeQuery("SELECT count(*), count(v), sum(id) FROM f")) {
                    r.next();
                    assertEquals(2005, r.getLong(1));
                    assertEquals(2000, r.getLong(2));
                    assertEquals(2 * 500500 + 15, r.getLong(3));
                }
                SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY f TO 'relative.txt'"));
                assertEquals("42602", e.getSQLState());
                e = assertThrows(SQLException.class, () -> s.execute("COPY f FROM 'missing.txt'"));
                assertEquals("58P01", e.getSQLState());
                assertTrue(e.getMessage().contains("could not open file \"missing.txt\" for reading: No such file or directory"),
                        e.getMessage());
            }
            try (Connection bob = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pm.port + "/postgres?user=bob");
                 Statement s = bob.createStatement()) {
                String[][] cases = {
                    {"COPY f TO '" + out + "'", "must be superuser or have privileges of the pg_write_server_files role to COPY to a file"},
                    {"COPY f FROM 'in.txt'", "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"},
                    {"COPY f FROM PROGRAM 'seq 5'", "must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program"},
                };
                for (String[] c : cases) {
                    SQLException e = assertThrows(SQLException.class, () -> s.execute(c[0]));
                    assertEquals("42501", e.getSQLState(), c[0]);
                    assertTrue(e.getMessage().contains(c[1]), e.getMessage());
                    assertTrue(e.getMessage().contains("Anyone can COPY to stdout or from stdin."), e.getMessage());
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM f")) {
                    r.next();
                    assertEquals(2005, r.getLong(1), "nothing was copied");
                }
            }
        }
    }
}
