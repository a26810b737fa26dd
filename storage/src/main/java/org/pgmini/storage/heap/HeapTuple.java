package org.pgmini.storage.heap;

import org.pgmini.storage.tuple.HeapTupleHeader;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A private copy of a heap tuple (header and data) with its TID. */
public final class HeapTuple {
    private final ItemPointer self;
    private final byte[] data;

    public HeapTuple(ItemPointer self, byte[] data) {
        this.self = self;
        this.data = data;
    }

    public ItemPointer self() { return self; }
    public byte[] data() { return data; }

    private ByteBuffer buf() { return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN); }

    public int xmin() { return HeapTupleHeader.xmin(buf(), 0); }
    public int xmax() { return HeapTupleHeader.xmax(buf(), 0); }
    public int infomask() { return HeapTupleHeader.infomask(buf(), 0); }
    /** The TID of the newer version if this one was updated, else its own TID. */
    public ItemPointer ctid() { return HeapTupleHeader.ctid(buf(), 0); }

    public Object[] values(TupleDesc desc) { return TupleCodec.deform(desc, buf(), 0); }

    @Override
    public String toString() { return "HeapTuple" + self; }
}
