package org.pgmini.wal.mode;

import org.pgmini.wal.buffer.PageMemory;
import org.pgmini.wal.buffer.RingPageMemory;
import org.pgmini.wal.io.PersistentRegion;
import org.pgmini.wal.record.PageHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The page ring of the buffer-file modes (pmem_buffers, nvwal), where the ring is itself durable
 * and recovery takes a page from its ring place when the place's header names that page.
 *
 * <p>Why reuse needs an extra step: when a place is reused, the new occupant's stores (zeroing
 * the page, its header, records) are not persisted yet, but any of them may reach the media
 * anyway — the CPU evicts cache lines, the kernel writes back dirty pages of an msync'ed file —
 * and in any order. If the body reached the media and the header did not, the place would still
 * name the OLD page over a body that is partly the new one, and recovery would prefer that
 * damaged copy to the intact one in the segment file: acknowledged records would fail their CRC.
 *
 * <p>Invariant: before the first store of a new occupant, the old occupant's identity is retired
 * DURABLY — magic cleared, page address set to all ones — and only then is the place zeroed and
 * initialized. From then on the place never names the old page again, whatever part of the new
 * occupant's stores reaches the media: the address word (8-byte aligned, so failure-atomic on
 * real hardware) holds all ones, 0 or the new page's address; and a byte-wise torn store of it
 * (the fault layer keeps a prefix of the changed bytes) leaves all-ones bytes above the new low
 * bytes — a value at or above the new address, so never an older page recovery could ask for.
 * The new page itself is harmless: until a flush persists its header it holds no acknowledged
 * byte. The old page is safe elsewhere: a place is reused only after its page is durable in its
 * segment (or, for nvwal, lies below a checkpoint's redo pointer and is no longer needed).
 * Cost: one small persist per reused 8 KiB page. Called under the inserter's mapping lock.
 */
final class RetiringRingMemory implements PageMemory {
    /** Written over a retired place's page address: never the start of a page (not 8 KiB aligned). */
    static final long RETIRED_ADDRESS = -1L;

    private final RingPageMemory ring;
    private final PersistentRegion file;

    RetiringRingMemory(RingPageMemory ring, PersistentRegion file) {
        this.ring = ring;
        this.file = file;
    }

    @Override public boolean isReady(long pageStart) { return ring.isReady(pageStart); }
    @Override public ByteBuffer buffer(long pageStart) { return ring.buffer(pageStart); }
    @Override public int offset(long pageStart) { return ring.offset(pageStart); }
    @Override public long occupantEnd(long pageStart) { return ring.occupantEnd(pageStart); }

    @Override
    public void initialize(long pageStart, HeaderWriter header) throws IOException {
        if (ring.occupantEnd(pageStart) != 0) retire(ring.offset(pageStart));
        ring.initialize(pageStart, header);
    }

    @Override
    public void load(long pageStart, byte[] page) throws IOException {
        // Only at startup, into a ring that was zeroed and persisted: no old identity to retire.
        ring.load(pageStart, page);
    }

    /** Makes the place at {@code base} durably name no page, before anything else is stored there. */
    private void retire(int base) throws IOException {
        ByteBuffer b = ring.memory().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(base + PageHeader.OFF_MAGIC, (short) 0);
        b.putLong(base + PageHeader.OFF_PAGEADDR, RETIRED_ADDRESS);
        file.persist(base, PageHeader.OFF_PAGEADDR + Long.BYTES);
    }
}
