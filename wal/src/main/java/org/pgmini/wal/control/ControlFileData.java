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

    /** pg_controldata's output for the fields we keep (plus the WAL design), one "label: value" per line. */
    public String describe() {
        org.pgmini.wal.WalLayout layout = new org.pgmini.wal.WalLayout(walSegmentSize);
        java.time.format.DateTimeFormatter t = java.time.format.DateTimeFormatter
                .ofPattern("EEE MMM d HH:mm:ss yyyy", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        CheckpointData c = checkPointCopy;
        StringBuilder sb = new StringBuilder();
        line(sb, "pg_control version number:", String.valueOf(VERSION));
        line(sb, "Database system identifier:", Long.toUnsignedString(systemIdentifier));
        line(sb, "Database cluster state:", state.text());
        line(sb, "pg_control last modified:", t.format(java.time.Instant.ofEpochSecond(time)));
        line(sb, "Latest checkpoint location:", org.pgmini.wal.Lsn.format(checkPoint));
        line(sb, "Latest checkpoint's REDO location:", org.pgmini.wal.Lsn.format(c.redo()));
        line(sb, "Latest checkpoint's REDO WAL file:", layout.fileName(c.timeline(), layout.segmentNo(c.redo())));
        line(sb, "Latest checkpoint's TimeLineID:", String.valueOf(c.timeline()));
        line(sb, "Latest checkpoint's PrevTimeLineID:", String.valueOf(c.prevTimeline()));
        line(sb, "Latest checkpoint's full_page_writes:", c.fullPageWrites() ? "on" : "off");
        line(sb, "Latest checkpoint's NextXID:", (c.nextXid() >>> 32) + ":" + Integer.toUnsignedString((int) c.nextXid()));
        line(sb, "Latest checkpoint's NextOID:", Integer.toUnsignedString(c.nextOid()));
        line(sb, "Latest checkpoint's oldestXID:", Integer.toUnsignedString(c.oldestXid()));
        line(sb, "Latest checkpoint's oldestXID's DB:", Integer.toUnsignedString(c.oldestXidDb()));
        line(sb, "Latest checkpoint's oldestActiveXID:", Integer.toUnsignedString(c.oldestActiveXid()));
        line(sb, "Time of latest checkpoint:", t.format(java.time.Instant.ofEpochSecond(c.time())));
        line(sb, "Minimum recovery ending location:", org.pgmini.wal.Lsn.format(minRecoveryPoint));
        line(sb, "Database block size:", String.valueOf(BLOCK_SIZE));
        line(sb, "Bytes per WAL segment:", String.valueOf(walSegmentSize));
        line(sb, "WAL design (wal_pmem_mode):", walPmemMode.gucValue());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-38s%s%n", label, value));
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
