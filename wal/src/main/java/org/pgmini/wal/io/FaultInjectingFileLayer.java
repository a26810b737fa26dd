package org.pgmini.wal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file layer for crash tests: it works on real files but remembers, per file, the content
 * that has been made durable (by force, persist, or an O_SYNC/O_DSYNC write) and, per directory,
 * the names made durable by syncDirectory. {@link #powerLoss} then puts the file system back to
 * exactly that durable state — every unsynced write, unpersisted store into a mapping, and
 * unsynced create/rename/delete is forgotten — optionally tearing one unsynced write (a random
 * prefix of it survives, as a torn sector would).
 *
 * Files present on disk before this layer first touches them count as durable. After a power
 * loss every operation of this layer fails with IOException (use a new layer for the restart); the restored files are new inodes, so a
 * straggling thread that still writes through an old mapping cannot disturb them.
 *
 * Simplification: growing a mapped file to its mapped size counts as durable at once (the WAL
 * syncs the directory right after creating such files, and their content starts as zeros).
 * All bookkeeping happens under one lock: this layer is for correctness tests, not speed.
 */
public final class FaultInjectingFileLayer implements FileLayer {
    private final FileLayer real;
    private final Object lock = new Object();
    private final AtomicLong syncs = new AtomicLong();
    private int generation;
    private boolean dead;
    private final Map<Path, Inode> live = new HashMap<>();
    private final Map<Path, Inode> durable = new HashMap<>();

    public FaultInjectingFileLayer(FileLayer real) { this.real = real; }

    private static final class Inode {
        byte[] data = new byte[0];
        int length;
        final List<long[]> pendingPos = new ArrayList<>();
        final List<byte[]> pendingData = new ArrayList<>();
        final List<FaultRegion> regions = new ArrayList<>();

        void put(long pos, byte[] src, int off, int len) {
            int end = (int) (pos + len);
            if (end > data.length) data = java.util.Arrays.copyOf(data, Math.max(end, data.length * 2));
            System.arraycopy(src, off, data, (int) pos, len);
            length = Math.max(length, end);
        }

        void extendTo(long size) {
            if (size > length) {
                if (size > data.length) data = java.util.Arrays.copyOf(data, (int) size);
                length = (int) size;
            }
        }

        void applyPending() {
            for (int i = 0; i < pendingPos.size(); i++) {
                byte[] d = pendingData.get(i);
                put(pendingPos.get(i)[0], d, 0, d.length);
            }
            pendingPos.clear();
            pendingData.clear();
        }
    }

    private static Path key(Path p) { return p.toAbsolutePath().normalize(); }

    private void checkAlive(int gen) throws IOException {
        if (dead || gen != generation) throw new IOException("simulated power loss: handle is gone");
    }

    private Inode inodeFor(Path path, boolean create) throws IOException {
        Path k = key(path);
        Inode i = live.get(k);
        if (i != null) return i;
        if (Files.exists(k) && !durable.containsKey(k)) {
            // First touch of a file that predates this layer: what is on disk is durable.
            i = new Inode();
            byte[] content = Files.readAllBytes(k);
            i.put(0, content, 0, content.length);
            live.put(k, i);
            durable.put(k, i);
            return i;
        }
        if (!create) return null;
        i = new Inode();
        live.put(k, i);
        return i;
    }

    @Override
    public WalFile open(Path path, boolean create, OpenMode mode) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            Inode i = inodeFor(path, create);
            if (i == null) throw new NoSuchFileException(path.toString());
            return new FaultFile(real.open(path, create, mode), i, mode, generation);
        }
    }

    @Override
    public PersistentRegion map(Path path, long size) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            Inode i = inodeFor(path, true);
            i.extendTo(size);
            FaultRegion r = new FaultRegion(real.map(path, size), i, generation);
            i.regions.add(r);
            return r;
        }
    }

    @Override
    public boolean exists(Path path) {
        synchronized (lock) { return real.exists(path); }
    }

    @Override
    public long size(Path path) throws IOException {
        synchronized (lock) { checkAlive(generation); return real.size(path); }
    }

    @Override
    public void delete(Path path) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            inodeFor(path, false);
            real.delete(path);
            live.remove(key(path));
        }
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            Inode i = inodeFor(from, false);
            if (i == null) throw new NoSuchFileException(from.toString());
            inodeFor(to, false);
            real.rename(from, to);
            live.remove(key(from));
            live.put(key(to), i);
        }
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            Path d = key(dir);
            Set<Path> names = new HashSet<>(live.keySet());
            names.addAll(durable.keySet());
            for (Path p : names) {
                if (!d.equals(p.getParent())) continue;
                Inode i = live.get(p);
                if (i == null) durable.remove(p); else durable.put(p, i);
            }
            real.syncDirectory(dir);
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        synchronized (lock) { checkAlive(generation); real.createDirectories(dir); }
    }

    @Override
    public List<String> list(Path dir) throws IOException {
        synchronized (lock) { checkAlive(generation); return real.list(dir); }
    }

    @Override public long syncCount() { return syncs.get(); }
    @Override public String mapFlushMethod() { return real.mapFlushMethod(); }

    /**
     * Simulates power loss: from now on every handle fails, and the files are put back to their
     * durable state. With {@code tear} non-null, a random prefix of one not-yet-durable write
     * (or of the first changed page of a mapping) survives.
     */
    public void powerLoss(Random tear) throws IOException {
        synchronized (lock) {
            dead = true;
            generation++;
            Set<Inode> seen = new HashSet<>();
            if (tear != null) {
                for (Inode i : live.values()) {
                    if (!seen.add(i)) continue;
                    if (tearOne(i, tear)) break;
                }
            }
            Set<Path> all = new HashSet<>(live.keySet());
            all.addAll(durable.keySet());
            for (Path p : all) Files.deleteIfExists(p);
            for (Map.Entry<Path, Inode> e : durable.entrySet()) {
                Inode i = e.getValue();
                Files.write(e.getKey(), java.util.Arrays.copyOf(i.data, i.length));
            }
            live.clear();
            durable.clear();
            // The layer stays dead: the crashed instance's threads must not write into the
            // restored files. The next "boot" uses a new layer.
        }
    }

    /**
     * Simulates a power loss after which the unpersisted stores into [{@code offset},
     * {@code offset + length}) of the mapped {@code file} reached the media anyway — as a CPU
     * cache line may be evicted, or the kernel may write back a dirty page of an msync'ed file, at
     * any moment and in any order — while every other unpersisted change is lost, as in
     * {@link #powerLoss}(null).
     */
    public void powerLossKeeping(Path file, long offset, int length) throws IOException {
        synchronized (lock) {
            checkAlive(generation);
            Inode i = live.get(key(file));
            if (i == null || i.regions.isEmpty()) throw new IOException("not a mapped file of this layer: " + file);
            byte[] landed = new byte[length];
            i.regions.get(0).inner.buffer().get((int) offset, landed, 0, length);
            i.put(offset, landed, 0, length);
            powerLoss(null);
        }
    }

    /*
     * Note: the crashed instance's threads keep storing into mappings while this scans them (they
     * stop only when they next call this layer), so the bytes kept are whatever a racing scan saw —
     * any mix of old and new stores, as real hardware may leave behind.
     */
    private static boolean tearOne(Inode i, Random tear) {
        if (!i.pendingPos.isEmpty()) {
            byte[] d = i.pendingData.get(0);
            if (d.length > 1) {
                int keep = 1 + tear.nextInt(d.length - 1);
                i.put(i.pendingPos.get(0)[0], d, 0, keep);
                return true;
            }
        }
        for (FaultRegion r : i.regions) {
            ByteBuffer live = r.inner.buffer();
            int n = (int) Math.min(r.inner.size(), i.length);
            for (int page = 0; page < n; page += 8192) {
                int end = Math.min(n, page + 8192);
                for (int b = page; b < end; b++) {
                    if (live.get(b) != i.data[b]) {
                        int keep = 1 + tear.nextInt(end - b);
                        byte[] copy = new byte[keep];
                        live.get(b, copy, 0, keep);
                        i.put(b, copy, 0, keep);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private final class FaultFile implements WalFile {
        private final WalFile inner;
        private final Inode inode;
        private final OpenMode mode;
        private final int gen;

        FaultFile(WalFile inner, Inode inode, OpenMode mode, int gen) {
            this.inner = inner; this.inode = inode; this.mode = mode; this.gen = gen;
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            synchronized (lock) {
                checkAlive(gen);
                byte[] copy = new byte[src.remaining()];
                src.duplicate().get(copy);
                inner.write(src, position);
                if (mode == OpenMode.NORMAL) {
                    inode.pendingPos.add(new long[] {position});
                    inode.pendingData.add(copy);
                } else {
                    inode.put(position, copy, 0, copy.length);
                }
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (lock) { checkAlive(gen); return inner.read(dst, position); }
        }

        @Override
        public void force(boolean metadata) throws IOException {
            synchronized (lock) {
                checkAlive(gen);
                syncs.incrementAndGet();
                inner.force(metadata);
                inode.applyPending();
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (lock) { checkAlive(gen); return inner.size(); }
        }

        @Override
        public void close() throws IOException { inner.close(); }
    }

    private final class FaultRegion implements PersistentRegion {
        final PersistentRegion inner;
        private final Inode inode;
        private final int gen;

        FaultRegion(PersistentRegion inner, Inode inode, int gen) { this.inner = inner; this.inode = inode; this.gen = gen; }

        @Override public ByteBuffer buffer() { return inner.buffer(); }
        @Override public long size() { return inner.size(); }
        @Override public boolean isPmem() { return inner.isPmem(); }
        @Override public String flushMethod() { return inner.flushMethod(); }
        @Override public void copyFrom(ByteBuffer src, int srcOffset, long offset, int length) { inner.copyFrom(src, srcOffset, offset, length); }

        @Override
        public void persist(long offset, int length) throws IOException {
            persistWith(offset, length, false);
        }

        @Override
        public void persistCopied(long offset, int length) throws IOException {
            persistWith(offset, length, true);
        }

        private void persistWith(long offset, int length, boolean copied) throws IOException {
            synchronized (lock) {
                checkAlive(gen);
                syncs.incrementAndGet();
                if (copied) inner.persistCopied(offset, length); else inner.persist(offset, length);
                byte[] copy = new byte[length];
                inner.buffer().get((int) offset, copy, 0, length);
                inode.put(offset, copy, 0, length);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (lock) {
                if (gen == generation) inode.regions.remove(this);
            }
            inner.close();
        }
    }
}
