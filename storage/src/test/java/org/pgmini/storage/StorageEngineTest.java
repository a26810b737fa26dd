package org.pgmini.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.mvcc.SimpleTransaction;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tmp.BufFile;
import org.pgmini.storage.tmp.TempFiles;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleDesc;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class StorageEngineTest {
    @TempDir Path dataDir;

    private final HeapRelation rel = new HeapRelation(new RelFileLocator(5, 16384), "t",
            TupleDesc.of(new Attribute("x", AttributeType.INT8)));

    private long sum(StorageEngine e) {
        SimpleTransaction r = new SimpleTransaction(e.procArray(), e.procArray().attach());
        long s = 0;
        try (HeapScan scan = e.heap().beginScan(rel, r.snapshot(), r)) {
            while (scan.hasNext()) s += (Long) scan.next().values(rel.desc())[0];
        }
        r.commit();
        e.procArray().detach(r.proc());
        return s;
    }

    @Test
    void cleanShutdownAndRestartKeepData() throws Exception {
        StorageEngine.Config c = StorageEngine.Config.defaults().withSharedBuffers(32);
        try (StorageEngine e = StorageEngine.startPrivate(dataDir, c)) {
            e.heap().create(rel);
            SimpleTransaction w = new SimpleTransaction(e.procArray(), e.procArray().attach());
            for (long i = 1; i <= 5000; i++) e.heap().insert(rel, new Object[] {i}, w, 0);
            w.commit();
            SimpleTransaction aborted = new SimpleTransaction(e.procArray(), e.procArray().attach());
            e.heap().insert(rel, new Object[] {1_000_000L}, aborted, 0);
            aborted.abort();
            assertEquals(5000L * 5001 / 2, sum(e));
            // a temp file left open as if by a crashed backend
            BufFile.create(dataDir).write(new byte[100]);
        }
        assertTrue(Files.exists(dataDir.resolve("pg_xact/0000")));
        assertTrue(Files.exists(dataDir.resolve("base/5/16384")));
        try (StorageEngine e = StorageEngine.startPrivate(dataDir, StorageEngine.Config.defaults().withSharedBuffers(16))) {
            assertEquals(5000L * 5001 / 2, sum(e), "committed rows back, the aborted one still invisible");
            assertEquals(0, TempFiles.removeAllTempFiles(dataDir), "start removed leftover temp files");
        }
    }
}
