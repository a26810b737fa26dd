package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.SharedPostmaster;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * COPY FROM STDIN / TO STDOUT through the real server with pgjdbc's CopyManager (the protocol's
 * CopyInResponse/CopyOutResponse/CopyData/CopyDone/CopyFail): a 1,000,000-row round trip, a
 * failed COPY leaving nothing behind, CopyFail, and the session staying usable afterwards.
 */
class CopyProtocolTest {
    @RegisterExtension
    static final SharedPostmaster server = new SharedPostmaster();

    private static Connection connect() throws SQLException {
        return server.connect();
    }

    /** The rows a COPY text stream would carry: id, a text with characters that need escaping, a numeric, NULLs. */
    private static final class Rows extends InputStream {
        private final int n;
        private int next = 1;
        private byte[] line = new byte[0];
        private int at;

        Rows(int n) {
            this.n = n;
        }

        @Override
        public int read() {
            if (at == line.length) {
                if (next > n) {
                    return -1;
                }
                int i = next++;
                String text = i % 97 == 0 ? "\\N" : "row " + i + (i % 5 == 0 ? "\\ttab\\\\slash" : "") + (i % 7 == 0 ? " é" : "");
                line = (i + "\t" + text + "\t" + (i % 11 == 0 ? "\\N" : (i / 4) + "." + (i % 100)) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return line[at++] & 0xff;
        }
    }

    @Test
    void millionRowRoundTrip() throws Exception {
        int n = 1_000_000;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rt1 (id int, t text, x numeric)");
            st.execute("CREATE TABLE rt2 (id int, t text, x numeric)");
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            assertEquals(n, cm.copyIn("COPY rt1 FROM STDIN", new Rows(n), 1 << 16));
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            // physical order may differ from insertion order (free space is reused): order by id
            assertEquals(n, cm.copyOut("COPY (SELECT * FROM rt1 ORDER BY id) TO STDOUT", first));
            assertEquals(n, cm.copyIn("COPY rt2 FROM STDIN", new ByteArrayInputStream(first.toByteArray())));
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            assertEquals(n, cm.copyOut("COPY (SELECT * FROM rt2 ORDER BY id) TO STDOUT", second));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            assertEquals(n, cm.copyOut("COPY rt2 TO STDOUT", plain));
            assertEquals(first.size(), plain.size());
            // the stored rows are exactly the generated ones, in order, and survive a second trip
            ByteArrayOutputStream generated = new ByteArrayOutputStream();
            new Rows(n).transferTo(generated);
            assertArrayEquals(digest(generated.toByteArray()), digest(first.toByteArray()));
            assertArrayEquals(digest(first.toByteArray()), digest(second.toByteArray()));
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(id), count(t), count(x) FROM rt2")) {
                assertTrue(rs.next());
                assertEquals(n, rs.getLong(1));
                assertEquals((long) n * (n + 1) / 2, rs.getLong(2));
                assertEquals(n - n / 97, rs.getLong(3));
                assertEquals(n - n / 11, rs.getLong(4));
            }
            st.execute("DROP TABLE rt1");
            st.execute("DROP TABLE rt2");
        }
    }

    private static byte[] digest(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void failedCopyLeavesNothingAndTheSessionGoesOn() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE f (a int NOT NULL, b text)");
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            String data = "1\tx\n2\ty\n3\tz\nnope\tw\n5\tv\n";
            SQLException e = assertThrows(SQLException.class,
                    () -> cm.copyIn("COPY f FROM STDIN", new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8))));
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("invalid input syntax for type integer: \"nope\""), e.getMessage());
            assertTrue(e.getMessage().contains("COPY f, line 4, column a: \"nope\""), e.getMessage());
            e = assertThrows(SQLException.class,
                    () -> cm.copyIn("COPY f FROM STDIN", new ByteArrayInputStream("7\tok\n\\N\tnull\n".getBytes(StandardCharsets.UTF_8))));
            assertEquals("23502", e.getSQLState());
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM f")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "nothing of the failed COPYs is visible");
            }
            // CopyFail from the client
            CopyIn in = cm.copyIn("COPY f FROM STDIN");
            in.writeToCopy("8\ta\n".getBytes(StandardCharsets.UTF_8), 0, 4);
            try {
                in.cancelCopy(); // CopyFail: the server answers 57014 "COPY from stdin failed: ..."
            } catch (SQLException cancelled) {
                assertEquals("57014", cancelled.getSQLState());
            }
            assertEquals(2, cm.copyIn("COPY f (b, a) FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream("\"q,r\",9\n,10\n".getBytes(StandardCharsets.UTF_8))));
            try (ResultSet rs = st.executeQuery("SELECT a, b FROM f ORDER BY a")) {
                assertTrue(rs.next());
                assertEquals(9, rs.getInt(1));
                assertEquals("q,r", rs.getString(2));
                assertTrue(rs.next());
                assertEquals(10, rs.getInt(1));
                assertEquals(null, rs.getString(2));
            }
            st.execute("DROP TABLE f");
        }
    }
}
