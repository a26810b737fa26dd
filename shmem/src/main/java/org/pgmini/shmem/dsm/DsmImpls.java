package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import java.security.SecureRandom;
import java.nio.file.Path;
import java.util.Random;

/** Makes the implementation for a {@code dynamic_shared_memory_type}, and picks handles. */
public final class DsmImpls {
    private DsmImpls() {}

    /** Random handles: segments of several servers (and of the real PostgreSQL) share /dev/shm. */
    private static final Random RANDOM = new SecureRandom();
    private static final int MAX_CREATE_ATTEMPTS = 1000;

    /**
     * @param dynshmemDir the data directory's {@code pg_dynshmem}; used (and created if missing)
     *                    only by {@code mmap}
     */
    public static DsmImpl forKind(DsmImplKind kind, Path dynshmemDir) {
        switch (kind) {
            case POSIX: return new PosixDsmImpl();
            case SYSV: return new SysvDsmImpl();
            case MMAP:
                try {
                    java.nio.file.Files.createDirectories(dynshmemDir);
                } catch (java.io.IOException e) {
                    throw new PgException(SqlState.IO_ERROR, "could not create directory \"" + dynshmemDir + "\": " + e.getMessage(), e);
                }
                return new MmapDsmImpl(dynshmemDir);
            case NONE: return new NoneDsmImpl();
            default: throw new IllegalArgumentException(kind.toString());
        }
    }

    /** A random handle other than 0 (DSM_HANDLE_INVALID, and IPC_PRIVATE for sysv). */
    public static int randomHandle() {
        int h;
        do {
            h = RANDOM.nextInt();
        } while (h == 0);
        return h;
    }

    /** Creates a segment under a fresh random handle, retrying on collisions. */
    public static DsmMapping createWithRandomHandle(DsmImpl impl, long size) {
        for (int i = 0; i < MAX_CREATE_ATTEMPTS; i++) {
            DsmMapping m = impl.create(randomHandle(), size);
            if (m != null) {
                return m;
            }
        }
        throw new PgException(SqlState.INTERNAL_ERROR, "could not find a free dynamic shared memory segment handle");
    }
}
