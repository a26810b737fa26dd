package org.pgmini.storage.tape;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a worker hands its leader about one finished tape (PostgreSQL's TapeShare, plus what our
 * import needs to place the file in the leader's block space): the file in the shared fileset,
 * how many blocks that file's tape set allocated (the leader reserves that many block numbers
 * for it), the tape's first block (file-relative) and its size in bytes.
 * {@link #toBytes()} / {@link #fromBytes} carry it across processes (e.g. in a DSM segment).
 */
public record TapeExport(String fileName, long fileBlocks, long firstBlock, long sizeBytes) {
    public byte[] toBytes() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeLong(fileBlocks);
            out.writeLong(firstBlock);
            out.writeLong(sizeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    public static TapeExport fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            byte[] name = new byte[in.readUnsignedShort()];
            in.readFully(name);
            return new TapeExport(new String(name, StandardCharsets.UTF_8), in.readLong(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed tape export", e);
        }
    }
}
