package org.pgmini.wal.dump;

import org.pgmini.wal.WalLayout;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.io.WalFile;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.recovery.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads pages the way recovery does for pmem_buffers and nvwal, without mapping: the page with
 * LSN p is taken from place (p / 8 KiB) mod N of the buffer file when that place carries p's
 * address, else from the segment files.
 */
final class BufferFilePageSource implements PageSource {
    private final PageSource segments;
    private final WalFile file;
    private final long pages;
    private final Path path;

    BufferFilePageSource(PageSource segments, FileLayer layer, Path bufferFile) throws IOException {
        this.segments = segments;
        this.file = layer.open(bufferFile, false, FileLayer.OpenMode.NORMAL);
        this.pages = file.size() / WalLayout.PAGE_SIZE;
        this.path = bufferFile;
        if (pages == 0) throw new IOException("buffer file \"" + bufferFile + "\" is empty");
    }

    @Override
    public boolean readPage(long pageStart, byte[] dst) throws IOException {
        long place = (pageStart / WalLayout.PAGE_SIZE) % pages;
        ByteBuffer b = ByteBuffer.wrap(dst);
        long pos = place * WalLayout.PAGE_SIZE;
        while (b.hasRemaining()) {
            if (file.read(b, pos + b.position()) < 0) break;
        }
        if (!b.hasRemaining() && PageHeader.namesPage(ByteBuffer.wrap(dst), 0, pageStart)) {
            return true;
        }
        return segments.readPage(pageStart, dst);
    }

    @Override
    public String describe(long pageStart) {
        return segments.describe(pageStart) + " (or buffer file \"" + path + "\")";
    }

    @Override
    public void close() throws IOException {
        file.close();
        segments.close();
    }
}
