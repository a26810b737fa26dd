package org.pgmini.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.server.testing.RealPostmaster;

/** {@code pgmini waldump FILE} over the WAL initdb writes: pg_waldump's lines, with storage's record names. */
class WalDumpCommandTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void dumpsTheBootstrapWal() throws Exception {
        Path data = tmp.resolve("data");
        RealPostmaster.initdb(data, "--wal-segsize=1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        int rc;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(err);
            rc = Main.run(new String[] {"waldump", data.resolve("pg_wal/000000010000000000000001").toString()});
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        String errors = errBytes.toString(StandardCharsets.UTF_8);
        // like pg_waldump, reaching the end of WAL inside the file is reported as an error (exit 1)
        assertEquals(1, rc, text + errors);
        assertTrue(errors.startsWith("pg_waldump: error: error in WAL record at 0/"), errors);
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("rmgr: XLOG +len \\(rec/tot\\): +\\d+/ +\\d+, tx: +0, lsn: 0/00100028, prev 0/00000000, desc: CHECKPOINT_SHUTDOWN .*"),
                lines[0]);
        assertTrue(text.contains("rmgr: Storage     "), "relation file creation is logged: " + text);
        assertTrue(text.contains("desc: CREATE base/5/1259"), "pg_class's file: " + text);
        assertTrue(text.matches("(?s).*rmgr: Heap +len.*desc: INSERT.*"), text);
        assertTrue(text.matches("(?s).*rmgr: Transaction +len.*desc: COMMIT .*"), text);
        assertTrue(lines[lines.length - 1].contains("CHECKPOINT_SHUTDOWN"), "initdb ends with a shutdown checkpoint: " + lines[lines.length - 1]);
    }
}
