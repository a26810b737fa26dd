package org.pgmini.shmem;

import org.pgmini.shmem.dsm.DsmImpl;
import org.pgmini.shmem.dsm.DsmImpls;
import org.pgmini.shmem.dsm.DsmMapping;
import org.pgmini.shmem.dsm.PosixDsmImpl;
import org.pgmini.shmem.region.MappedRegion;

/** A raw POSIX segment for tests of structures that live in shared memory; removed on close. */
public final class TestSegment implements AutoCloseable {
    private final DsmImpl impl = new PosixDsmImpl();
    private final DsmMapping mapping;

    public TestSegment(long size) {
        mapping = DsmImpls.createWithRandomHandle(impl, size);
    }

    public MappedRegion region() { return mapping.region(); }
    public int handle() { return mapping.handle(); }

    /** A second, independent mapping of the same segment (as another process would have). */
    public MappedRegion secondMapping() {
        return impl.attach(mapping.handle()).region();
    }

    @Override
    public void close() {
        impl.detach(mapping);
        impl.destroy(mapping.handle());
    }
}
