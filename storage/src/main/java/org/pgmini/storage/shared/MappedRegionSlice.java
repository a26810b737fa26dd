package org.pgmini.storage.shared;

import org.pgmini.shmem.region.MappedRegion;

import java.nio.ByteBuffer;

/**
 * A {@link SharedRegion} over bytes [base, base + size) of a shmem {@link MappedRegion}, e.g. a
 * chunk of a parallel query's DSM segment that holds a {@code ParallelBlockAllocator}. Offsets
 * are relative to {@code base}; atomic accesses need {@code base} 8-byte aligned.
 */
public class MappedRegionSlice implements SharedRegion {
    private final MappedRegion mapped;
    private final long base;
    private final long size;

    public MappedRegionSlice(MappedRegion mapped, long base, long size) {
        if (base % 8 != 0) throw new IllegalArgumentException("slice base must be 8-byte aligned");
        if (base < 0 || base + size > mapped.size()) throw new IndexOutOfBoundsException("slice beyond the mapped region");
        this.mapped = mapped;
        this.base = base;
        this.size = size;
    }

    private long at(long offset) {
        if (offset < 0 || offset > size) throw new IndexOutOfBoundsException("offset " + offset + " outside a slice of " + size);
        return base + offset;
    }

    @Override public long size() { return size; }

    @Override
    public ByteBuffer window(long offset, int length) {
        if (offset + length > size) throw new IndexOutOfBoundsException("window beyond the slice");
        return mapped.buffer(at(offset), length);
    }

    @Override public int getInt(long offset) { return mapped.getInt(at(offset)); }
    @Override public void putInt(long offset, int value) { mapped.putInt(at(offset), value); }
    @Override public long getLong(long offset) { return mapped.getLong(at(offset)); }
    @Override public void putLong(long offset, long value) { mapped.putLong(at(offset), value); }
    @Override public int getIntVolatile(long offset) { return mapped.getIntVolatile(at(offset)); }
    @Override public void putIntVolatile(long offset, int value) { mapped.putIntVolatile(at(offset), value); }
    @Override public boolean compareAndSetInt(long offset, int expected, int value) { return mapped.compareAndSetInt(at(offset), expected, value); }
    @Override public int getAndAddInt(long offset, int delta) { return mapped.getAndAddInt(at(offset), delta); }
    @Override public long getLongVolatile(long offset) { return mapped.getLongVolatile(at(offset)); }
    @Override public void putLongVolatile(long offset, long value) { mapped.putLongVolatile(at(offset), value); }
    @Override public boolean compareAndSetLong(long offset, long expected, long value) { return mapped.compareAndSetLong(at(offset), expected, value); }
    @Override public long getAndAddLong(long offset, long delta) { return mapped.getAndAddLong(at(offset), delta); }
}
