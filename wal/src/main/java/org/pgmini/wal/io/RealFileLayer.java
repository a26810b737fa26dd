package org.pgmini.wal.io;

import org.pgmini.wal.WalPmemFlush;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The file layer on the real file system. */
public final class RealFileLayer implements FileLayer {
    private final boolean useLibPmem;
    private final AtomicLong syncs = new AtomicLong();

    /** Uses libpmem for mapped regions when {@code flush} allows it and the library loads. */
    public RealFileLayer(WalPmemFlush flush) {
        if (flush == WalPmemFlush.LIBPMEM && !LibPmem.available()) {
            throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.INVALID_PARAMETER_VALUE,
                    "wal_pmem_flush is \"libpmem\" but libpmem could not be loaded");
        }
        this.useLibPmem = flush != WalPmemFlush.MSYNC && LibPmem.available();
    }

    public RealFileLayer() { this(WalPmemFlush.AUTO); }

    @Override
    public WalFile open(Path path, boolean create, OpenMode mode) throws IOException {
        Set<OpenOption> opts = new HashSet<>();
        opts.add(StandardOpenOption.READ);
        opts.add(StandardOpenOption.WRITE);
        if (create) opts.add(StandardOpenOption.CREATE);
        if (mode == OpenMode.SYNC) opts.add(StandardOpenOption.SYNC);
        if (mode == OpenMode.DSYNC) opts.add(StandardOpenOption.DSYNC);
        FileChannel ch = FileChannel.open(path, opts);
        return new ChannelFile(ch, syncs);
    }

    @Override
    public PersistentRegion map(Path path, long size) throws IOException {
        PersistentRegion r = useLibPmem ? new LibPmemRegion(path, size) : new ForcedMappedRegion(path, size);
        return new CountingRegion(r, syncs);
    }

    @Override public boolean exists(Path path) { return Files.exists(path); }
    @Override public long size(Path path) throws IOException { return Files.size(path); }
    @Override public void delete(Path path) throws IOException { Files.deleteIfExists(path); }

    @Override
    public void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("atomic rename not supported: " + from + " -> " + to, e);
        }
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        // Opening a directory for reading and forcing it is fsync(dirfd) on Linux.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override public void createDirectories(Path dir) throws IOException { Files.createDirectories(dir); }

    @Override
    public List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) return names;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        Collections.sort(names);
        return names;
    }

    @Override public long syncCount() { return syncs.get(); }
    @Override public String mapFlushMethod() { return useLibPmem ? "libpmem" : "msync"; }

    private static final class ChannelFile implements WalFile {
        private final FileChannel ch;
        private final AtomicLong syncs;

        ChannelFile(FileChannel ch, AtomicLong syncs) { this.ch = ch; this.syncs = syncs; }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            long pos = position;
            while (src.hasRemaining()) pos += ch.write(src, pos);
        }

        @Override public int read(ByteBuffer dst, long position) throws IOException { return ch.read(dst, position); }

        @Override
        public void force(boolean metadata) throws IOException {
            syncs.incrementAndGet();
            ch.force(metadata);
        }

        @Override public long size() throws IOException { return ch.size(); }
        @Override public void close() throws IOException { ch.close(); }
    }

    private static final class CountingRegion implements PersistentRegion {
        private final PersistentRegion r;
        private final AtomicLong syncs;

        CountingRegion(PersistentRegion r, AtomicLong syncs) { this.r = r; this.syncs = syncs; }

        @Override public ByteBuffer buffer() { return r.buffer(); }
        @Override public long size() { return r.size(); }
        @Override public void persist(long offset, int length) throws IOException { syncs.incrementAndGet(); r.persist(offset, length); }
        @Override public void copyFrom(ByteBuffer src, int srcOffset, long offset, int length) { r.copyFrom(src, srcOffset, offset, length); }
        @Override public void persistCopied(long offset, int length) throws IOException { syncs.incrementAndGet(); r.persistCopied(offset, length); }
        @Override public boolean isPmem() { return r.isPmem(); }
        @Override public String flushMethod() { return r.flushMethod(); }
        @Override public void close() throws IOException { r.close(); }
    }
}
