package org.pgmini.wal.io;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A file mapped with pmem_map_file. On real PMEM (pmem_is_pmem = 1) pmem_persist flushes CPU
 * caches; elsewhere (ext4, /dev/shm) durability needs pmem_msync (MACHINE-NOTES), so persist
 * picks the call by what libpmem reported for this mapping.
 */
final class LibPmemRegion implements PersistentRegion {
    private final LibPmem.Api api;
    private final Pointer base;
    private final long size;
    private final boolean pmem;
    private final ByteBuffer buffer;
    private volatile boolean closed;

    LibPmemRegion(Path path, long size) throws IOException {
        this.api = LibPmem.api();
        LongByReference mapped = new LongByReference();
        IntByReference isPmem = new IntByReference();
        Pointer p = api.pmem_map_file(path.toString(), size, LibPmem.PMEM_FILE_CREATE, 0600, mapped, isPmem);
        if (p == null) throw new IOException("pmem_map_file(" + path + ") failed: " + api.pmem_errormsg());
        if (mapped.getValue() < size) {
            api.pmem_unmap(p, mapped.getValue());
            throw new IOException("pmem_map_file(" + path + ") mapped " + mapped.getValue() + " bytes, wanted " + size);
        }
        if (size > Integer.MAX_VALUE) {
            api.pmem_unmap(p, mapped.getValue());
            throw new IOException("mapped WAL file larger than 2 GB: " + path);
        }
        this.base = p;
        this.size = size;
        this.pmem = isPmem.getValue() != 0;
        this.buffer = p.getByteBuffer(0, size);
    }

    @Override public ByteBuffer buffer() { return buffer; }
    @Override public long size() { return size; }
    @Override public boolean isPmem() { return pmem; }
    @Override public String flushMethod() { return "libpmem"; }

    @Override
    public void persist(long offset, int length) throws IOException {
        if (length <= 0) return;
        if (closed) throw new IOException("region closed");
        if (pmem) {
            api.pmem_persist(base.share(offset), length);
        } else if (api.pmem_msync(base.share(offset), length) != 0) {
            throw new IOException("pmem_msync failed: " + api.pmem_errormsg());
        }
    }

    @Override
    public void persistCopied(long offset, int length) throws IOException {
        if (length <= 0) return;
        if (closed) throw new IOException("region closed");
        if (pmem) {
            api.pmem_drain();
        } else {
            persist(offset, length);
        }
    }

    @Override
    public void copyFrom(ByteBuffer src, int srcOffset, long offset, int length) {
        if (pmem && src.isDirect()) {
            api.pmem_memcpy_nodrain(base.share(offset), Native.getDirectBufferPointer(src).share(srcOffset), length);
        } else {
            buffer.put((int) offset, src, srcOffset, length);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        api.pmem_unmap(base, size);
    }
}
