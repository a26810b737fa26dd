package org.pgmini.wal.control;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.WalFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads and writes global/pg_control. A write is atomic: the new content goes to a temp file
 * which is fsynced, renamed over pg_control, and the directory fsynced — after a crash either
 * the old or the new version is there, never a mix. Writers serialize on this object.
 */
public final class ControlFile {
    private final FileLayer layer;
    private final Path globalDir;
    private final Path path;
    private volatile ControlFileData current;

    public ControlFile(FileLayer layer, Path dataDir) {
        this.layer = layer;
        this.globalDir = dataDir.resolve("global");
        this.path = globalDir.resolve("pg_control");
    }

    public static Path pathIn(Path dataDir) { return dataDir.resolve("global").resolve("pg_control"); }

    public boolean exists() { return layer.exists(path); }

    public ControlFileData read() {
        byte[] bytes = new byte[ControlFileData.FILE_SIZE];
        try (WalFile f = layer.open(path, false, FileLayer.OpenMode.NORMAL)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                if (f.read(b, b.position()) < 0) break;
            }
            if (b.hasRemaining()) {
                throw new PgException("FATAL", SqlState.DATA_CORRUPTED, "could not read file \"global/pg_control\": read "
                        + b.position() + " of " + bytes.length, null, null, 0, null, null);
            }
        } catch (IOException e) {
            throw new PgException("FATAL", SqlState.IO_ERROR, "could not open file \"global/pg_control\": " + e.getMessage(),
                    null, null, 0, null, e);
        }
        ControlFileData d = ControlFileData.decode(bytes);
        if (d == null) {
            throw new PgException("FATAL", SqlState.DATA_CORRUPTED, "incorrect checksum in control file",
                    null, null, 0, null, null);
        }
        current = d;
        return d;
    }

    /** The last version read or written by this process. */
    public ControlFileData current() { return current; }

    public synchronized void write(ControlFileData data) throws IOException {
        Path tmp = globalDir.resolve("pg_control.tmp");
        layer.createDirectories(globalDir);
        try (WalFile f = layer.open(tmp, true, FileLayer.OpenMode.NORMAL)) {
            f.write(ByteBuffer.wrap(data.encode()), 0);
            f.force(true);
        }
        layer.rename(tmp, path);
        layer.syncDirectory(globalDir);
        current = data;
    }
}
