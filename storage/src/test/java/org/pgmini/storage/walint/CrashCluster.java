package org.pgmini.storage.walint;

import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.buffer.BufferPool;
import org.pgmini.storage.buffer.BufferState;
import org.pgmini.storage.buffer.BufferTag;
import org.pgmini.storage.page.Page;
import org.pgmini.storage.shared.ByteBufferRegion;
import org.pgmini.wal.CheckpointCounters;
import org.pgmini.wal.WalPmemFlush;
import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.FaultInjectingFileLayer;
import org.pgmini.wal.io.RealFileLayer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

/**
 * A cluster on /dev/shm whose power can fail. WAL goes through wal's fault-injecting file layer
 * (unsynced WAL is lost, a write may be torn). Data files: the background writer is off and the
 * pool is large enough that pages reach their files only at checkpoints (written and fsynced);
 * at the power loss, each dirty buffer's write is "in flight": lost, complete, or torn (a
 * random number of leading 512-byte sectors new, the rest old), after WAL was flushed to its
 * LSN as the buffer manager would. Torn writes are done only on pages changed since the redo
 * pointer (the first such change logged a full-page image); a torn hint-bit-only write would
 * need wal_log_hints, which pgmini does not have.
 */
final class CrashCluster implements AutoCloseable {
    final Path dir;
    final Path data;
    final WalSettings settings;
    final StorageEngine.Config config;
    FaultInjectingFileLayer layer;
    DurableStorage ds;
    int tornWrites, fullWrites, lostWrites;

    CrashCluster(WalPmemMode mode, int sharedBuffers) throws IOException { this(mode, sharedBuffers, true); }

    CrashCluster(WalPmemMode mode, int sharedBuffers, boolean fullPageWrites) throws IOException {
        dir = WalintSupport.tempDir("pgmini-stwal-");
        data = dir.resolve("data");
        settings = WalintSupport.walSettings(dir, mode);
        settings.minWalSize = 3 * settings.walSegmentSize;
        settings.fullPageWrites = fullPageWrites;
        config = new StorageEngine.Config(sharedBuffers, 8, 16, 0, 100, 1 << 20);
        DurableStorage.initdb(data, null, settings, new RealFileLayer(WalPmemFlush.MSYNC), 7_000_000_000_000_000_077L,
                CheckpointCounters.initial(3, 16384));
    }

    DurableStorage start() throws IOException { return start(true); }

    DurableStorage start(boolean endOfRecoveryCheckpoint) throws IOException {
        layer = new FaultInjectingFileLayer(new RealFileLayer(WalPmemFlush.MSYNC));
        ds = DurableStorage.start(data, ByteBufferRegion.allocate(StorageEngine.requiredSize(config)), 0, config,
                settings, layer, () -> 20000, endOfRecoveryCheckpoint);
        return ds;
    }

    /** Power loss: in-flight data writes as described above, then the WAL's unsynced state is lost. */
    void powerLoss(Random rnd) throws IOException {
        BufferPool pool = ds.engine().bufferPool();
        long redo = ds.wal().redoRecPtr();
        for (int b = 0; b < pool.nbuffers(); b++) {
            long s = pool.state(b);
            if ((s & (BufferState.VALID | BufferState.DIRTY)) != (BufferState.VALID | BufferState.DIRTY)) continue;
            BufferTag tag = pool.tag(b);
            Page copy = Page.allocate();
            copy.buffer().put(0, pool.page(b).buffer(), 0, BLCKSZ);
            int choice = rnd.nextInt(3);
            if (choice == 0) { lostWrites++; continue; }
            ds.wal().flush(copy.lsn()); // WAL before data
            copy.setChecksumFor(tag.block());
            Path file = data.resolve(tag.rel().relativePath(tag.fork()));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long pos = (long) tag.block() * BLCKSZ;
                ByteBuffer out = copy.buffer().duplicate().clear();
                if (choice == 2 && Long.compareUnsigned(copy.lsn(), redo) > 0) {
                    int sectors = 1 + rnd.nextInt(BLCKSZ / 512 - 1);
                    out.limit(sectors * 512);
                    tornWrites++;
                } else {
                    fullWrites++;
                }
                while (out.hasRemaining()) ch.write(out, pos + out.position());
            }
        }
        ds.wal().abandon();
        layer.powerLoss(rnd.nextBoolean() ? rnd : null);
        ds.engine().smgr().close();
        ds = null;
    }

    @Override
    public void close() throws IOException {
        if (ds != null) {
            try { ds.shutdown(); } catch (RuntimeException | IOException ignored) { /* already failing */ }
        }
        WalintSupport.deleteTree(dir);
    }
}
