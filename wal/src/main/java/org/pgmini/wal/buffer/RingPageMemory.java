package org.pgmini.wal.buffer;

import org.pgmini.wal.WalLayout;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A ring of WAL pages in one buffer (PostgreSQL's XLogCtl->pages and xlblocks): the page with
 * start LSN p lives in slot (p / 8 KiB) mod N. {@code pageEnd[i]} is the end LSN of the page in
 * slot i, written (volatile) only after the page's bytes are initialized, so an inserter that
 * sees the expected end may copy into the page without further locking.
 */
public final class RingPageMemory implements PageMemory {
    private final ByteBuffer memory;
    private final int pages;
    private final AtomicLongArray pageEnd;

    /** @param memory a direct buffer or a mapped file of at least {@code pages} pages */
    public RingPageMemory(ByteBuffer memory, int pages) {
        if (memory.capacity() < (long) pages * WalLayout.PAGE_SIZE) throw new IllegalArgumentException("ring buffer too small");
        this.memory = memory;
        this.pages = pages;
        this.pageEnd = new AtomicLongArray(pages);
    }

    public int pages() { return pages; }

    public ByteBuffer memory() { return memory; }

    public int slot(long pageStart) { return (int) ((pageStart / WalLayout.PAGE_SIZE) % pages); }

    @Override
    public boolean isReady(long pageStart) { return pageEnd.get(slot(pageStart)) == pageStart + WalLayout.PAGE_SIZE; }

    @Override public ByteBuffer buffer(long pageStart) { return memory; }

    @Override public int offset(long pageStart) { return slot(pageStart) * WalLayout.PAGE_SIZE; }

    @Override public long occupantEnd(long pageStart) { return pageEnd.get(slot(pageStart)); }

    @Override
    public void initialize(long pageStart, HeaderWriter header) {
        int base = offset(pageStart);
        zero(base);
        header.write(memory, base, pageStart);
        pageEnd.set(slot(pageStart), pageStart + WalLayout.PAGE_SIZE);
    }

    @Override
    public void load(long pageStart, byte[] page) {
        memory.put(offset(pageStart), page, 0, WalLayout.PAGE_SIZE);
        pageEnd.set(slot(pageStart), pageStart + WalLayout.PAGE_SIZE);
    }

    private static final byte[] ZERO_PAGE = new byte[WalLayout.PAGE_SIZE];

    private void zero(int base) { memory.put(base, ZERO_PAGE, 0, WalLayout.PAGE_SIZE); }
}
