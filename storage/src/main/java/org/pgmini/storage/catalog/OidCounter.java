package org.pgmini.storage.catalog;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Hands out object ids (GetNewObjectId) from {@link CatalogOids#FIRST_NORMAL_OBJECT_ID} up.
 * Persisted conservatively like the xid allocator: before handing out an oid at or past the
 * persisted limit, a limit {@link #PREFETCH} further is written and fsynced to
 * {@code global/pgmini_oid} (temp file + rename), so an oid is never handed out twice, even
 * after a crash. When WAL lands this becomes the checkpoint's nextOid plus NEXTOID records.
 * Wraparound (past 2^32) is not handled: it raises an error instead of reusing oids.
 */
public final class OidCounter {
    public static final int PREFETCH = 8192;
    static final String FILE = "global/pgmini_oid";

    private final Path file;
    private long next;
    private long persistedLimit;

    public OidCounter(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        long start = CatalogOids.FIRST_NORMAL_OBJECT_ID;
        if (Files.exists(file)) {
            try {
                byte[] b = Files.readAllBytes(file);
                if (b.length != 8) throw new PgException(SqlState.DATA_CORRUPTED, "invalid contents of file \"" + FILE + "\"");
                start = ByteBuffer.wrap(b).getLong();
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not read file \"" + FILE + "\": " + e.getMessage(), e);
            }
        }
        this.next = start;
        this.persistedLimit = start;
    }

    /** The oid {@link #next} would hand out, without taking it (checkpoint records). */
    public synchronized int peekNext() { return (int) next; }

    public synchronized int next() {
        if (next >= 0xFFFF_FFFFL) throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "object ids exhausted (oid wraparound is not supported)");
        if (next >= persistedLimit) {
            persistedLimit = next + PREFETCH;
            persist(persistedLimit);
        }
        return (int) next++;
    }

    private void persist(long limit) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(8).putLong(0, limit));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write file \"" + FILE + "\": " + e.getMessage(), e);
        }
    }
}
