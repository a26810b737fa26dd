package org.pgmini.wal;

import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.record.WalRecord;
import org.pgmini.wal.recovery.ResourceManager;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A resource manager for tests only: its records carry (writer, seq) and deterministic payload
 * bytes; redo checks the payload and remembers what it replayed, in order.
 */
final class TestRmgr implements ResourceManager {
    static final int ID = 200;
    static final int INFO_DATA = 0x10;

    record Replayed(long lsn, long prev, int writer, long seq, int length) {}

    final List<Replayed> replayed = Collections.synchronizedList(new ArrayList<>());
    volatile boolean startupCalled;
    volatile boolean cleanupCalled;

    @Override public int id() { return ID; }
    @Override public String name() { return "Test"; }
    @Override public void startup() { startupCalled = true; }
    @Override public void cleanup() { cleanupCalled = true; }

    @Override
    public void redo(DecodedRecord r) {
        byte[] d = r.mainData();
        ByteBuffer b = ByteBuffer.wrap(d);
        int writer = b.getInt();
        long seq = b.getLong();
        byte[] expected = payload(writer, seq, d.length);
        if (!java.util.Arrays.equals(expected, d)) throw new AssertionError("payload mismatch at " + Lsn.format(r.lsn()));
        replayed.add(new Replayed(r.lsn(), r.prev(), writer, seq, d.length));
    }

    @Override
    public String identify(int info) { return (info & 0xF0) == INFO_DATA ? "DATA" : null; }

    @Override
    public String describe(DecodedRecord r) {
        ByteBuffer b = ByteBuffer.wrap(r.mainData());
        return "writer " + b.getInt() + " seq " + b.getLong();
    }

    /** Deterministic main data of a record: writer, seq, then pseudo-random bytes. Minimum 12 bytes. */
    static byte[] payload(int writer, long seq, int length) {
        int len = Math.max(12, length);
        byte[] d = new byte[len];
        ByteBuffer.wrap(d).putInt(writer).putLong(seq);
        Random r = new Random(writer * 1_000_003L + seq);
        for (int i = 12; i < len; i++) d[i] = (byte) r.nextInt();
        return d;
    }

    static WalRecord record(int writer, long seq, int length) {
        return WalRecord.of(ID, INFO_DATA, (int) (seq + 1), payload(writer, seq, length));
    }
}
