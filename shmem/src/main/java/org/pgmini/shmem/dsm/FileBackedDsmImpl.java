package org.pgmini.shmem.dsm;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.libc.Errno;
import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.region.MappedRegion;

/**
 * Common code of the two implementations whose segments are file descriptors: POSIX shared
 * memory objects (shm_open) and plain files (open). Both size the object with ftruncate plus
 * posix_fallocate — so that a full /dev/shm or disk gives an error now rather than SIGBUS on a
 * later write to a page the kernel cannot back — map it MAP_SHARED, and close the descriptor.
 */
abstract class FileBackedDsmImpl implements DsmImpl {

    /** open with flags/mode; returns fd or -1 with errno set. */
    abstract int openFd(String path, int flags, int mode);

    /** remove the name; returns 0 or -1 with errno set. */
    abstract int unlinkName(String path);

    /** The path given to open/unlink for a handle. */
    abstract String pathOf(int handle);

    @Override
    public DsmMapping create(int handle, long size) {
        MappedRegion r = createNamed(pathOf(handle), segmentName(handle), size);
        return r == null ? null : new DsmMapping(handle, segmentName(handle), r, -1);
    }

    @Override
    public DsmMapping attach(int handle) {
        return new DsmMapping(handle, segmentName(handle), attachNamed(pathOf(handle), segmentName(handle)), -1);
    }

    @Override
    public void detach(DsmMapping mapping) {
        unmap(mapping.region(), mapping.name());
    }

    @Override
    public boolean destroy(int handle) {
        return destroyNamed(pathOf(handle), segmentName(handle));
    }

    @Override
    public void resize(DsmMapping mapping, long newSize) {
        String name = mapping.name();
        int fd = openFd(pathOf(mapping.handle()), LibC.O_RDWR | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw Errno.sharedMemoryError("could not open shared memory segment \"" + name + "\"", LibC.errno());
        }
        try {
            setSize(fd, name, newSize);
            unmap(mapping.region(), name);
            mapping.replaceRegion(map(fd, name, newSize));
        } finally {
            LibC.close(fd);
        }
    }

    /** Creates and maps {@code path}; null if it already exists. */
    MappedRegion createNamed(String path, String name, long size) {
        if (size <= 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid shared memory segment size " + size);
        }
        int fd = openFd(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EEXIST) {
                return null;
            }
            throw Errno.sharedMemoryError("could not open shared memory segment \"" + name + "\"", errno);
        }
        try {
            setSize(fd, name, size);
            return map(fd, name, size);
        } catch (RuntimeException e) {
            unlinkName(path);
            throw e;
        } finally {
            LibC.close(fd);
        }
    }

    MappedRegion attachNamed(String path, String name) {
        int fd = openFd(path, LibC.O_RDWR | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            throw Errno.sharedMemoryError("could not open shared memory segment \"" + name + "\"", LibC.errno());
        }
        try {
            long size = LibC.lseek(fd, 0, LibC.SEEK_END);
            if (size < 0) {
                throw Errno.sharedMemoryError("could not stat shared memory segment \"" + name + "\"", LibC.errno());
            }
            if (size == 0) {
                // Created but not yet sized by its creator: nothing to map.
                throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "could not map shared memory segment \"" + name + "\": segment has size 0");
            }
            return map(fd, name, size);
        } finally {
            LibC.close(fd);
        }
    }

    boolean destroyNamed(String path, String name) {
        if (unlinkName(path) != 0) {
            int errno = LibC.errno();
            if (errno == Errno.ENOENT) {
                return false;
            }
            throw Errno.sharedMemoryError("could not remove shared memory segment \"" + name + "\"", errno);
        }
        return true;
    }

    static void unmap(MappedRegion region, String name) {
        if (region == null || !region.isValid()) {
            return;
        }
        region.invalidate();
        if (LibC.munmap(region.address(), region.size()) != 0) {
            throw Errno.sharedMemoryError("could not unmap shared memory segment \"" + name + "\"", LibC.errno());
        }
    }

    private static void setSize(int fd, String name, long size) {
        if (LibC.ftruncate(fd, size) != 0) {
            throw Errno.sharedMemoryError("could not resize shared memory segment \"" + name + "\" to " + size + " bytes", LibC.errno());
        }
        int rc;
        do {
            rc = LibC.posix_fallocate(fd, 0, size);
        } while (rc == Errno.EINTR);
        if (rc != 0) {
            throw Errno.sharedMemoryError("could not resize shared memory segment \"" + name + "\" to " + size + " bytes", rc);
        }
    }

    private static MappedRegion map(int fd, String name, long size) {
        long addr = LibC.mmap(0, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        if (addr == LibC.MAP_FAILED) {
            throw Errno.sharedMemoryError("could not map shared memory segment \"" + name + "\"", LibC.errno());
        }
        return new MappedRegion(addr, size);
    }
}
