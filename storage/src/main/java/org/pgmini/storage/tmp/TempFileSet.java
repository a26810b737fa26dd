package org.pgmini.storage.tmp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporary files of one query or transaction (the part of a ResourceOwner that owns files):
 * closing the set closes and deletes every file still open, whether the work ended normally or
 * by an error. Use with try-with-resources, or close it from the transaction's abort path.
 */
public final class TempFileSet implements AutoCloseable {
    private final Path dataDir;
    private final long segmentSize;
    private final List<BufFile> files = new ArrayList<>();

    public TempFileSet(Path dataDir) { this(dataDir, BufFile.DEFAULT_SEGMENT_SIZE); }

    public TempFileSet(Path dataDir, long segmentSize) {
        this.dataDir = dataDir;
        this.segmentSize = segmentSize;
    }

    public synchronized BufFile create() {
        BufFile f = BufFile.create(dataDir, segmentSize);
        files.add(f);
        return f;
    }

    @Override
    public synchronized void close() {
        for (BufFile f : files) f.close();
        files.clear();
    }
}
