package org.pgmini.wal.io;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * libpmem (PMDK) through JNA, loaded on first use. Debian package libpmem1. When the library is
 * missing, {@link #available()} is false and mapped regions use MappedByteBuffer.force instead.
 */
public final class LibPmem {
    private LibPmem() {}

    public static final int PMEM_FILE_CREATE = 1;

    /** The C functions we call; size_t is a long on the 64-bit platforms we run on. */
    public interface Api extends Library {
        Pointer pmem_map_file(String path, long len, int flags, int mode, LongByReference mappedLen, IntByReference isPmem);
        int pmem_unmap(Pointer addr, long len);
        void pmem_persist(Pointer addr, long len);
        int pmem_msync(Pointer addr, long len);
        Pointer pmem_memcpy_nodrain(Pointer dest, Pointer src, long len);
        void pmem_drain();
        int pmem_is_pmem(Pointer addr, long len);
        String pmem_errormsg();
    }

    private static final class Holder {
        static final Api API = load();

        private static Api load() {
            try {
                return Native.load("pmem", Api.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    public static boolean available() { return Holder.API != null; }

    public static Api api() {
        if (Holder.API == null) throw new IllegalStateException("libpmem is not installed");
        return Holder.API;
    }
}
