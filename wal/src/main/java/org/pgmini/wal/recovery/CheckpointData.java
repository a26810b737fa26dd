package org.pgmini.wal.recovery;

import org.pgmini.wal.Lsn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Contents of a checkpoint record and of pg_control's copy of the latest one (PostgreSQL's
 * CheckPoint struct, without multixacts and commit timestamps, which pgmini does not have).
 * {@code nextXid} is a full 64-bit id: epoch in the high half, as PostgreSQL prints "epoch:xid".
 */
public record CheckpointData(long redo, int timeline, int prevTimeline, boolean fullPageWrites, long nextXid,
                             int nextOid, int oldestXid, int oldestXidDb, int oldestActiveXid, long time) {
    public static final int SIZE = 8 + 4 + 4 + 4 + 8 + 4 + 4 + 4 + 4 + 8;

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(redo).putInt(timeline).putInt(prevTimeline).putInt(fullPageWrites ? 1 : 0).putLong(nextXid)
                .putInt(nextOid).putInt(oldestXid).putInt(oldestXidDb).putInt(oldestActiveXid).putLong(time);
        return b.array();
    }

    public static CheckpointData decode(byte[] data) {
        if (data.length < SIZE) throw new IllegalArgumentException("checkpoint record too short");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return new CheckpointData(b.getLong(), b.getInt(), b.getInt(), b.getInt() != 0, b.getLong(), b.getInt(),
                b.getInt(), b.getInt(), b.getInt(), b.getLong());
    }

    /** The same checkpoint with another redo pointer and time. */
    public CheckpointData at(long newRedo, long newTime) {
        return new CheckpointData(newRedo, timeline, prevTimeline, fullPageWrites, nextXid, nextOid, oldestXid,
                oldestXidDb, oldestActiveXid, newTime);
    }

    /** pg_waldump's description of the checkpoint fields. */
    public String describe(boolean shutdown) {
        return "redo " + Lsn.format(redo) + "; tli " + timeline + "; prev tli " + prevTimeline + "; fpw " + fullPageWrites
                + "; xid " + (nextXid >>> 32) + ":" + Integer.toUnsignedString((int) nextXid) + "; oid "
                + Integer.toUnsignedString(nextOid) + "; oldest xid " + Integer.toUnsignedString(oldestXid) + " in DB "
                + Integer.toUnsignedString(oldestXidDb) + "; oldest running xid "
                + Integer.toUnsignedString(oldestActiveXid) + "; " + (shutdown ? "shutdown" : "online");
    }
}
