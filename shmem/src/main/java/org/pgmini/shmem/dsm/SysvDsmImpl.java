package org.pgmini.shmem.dsm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.shmem.libc.Errno;
import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.region.MappedRegion;

/**
 * {@code dynamic_shared_memory_type = sysv}: shmget with the handle as the IPC key. IPC_RMID on a
 * segment that is still attached succeeds and the memory lives on until the last shmdt, which is
 * what "destroy while others still map it" needs. Segments cannot be resized.
 */
public final class SysvDsmImpl implements DsmImpl {

    @Override public DsmImplKind kind() { return DsmImplKind.SYSV; }
    @Override public String segmentName(int handle) { return Integer.toUnsignedString(handle); }

    @Override
    public DsmMapping create(int handle, long size) {
        if (handle == 0) {
            throw new IllegalArgumentException("IPC_PRIVATE is not a valid handle");
        }
        int id = LibC.shmget(handle, size, LibC.IPC_CREAT | LibC.IPC_EXCL | 0600);
        if (id < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EEXIST) {
                return null;
            }
            throw Errno.sharedMemoryError("could not get shared memory segment", errno);
        }
        try {
            return new DsmMapping(handle, segmentName(handle), attachId(id, handle, size), id);
        } catch (RuntimeException e) {
            LibC.shmctl(id, LibC.IPC_RMID, 0);
            throw e;
        }
    }

    @Override
    public DsmMapping attach(int handle) {
        int id = LibC.shmget(handle, 0, 0);
        if (id < 0) {
            throw Errno.sharedMemoryError("could not get shared memory segment", LibC.errno());
        }
        long size = stat(id, handle, LibC.SHMID_DS_SEGSZ_OFFSET);
        return new DsmMapping(handle, segmentName(handle), attachId(id, handle, size), id);
    }

    @Override
    public void detach(DsmMapping mapping) {
        MappedRegion r = mapping.region();
        if (r == null || !r.isValid()) {
            return;
        }
        r.invalidate();
        if (LibC.shmdt(r.address()) != 0) {
            throw Errno.sharedMemoryError("could not unmap shared memory segment \"" + mapping.name() + "\"", LibC.errno());
        }
    }

    @Override
    public boolean destroy(int handle) {
        int id = LibC.shmget(handle, 0, 0);
        if (id < 0) {
            int errno = LibC.errno();
            if (errno == Errno.ENOENT || errno == Errno.EIDRM) {
                return false;
            }
            throw Errno.sharedMemoryError("could not get shared memory segment", errno);
        }
        if (LibC.shmctl(id, LibC.IPC_RMID, 0) != 0) {
            int errno = LibC.errno();
            if (errno == Errno.EINVAL || errno == Errno.EIDRM) {
                return false;
            }
            throw Errno.sharedMemoryError("could not remove shared memory segment \"" + segmentName(handle) + "\"", errno);
        }
        return true;
    }

    @Override
    public void resize(DsmMapping mapping, long newSize) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "resizing a dynamic shared memory segment is not supported for dynamic_shared_memory_type \"sysv\"");
    }

    /** Number of processes attached to the segment with this handle (shm_nattch), -1 if none exists. */
    public long attachCount(int handle) {
        int id = LibC.shmget(handle, 0, 0);
        return id < 0 ? -1 : stat(id, handle, LibC.SHMID_DS_NATTCH_OFFSET);
    }

    private long stat(int id, int handle, int fieldOffset) {
        Memory buf = new Memory(LibC.SHMID_DS_SIZE);
        if (LibC.shmctl(id, LibC.IPC_STAT, Pointer.nativeValue(buf)) != 0) {
            throw Errno.sharedMemoryError("could not stat shared memory segment \"" + segmentName(handle) + "\"", LibC.errno());
        }
        return buf.getLong(fieldOffset);
    }

    private MappedRegion attachId(int id, int handle, long size) {
        long addr = LibC.shmat(id, 0, 0);
        if (addr == -1L) {
            throw Errno.sharedMemoryError("could not map shared memory segment \"" + segmentName(handle) + "\"", LibC.errno());
        }
        return new MappedRegion(addr, size);
    }
}
