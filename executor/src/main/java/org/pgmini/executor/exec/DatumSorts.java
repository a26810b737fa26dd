package org.pgmini.executor.exec;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.pgmini.executor.sort.ByteStringDatum;
import org.pgmini.executor.sort.ByteStringSort;
import org.pgmini.executor.sort.LongKeySort;
import org.pgmini.executor.sort.SortOptions;
import org.pgmini.executor.sort.SortStats;
import org.pgmini.executor.sort.Tuplesort;
import org.pgmini.executor.types.PgType;

/**
 * Sorts of one-column rows without the row (PostgreSQL 15's datum sort, chosen there for the
 * same case: a single sorted column and nothing else in the tuple): integral values as bare
 * {@code long} keys ({@link LongKeySort}), text in the C collation as UTF-8 byte strings
 * ({@link ByteStringSort}; top-N through {@link ByteStringDatum} in a {@link Tuplesort}). NULLs
 * are counted and emitted first or last (all NULL rows of a one-column result are alike). Rows
 * are rebuilt on the way out, and not at all for rows an OFFSET skips.
 */
final class DatumSorts {
    private DatumSorts() {}

    /** How a one-column row of this type is sorted as a datum; null when it is not. */
    enum Kind { INT2, INT4, INT8, TEXT }

    static Kind kindOf(PgType t) {
        switch (t.name()) {
            case "int2": return Kind.INT2;
            case "int4": case "date": return Kind.INT4;
            case "int8": case "timestamp": return Kind.INT8;
            case "text": case "varchar": case "name": case "unknown": return Kind.TEXT;
            default: return null;
        }
    }

    /** A sorted result: rows of one column, in order; closing it removes the sort's files. */
    interface Result extends Cursor {
        SortStats stats();
    }

    /**
     * Runs the child into a datum sort and returns the sorted rows. {@code bound}: rows that will
     * be read (LIMIT), or &lt;= 0; only text sorts use it (top-N), integer sorts need none.
     */
    static Result sort(ExecState s, PlanNode child, Kind kind, boolean descending, boolean nullsFirst, long bound, SortOptions opts) {
        if (kind == Kind.TEXT) {
            return bound > 0 ? sortTextBounded(s, child, descending, nullsFirst, bound, opts)
                    : sortText(s, child, descending, nullsFirst, opts);
        }
        if (bound > 0) {
            throw new IllegalArgumentException("an integer datum sort takes no bound");
        }
        return sortLongs(s, child, kind, descending, nullsFirst, opts);
    }

    /**
     * Loads a sort from the child, sorts it and wraps it as rows; closes it if loading fails.
     * {@code load} receives each input row's only column.
     */
    private static void load(ExecState s, PlanNode child, AutoCloseable sort, Consumer<Object> load, Runnable performSort) {
        try {
            s.push(child, r -> load.accept(r[0]));
            performSort.run();
        } catch (RuntimeException e) {
            try {
                sort.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Rows of one column made from a sort's current datum only when they are handed out:
     * {@link #skip} (OFFSET) just advances the sort.
     */
    private abstract static class DatumRows implements Result {
        private final AutoCloseable sort;

        DatumRows(AutoCloseable sort) {
            this.sort = sort;
        }

        /** Moves to the next datum; false at the end. */
        abstract boolean advance();

        /** The current datum as a column value (null for NULL). */
        abstract Object value();

        @Override
        public Object[] next() {
            return advance() ? new Object[] {value()} : null;
        }

        @Override
        public long skip(long n) {
            long done = 0;
            while (done < n && advance()) {
                done++;
            }
            return done;
        }

        @Override
        public void close() {
            try {
                sort.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Result sortLongs(ExecState s, PlanNode child, Kind kind, boolean descending, boolean nullsFirst, SortOptions opts) {
        LongKeySort sort = new LongKeySort(opts, descending, nullsFirst);
        load(s, child, sort, v -> {
            if (v == null) {
                sort.putNull();
            } else {
                sort.put(((Number) v).longValue());
            }
        }, sort::performSort);
        return new DatumRows(sort) {
            @Override
            boolean advance() {
                return sort.next();
            }

            @Override
            Object value() {
                if (sort.isNull()) {
                    return null;
                }
                long v = sort.value();
                return kind == Kind.INT8 ? (Object) v : kind == Kind.INT4 ? (Object) (int) v : (Object) (short) v;
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }
        };
    }

    private static Result sortText(ExecState s, PlanNode child, boolean descending, boolean nullsFirst, SortOptions opts) {
        ByteStringSort sort = new ByteStringSort(opts, descending, nullsFirst);
        load(s, child, sort, v -> {
            if (v == null) {
                sort.putNull();
            } else {
                sort.put((String) v);
            }
        }, sort::performSort);
        return new DatumRows(sort) {
            @Override
            boolean advance() {
                return sort.next();
            }

            @Override
            Object value() {
                return sort.isNull() ? null : new String(sort.bytes(), sort.offset(), sort.length(), StandardCharsets.UTF_8);
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }
        };
    }

    /** Top-N of text: the general sort over byte strings with a bound (a bounded heap); NULLs counted here. */
    private static Result sortTextBounded(ExecState s, PlanNode child, boolean descending, boolean nullsFirst, long bound, SortOptions opts) {
        ByteStringDatum datum = new ByteStringDatum(descending);
        Tuplesort<byte[]> sort = Tuplesort.begin(datum, datum, opts);
        long[] nulls = {0};
        sort.setBound(bound);
        load(s, child, sort, v -> {
            if (v == null) {
                nulls[0]++;
            } else {
                sort.put(((String) v).getBytes(StandardCharsets.UTF_8));
            }
        }, sort::performSort);
        return new DatumRows(sort) {
            long nullsLeft = nulls[0];
            boolean valuesDone;
            byte[] current;

            @Override
            boolean advance() {
                current = null;
                if (nullsFirst && nullsLeft > 0) {
                    nullsLeft--;
                    return true;
                }
                if (!valuesDone) {
                    current = sort.next();
                    if (current != null) {
                        return true;
                    }
                    valuesDone = true;
                }
                if (nullsLeft > 0) {
                    nullsLeft--;
                    return true;
                }
                return false;
            }

            @Override
            Object value() {
                return current == null ? null : new String(current, StandardCharsets.UTF_8);
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }
        };
    }
}
