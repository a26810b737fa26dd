package org.pgmini.shmem.dsm;

import org.pgmini.shmem.libc.LibC;

import java.nio.file.Path;

/**
 * {@code dynamic_shared_memory_type = mmap}: a file {@code pg_dynshmem/mmap.<handle>} in the data
 * directory, mapped shared. The kernel may write dirty pages back to disk, which makes it the
 * slowest kind; it exists for systems without POSIX or SysV shared memory, as in PostgreSQL.
 */
public final class MmapDsmImpl extends FileBackedDsmImpl {
    public static final String FILE_PREFIX = "mmap.";
    private final Path directory;

    /** {@code directory} is the data directory's pg_dynshmem (it must exist). */
    public MmapDsmImpl(Path directory) {
        this.directory = directory;
    }

    public Path directory() { return directory; }
    @Override public DsmImplKind kind() { return DsmImplKind.MMAP; }
    @Override int openFd(String path, int flags, int mode) { return LibC.open(path, flags, mode); }
    @Override int unlinkName(String path) { return LibC.unlink(path); }
    @Override String pathOf(int handle) { return directory.resolve(FILE_PREFIX + Integer.toUnsignedString(handle)).toString(); }
    @Override public String segmentName(int handle) { return "pg_dynshmem/" + FILE_PREFIX + Integer.toUnsignedString(handle); }
}
