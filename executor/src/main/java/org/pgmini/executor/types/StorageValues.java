package org.pgmini.executor.types;

import java.time.Instant;

/**
 * The one place where executor values and stored values (storage's {@code TupleCodec}) meet.
 * Both sides use the same Java classes for every type except two, converted here:
 * <ul>
 * <li>timestamptz: the executor uses {@link Instant}; storage keeps a {@code Long} of
 *     microseconds since 2000-01-01 00:00 UTC (PostgreSQL's on-disk epoch); Long.MIN_VALUE and
 *     MAX_VALUE (-infinity, infinity) are {@link TimestamptzType#NEG_INFINITY} and
 *     {@link TimestamptzType#POS_INFINITY};</li>
 * <li>numeric NaN and infinities: {@link NumericSpecial} here, storage's own enum there.</li>
 * </ul>
 * Arrays ({@code Object[]} here) are stored as their binary form ({@link ArrayType#send}), a byte[].
 * date (Integer days since 2000-01-01), timestamp (Long µs since 2000-01-01), interval
 * (storage's {@code IntervalValue}) and bytea (byte[]) use storage's classes on both sides.
 * Call {@link #toStorage} on every value written to a heap tuple and {@link #fromStorage} on
 * every value read from one; null passes through.
 */
public final class StorageValues {
    /** Seconds from 1970-01-01 to 2000-01-01 (PostgreSQL's epoch for stored times). */
    public static final long PG_EPOCH_SECONDS = 946_684_800L;

    private StorageValues() {
    }

    public static Object toStorage(int typeOid, Object v) {
        if (v == null) {
            return null;
        }
        if (typeOid == PgTypes.TIMESTAMPTZ.oid() && v instanceof Instant i) {
            return DateTimes.toMicros(i);
        }
        if (v instanceof Object[] array) {
            return ((ArrayType) PgTypes.byOid(typeOid)).send(array);
        }
        if (v instanceof NumericSpecial s) {
            return switch (s) {
                case NAN -> org.pgmini.storage.tuple.NumericSpecial.NAN;
                case POS_INFINITY -> org.pgmini.storage.tuple.NumericSpecial.POSITIVE_INFINITY;
                case NEG_INFINITY -> org.pgmini.storage.tuple.NumericSpecial.NEGATIVE_INFINITY;
            };
        }
        return v;
    }

    public static Object fromStorage(int typeOid, Object v) {
        if (v == null) {
            return null;
        }
        if (typeOid == PgTypes.TIMESTAMPTZ.oid() && v instanceof Long micros) {
            return DateTimes.toInstant(micros);
        }
        if (v instanceof byte[] bytes && PgTypes.byOid(typeOid) instanceof ArrayType array) {
            return array.receive(bytes);
        }
        if (v instanceof org.pgmini.storage.tuple.NumericSpecial s) {
            return switch (s) {
                case NAN -> NumericSpecial.NAN;
                case POSITIVE_INFINITY -> NumericSpecial.POS_INFINITY;
                case NEGATIVE_INFINITY -> NumericSpecial.NEG_INFINITY;
            };
        }
        return v;
    }
}
