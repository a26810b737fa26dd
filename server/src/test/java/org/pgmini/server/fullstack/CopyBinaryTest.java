package org.pgmini.server.fullstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pgmini.server.testing.SharedPostmaster;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY ... (FORMAT binary) through pgjdbc's CopyManager. The reference is PostgreSQL 15 itself:
 * {@code copy/binary_types.pg15.bin} is what PostgreSQL 15 sent for
 * {@code COPY bt TO STDOUT (FORMAT binary)} after {@code copy/binary_types.sql} (19 column types,
 * extreme values, NULLs); pgmini must send the same bytes, read them back, and reject damaged
 * streams with PostgreSQL's errors.
 */
class CopyBinaryTest {
    @RegisterExtension
    static final SharedPostmaster server = new SharedPostmaster();

    private static Connection connect() throws SQLException {
        return server.connect();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = CopyBinaryTest.class.getResourceAsStream("/copy/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] copyOut(CopyManager cm, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cm.copyOut(sql, out);
        return out.toByteArray();
    }

    @Test
    void sameBytesAsPostgresAndBackAgain() throws Exception {
        byte[] pg15 = resource("binary_types.pg15.bin");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : new String(resource("binary_types.sql"), StandardCharsets.UTF_8).split(";\n")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            assertArrayEquals(pg15, copyOut(cm, "COPY bt TO STDOUT (FORMAT binary)"));
            assertArrayEquals(pg15, copyOut(cm, "COPY (SELECT * FROM bt) TO STDOUT (FORMAT binary)"));
            st.execute("CREATE TABLE bt2 AS SELECT * FROM bt WHERE false");
            assertEquals(4, cm.copyIn("COPY bt2 FROM STDIN (FORMAT binary)", new ByteArrayInputStream(pg15)));
            assertArrayEquals(pg15, copyOut(cm, "COPY bt2 TO STDOUT (FORMAT binary)"));
            // the stream cut into 7-byte CopyData messages reads the same
            st.execute("TRUNCATE bt2");
            assertEquals(4, cm.copyIn("COPY bt2 FROM STDIN (FORMAT binary)", new ByteArrayInputStream(pg15), 7));
            assertArrayEquals(pg15, copyOut(cm, "COPY bt2 TO STDOUT (FORMAT binary)"));
            try (ResultSet rs = st.executeQuery("SELECT h, i, j FROM bt2 WHERE a = -32768")) {
                assertTrue(rs.next());
                assertEquals("é ünïcode", rs.getString(1));
            }
            st.execute("DROP TABLE bt");
            st.execute("DROP TABLE bt2");
        }
    }

    private static byte[] stream(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] ints(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }

    private static byte[] int16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    @Test
    void damagedStreamsFailAsInPostgresAndLeaveNothing() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bx (a int4, b text)");
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            byte[] header = stream(SIGNATURE, ints(0, 0));
            byte[] row1 = stream(int16(2), ints(4, 1), ints(1), "a".getBytes(StandardCharsets.UTF_8));
            String[][] cases = {
                {"22P04", "COPY file signature not recognized", null},
                {"22P04", "invalid COPY file header (WITH OIDS)", null},
                {"22P04", "unrecognized critical flags in COPY file header", null},
                {"22P04", "row field count is 1, expected 2", "COPY bx, line 2"},
                {"08P01", "insufficient data left in message", "COPY bx, line 2, column a"},
                {"22P03", "incorrect binary data format", "COPY bx, line 2, column a"},
                {"22P04", "unexpected EOF in COPY data", "COPY bx, line 2, column b"},
                {"22P04", "received copy data after EOF marker", "COPY bx, line 2"},
            };
            byte[][] streams = {
                stream("PGCOPX\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1), ints(0, 0), int16(-1)),
                stream(SIGNATURE, ints(1 << 16, 0), int16(-1)),
                stream(SIGNATURE, ints(1 << 17, 0), int16(-1)),
                stream(header, row1, int16(1), ints(4, 2), int16(-1)),
                stream(header, row1, int16(2), ints(2), int16(7), ints(-1), int16(-1)),
                stream(header, row1, int16(2), ints(5, 0), new byte[] {7}, ints(-1), int16(-1)),
                stream(header, row1, int16(2), ints(4, 2, 10), "abc".getBytes(StandardCharsets.UTF_8)),
                stream(header, row1, int16(-1), "zz".getBytes(StandardCharsets.UTF_8)),
            };
            for (int i = 0; i < cases.length; i++) {
                byte[] s = streams[i];
                SQLException e = assertThrows(SQLException.class,
                        () -> cm.copyIn("COPY bx FROM STDIN (FORMAT binary)", new ByteArrayInputStream(s)));
                assertEquals(cases[i][0], e.getSQLState(), cases[i][1]);
                String m = e.getMessage();
                assertTrue(m.contains(cases[i][1]), m);
                assertEquals(cases[i][2] != null, m.contains("Where: "), m);
                if (cases[i][2] != null) {
                    assertTrue(m.contains("Where: " + cases[i][2]), m);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM bx")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1));
            }
            // a header extension is skipped, low flag bits are ignored, the trailer may be missing
            assertEquals(2, cm.copyIn("COPY bx FROM STDIN (FORMAT binary)", new ByteArrayInputStream(
                    stream(SIGNATURE, ints(1, 3), "ext".getBytes(StandardCharsets.UTF_8), row1, int16(2), ints(-1, 2),
                            "é".getBytes(StandardCharsets.UTF_8)))));
            try (ResultSet rs = st.executeQuery("SELECT a, b FROM bx ORDER BY a")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("a", rs.getString(2));
                assertTrue(rs.next());
                assertEquals(null, rs.getObject(1));
                assertEquals("é", rs.getString(2));
            }
            st.execute("DROP TABLE bx");
        }
    }
}
