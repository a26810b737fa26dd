package org.pgmini.storage.catalog;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nextval / currval / setval. Sequence values are not transactional: nextval's result is never
 * given out again, rolled back or not.
 *
 * <p>State: per sequence, in memory, {@code lastValue}/{@code isCalled} under the state's own
 * monitor. Persistence is conservative, like PostgreSQL's log_cnt: before handing out a value
 * past the last persisted one, a value {@link #PREFETCH} increments further is written and
 * fsynced to {@code base/<db>/<relfilenode>_seq} (16 bytes: last_value, is_called; temp file +
 * rename); after a restart the sequence continues after it (a crash or restart skips at most
 * PREFETCH values, never repeats one). setval writes at once.
 *
 * <p>Difference from PostgreSQL: PostgreSQL keeps this state in the sequence relation's single
 * tuple, overwritten in place under the buffer lock and WAL-logged. Our heap has no in-place
 * overwrite with a redo record yet, so the relation's tuple keeps only the values it was created
 * with, and the live state is in the side file; when WAL brings a sequence record the file goes
 * away. {@link #read} gives what SELECT * FROM seq must show.
 */
public final class Sequences {
    public static final int PREFETCH = 32;

    private final Path dataDir;
    private final ConcurrentHashMap<Integer, State> states = new ConcurrentHashMap<>();

    private static final class State {
        long lastValue;
        boolean isCalled;
        /** Values handed out before a new write is needed (log_cnt). */
        long logCount;
    }

    /** The live state of a sequence: SELECT last_value, log_cnt, is_called FROM seq. */
    public record Value(long lastValue, long logCount, boolean isCalled) {}

    Sequences(Path dataDir) { this.dataDir = dataDir; }

    private Path file(RelationDescriptor seq) {
        return dataDir.resolve(new RelFileLocator(seq.dbOid(), seq.relfilenode()).relativePath(ForkNumber.MAIN) + "_seq");
    }

    /** Called by CREATE SEQUENCE (inside the creating transaction): writes the initial state. */
    void create(RelationDescriptor seq, SequenceOptions o) {
        write(file(seq), o.start(), false);
    }

    /** At commit of DROP SEQUENCE, or abort of CREATE SEQUENCE. */
    void remove(int dbOid, int relOid, int relfilenode) {
        states.remove(relOid);
        try {
            Files.deleteIfExists(dataDir.resolve(new RelFileLocator(dbOid, relfilenode).relativePath(ForkNumber.MAIN) + "_seq"));
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not remove sequence state file: " + e.getMessage(), e);
        }
    }

    private State state(RelationDescriptor seq) {
        return states.computeIfAbsent(seq.oid(), k -> {
            Path f = file(seq);
            try {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
                State s = new State();
                s.lastValue = b.getLong();
                s.isCalled = b.getLong() != 0;
                s.logCount = 0;
                return s;
            } catch (IOException e) {
                throw new PgException(SqlState.IO_ERROR, "could not read file \"" + f + "\": " + e.getMessage(), e);
            }
        });
    }

    private static void checkSequence(RelationDescriptor seq) {
        if (seq.relkind() != RelationDescriptor.RELKIND_SEQUENCE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + seq.name() + "\" is not a sequence");
        }
    }

    /** nextval(seq). Takes RowExclusiveLock on the sequence (as PostgreSQL does) so it cannot be dropped meanwhile. */
    public long nextval(Transaction tx, SequenceSession session, RelationDescriptor seq) {
        checkSequence(seq);
        tx.lockRelation(seq.oid(), LockMode.ROW_EXCLUSIVE);
        SequenceOptions o = seq.sequence();
        State s = state(seq);
        long result;
        synchronized (s) {
            long next;
            boolean wrapped = false;
            if (!s.isCalled) {
                next = s.lastValue;
            } else {
                Long candidate = addOrNull(s.lastValue, o.increment());
                boolean beyond = candidate == null || (o.increment() > 0 ? candidate > o.max() : candidate < o.min());
                if (beyond) {
                    if (!o.cycle()) {
                        throw new PgException("2200H", "nextval: reached " + (o.increment() > 0 ? "maximum" : "minimum")
                                + " value of sequence \"" + seq.name() + "\" (" + (o.increment() > 0 ? o.max() : o.min()) + ")");
                    }
                    next = o.increment() > 0 ? o.min() : o.max();
                    wrapped = true;
                } else {
                    next = candidate;
                }
            }
            if (s.logCount <= 0 || wrapped) {
                long logged = next;
                for (int i = 0; i < PREFETCH; i++) {
                    Long c = addOrNull(logged, o.increment());
                    if (c == null || c > o.max() || c < o.min()) break;
                    logged = c;
                }
                write(file(seq), logged, true);
                s.logCount = PREFETCH;
            }
            s.logCount--;
            s.lastValue = next;
            s.isCalled = true;
            result = next;
        }
        session.remember(seq.oid(), result);
        return result;
    }

    /** currval(seq): 55000 if nextval was not called on it in this session. */
    public long currval(SequenceSession session, RelationDescriptor seq) {
        checkSequence(seq);
        Long v = session.currval(seq.oid());
        if (v == null) {
            throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "currval of sequence \"" + seq.name() + "\" is not yet defined in this session");
        }
        return v;
    }

    /** setval(seq, value, is_called). */
    public long setval(Transaction tx, SequenceSession session, RelationDescriptor seq, long value, boolean isCalled) {
        checkSequence(seq);
        tx.lockRelation(seq.oid(), LockMode.ROW_EXCLUSIVE);
        SequenceOptions o = seq.sequence();
        if (value < o.min() || value > o.max()) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value + " is out of bounds for sequence \""
                    + seq.name() + "\" (" + o.min() + ".." + o.max() + ")");
        }
        State s = state(seq);
        synchronized (s) {
            write(file(seq), value, isCalled);
            s.lastValue = value;
            s.isCalled = isCalled;
            s.logCount = 0;
        }
        if (isCalled) session.remember(seq.oid(), value);
        return value;
    }

    public Value read(RelationDescriptor seq) {
        checkSequence(seq);
        State s = state(seq);
        synchronized (s) {
            return new Value(s.lastValue, Math.max(0, s.logCount), s.isCalled);
        }
    }

    private static Long addOrNull(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static void write(Path f, long value, boolean isCalled) {
        try {
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(16).putLong(0, value).putLong(8, isCalled ? 1 : 0));
                ch.force(true);
            }
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write file \"" + f + "\": " + e.getMessage(), e);
        }
    }
}
