package org.pgmini.wal.recovery;

import org.pgmini.wal.record.DecodedRecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The built-in XLOG resource manager: checkpoints and bookkeeping records of wal itself. */
public final class XlogResourceManager implements ResourceManager {
    public static final int CHECKPOINT_SHUTDOWN = 0x00;
    public static final int CHECKPOINT_ONLINE = 0x10;
    public static final int NOOP = 0x20;
    public static final int NEXTOID = 0x30;
    public static final int END_OF_RECOVERY = 0x90;

    @Override public int id() { return RmgrIds.XLOG; }
    @Override public String name() { return "XLOG"; }

    /** Checkpoint records change no page; recovery reads their fields itself. */
    @Override public void redo(DecodedRecord record) {}

    @Override
    public String identify(int info) {
        switch (info & 0xF0) {
            case CHECKPOINT_SHUTDOWN: return "CHECKPOINT_SHUTDOWN";
            case CHECKPOINT_ONLINE: return "CHECKPOINT_ONLINE";
            case NOOP: return "NOOP";
            case NEXTOID: return "NEXTOID";
            case END_OF_RECOVERY: return "END_OF_RECOVERY";
            default: return null;
        }
    }

    @Override
    public String describe(DecodedRecord record) {
        int info = record.info() & 0xF0;
        if (info == CHECKPOINT_SHUTDOWN || info == CHECKPOINT_ONLINE) {
            return CheckpointData.decode(record.mainData()).describe(info == CHECKPOINT_SHUTDOWN);
        }
        if (info == NEXTOID && record.mainData().length >= 4) {
            return Integer.toUnsignedString(ByteBuffer.wrap(record.mainData()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        return "";
    }
}
