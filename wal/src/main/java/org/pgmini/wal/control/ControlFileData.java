package org.pgmini.wal.control;

import org.pgmini.wal.WalPmemMode;
import org.pgmini.wal.recovery.CheckpointData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The contents of global/pg_control (PostgreSQL's ControlFileData, the fields pgmini uses):
 * identity and geometry fixed at initdb, the cluster state, the latest checkpoint's location and
 * a copy of its record, and the WAL design that wrote the WAL after it. Immutable; change with
 * the with* methods and write through {@link ControlFile}.
 */
public record ControlFileData(long systemIdentifier, DbState state, long time, long checkPoint,
                              CheckpointData checkPointCopy, long walSegmentSize, WalPmemMode walPmemMode,
                              long minRecoveryPoint) {
    /** Version of this layout (pg_control version number). */
    public static final int VERSION = 1;
    /** Bytes written: PostgreSQL keeps pg_control within one 512-byte sector so a write cannot tear it. */
    public static final int FILE_SIZE = 512;
    public static final int BLOCK_SIZE = 8192;

    public ControlFileData withState(DbState s, long now) {
        return new ControlFileData(systemIdentifier, s, now, checkPoint, checkPointCopy, walSegmentSize, walPmemMode, minRecoveryPoint);
    }

    public ControlFileData withCheckpoint(long location, CheckpointData copy, DbState s, long now) {
        return new ControlFileData(systemIdentifier, s, now, location, copy, walSegmentSize, walPmemMode, minRecoveryPoint);
    }

    public ControlFileData withMode(WalPmemMode mode) {
        return new ControlFileData(systemIdentifier, state, time, checkPoint, checkPointCopy, walSegmentSize, mode, minRecoveryPoint);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(FILE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(systemIdentifier).putInt(VERSION).putInt(state.ordinal()).putLong(time).putLong(checkPoint);
        b.put(checkPointCopy.encode());
        b.putLong(walSegmentSize).putInt(BLOCK_SIZE).putInt(walPmemMode.ordinal()).putLong(minRecoveryPoint);
        int crcAt = b.position();
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, crcAt);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Decodes; null when the CRC does not match (the caller reports "incorrect checksum in control file"). */
    public static ControlFileData decode(byte[] bytes) {
        if (bytes.length < FILE_SIZE) return null;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long sysId = b.getLong();
        int version = b.getInt();
        int state = b.getInt();
        long time = b.getLong();
        long checkPoint = b.getLong();
        byte[] cp = new byte[CheckpointData.SIZE];
        b.get(cp);
        long segSize = b.getLong();
        int blockSize = b.getInt();
        int mode = b.getInt();
        long minRecovery = b.getLong();
        int crcAt = b.position();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, crcAt);
        if ((int) crc.getValue() != b.getInt()) return null;
        if (version != VERSION || blockSize != BLOCK_SIZE || state < 0 || state >= DbState.values().length
                || mode < 0 || mode >= WalPmemMode.values().length) {
            return null;
        }
        return new ControlFileData(sysId, DbState.values()[state], time, checkPoint, CheckpointData.decode(cp), segSize,
                WalPmemMode.values()[mode], minRecovery);
    }
}
