package org.pgmini.executor.exec;

import java.nio.charset.StandardCharsets;
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
 * ({@link ByteStringDatum} in a {@link Tuplesort}). NULLs are counted and emitted first or last
 * (all NULL rows of a one-column result are alike). Rows are rebuilt on the way out.
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

    /** Runs the child into a datum sort and returns the sorted rows. */
    /** {@code bound}: rows that will be read (LIMIT), or &lt;= 0; only text sorts use it (top-N), integer sorts need none. */
    static Result sort(ExecState s, PlanNode child, Kind kind, boolean descending, boolean nullsFirst, long bound, SortOptions opts) {
        if (kind == Kind.TEXT) {
            return sortText(s, child, descending, nullsFirst, bound, opts);
        }
        if (bound > 0) {
            throw new IllegalArgumentException("an integer datum sort takes no bound");
        }
        return sortLongs(s, child, kind, descending, nullsFirst, opts);
    }

    private static Result sortLongs(ExecState s, PlanNode child, Kind kind, boolean descending, boolean nullsFirst, SortOptions opts) {
        LongKeySort sort = new LongKeySort(opts, descending, nullsFirst);
        try {
            s.push(child, r -> {
                Object v = r[0];
                if (v == null) {
                    sort.putNull();
                } else {
                    sort.put(((Number) v).longValue());
                }
            });
            sort.performSort();
        } catch (RuntimeException e) {
            sort.close();
            throw e;
        }
        return new Result() {
            @Override
            public Object[] next() {
                if (!sort.next()) {
                    return null;
                }
                if (sort.isNull()) {
                    return new Object[1];
                }
                long v = sort.value();
                return new Object[] {kind == Kind.INT8 ? (Object) v : kind == Kind.INT4 ? (Object) (int) v : (Object) (short) v};
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }

            @Override
            public void close() {
                sort.close();
            }
        };
    }

    private static Result sortText(ExecState s, PlanNode child, boolean descending, boolean nullsFirst, long bound, SortOptions opts) {
        if (bound > 0) {
            return sortTextBounded(s, child, descending, nullsFirst, bound, opts);
        }
        ByteStringSort sort = new ByteStringSort(opts, descending, nullsFirst);
        try {
            s.push(child, r -> {
                Object v = r[0];
                if (v == null) {
                    sort.putNull();
                } else {
                    sort.put(((String) v).getBytes(StandardCharsets.UTF_8));
                }
            });
            sort.performSort();
        } catch (RuntimeException e) {
            sort.close();
            throw e;
        }
        return new Result() {
            @Override
            public Object[] next() {
                if (!sort.next()) {
                    return null;
                }
                return sort.isNull() ? new Object[1]
                        : new Object[] {new String(sort.bytes(), sort.offset(), sort.length(), StandardCharsets.UTF_8)};
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }

            @Override
            public void close() {
                sort.close();
            }
        };
    }

    /** Top-N of text: the general sort over byte strings with a bound (a bounded heap). */
    private static Result sortTextBounded(ExecState s, PlanNode child, boolean descending, boolean nullsFirst, long bound, SortOptions opts) {
        ByteStringDatum datum = new ByteStringDatum(descending);
        Tuplesort<byte[]> sort = Tuplesort.begin(datum, datum, opts);
        long[] nulls = {0};
        try {
            sort.setBound(bound);
            s.push(child, r -> {
                Object v = r[0];
                if (v == null) {
                    nulls[0]++;
                } else {
                    sort.put(((String) v).getBytes(StandardCharsets.UTF_8));
                }
            });
            sort.performSort();
        } catch (RuntimeException e) {
            sort.close();
            throw e;
        }
        return new Result() {
            long nullsLeft = nulls[0];
            boolean valuesDone;

            @Override
            public Object[] next() {
                if (nullsFirst && nullsLeft > 0) {
                    nullsLeft--;
                    return new Object[1];
                }
                if (!valuesDone) {
                    byte[] b = sort.next();
                    if (b != null) {
                        return new Object[] {new String(b, StandardCharsets.UTF_8)};
                    }
                    valuesDone = true;
                }
                if (nullsLeft > 0) {
                    nullsLeft--;
                    return new Object[1];
                }
                return null;
            }

            @Override
            public SortStats stats() {
                return sort.stats();
            }

            @Override
            public void close() {
                sort.close();
            }
        };
    }
}
