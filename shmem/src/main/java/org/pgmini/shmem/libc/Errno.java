package org.pgmini.shmem.libc;

import org.pgmini.error.PgException;

/**
 * errno values and their translation into {@link PgException}s worded like PostgreSQL's
 * {@code ereport(..., errmsg("... : %m"))}: the message ends with {@code strerror(errno)}, and the
 * SQLSTATE is chosen the way PostgreSQL's errcode_for_dynamic_shared_memory() /
 * errcode_for_file_access() choose it.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int EROFS = 30;
    public static final int ENAMETOOLONG = 36;
    public static final int EIDRM = 43;
    public static final int ETIMEDOUT = 110;

    // SQLSTATEs used here that org.pgmini.error.SqlState does not name (kept local so that the
    // shared contract file stays untouched).
    static final String UNDEFINED_FILE = "58P01";
    static final String DUPLICATE_FILE = "58P02";
    static final String IO_ERROR = "58030";
    static final String DISK_FULL = "53100";
    static final String OUT_OF_MEMORY = "53200";
    static final String INSUFFICIENT_RESOURCES = "53000";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String WRONG_OBJECT_TYPE = "42809";
    static final String NAME_TOO_LONG = "42622";
    static final String INTERNAL_ERROR = "XX000";

    /** strerror(errno) as glibc words it, e.g. "No such file or directory". */
    public static String message(int errno) {
        String s = LibC.strerror(errno);
        return s != null ? s : "Unknown error " + errno;
    }

    /** SQLSTATE for a failed shared-memory call, as errcode_for_dynamic_shared_memory(). */
    public static String sqlStateForSharedMemory(int errno) {
        if (errno == EFBIG || errno == ENOMEM) {
            return OUT_OF_MEMORY;
        }
        return sqlStateForFileAccess(errno);
    }

    /** SQLSTATE for a failed file call, as errcode_for_file_access(). */
    public static String sqlStateForFileAccess(int errno) {
        switch (errno) {
            case EPERM: case EACCES: case EROFS: return INSUFFICIENT_PRIVILEGE;
            case ENOENT: return UNDEFINED_FILE;
            case EEXIST: return DUPLICATE_FILE;
            case ENOTDIR: case EISDIR: return WRONG_OBJECT_TYPE;
            case ENOSPC: return DISK_FULL;
            case ENFILE: case EMFILE: return INSUFFICIENT_RESOURCES;
            case EIO: return IO_ERROR;
            case ENAMETOOLONG: return NAME_TOO_LONG;
            default: return INTERNAL_ERROR;
        }
    }

    /** "{@code what}: strerror(errno)" with the shared-memory SQLSTATE for errno. */
    public static PgException sharedMemoryError(String what, int errno) {
        return new PgException(sqlStateForSharedMemory(errno), what + ": " + message(errno));
    }
}
