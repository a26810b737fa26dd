package org.pgmini.executor.expr;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.pgmini.executor.types.CharType;
import org.pgmini.executor.types.CharacterCoercion;
import org.pgmini.executor.types.DateTimeOps;
import org.pgmini.executor.types.DateTimes;
import org.pgmini.executor.types.IntegerType;
import org.pgmini.executor.types.OidType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.SessionTime;
import org.pgmini.executor.types.TimestampType;
import org.pgmini.storage.tuple.IntervalValue;

/**
 * pg_cast rows for oid, "char", date, time, timestamp, timestamptz and interval: the casts
 * between them and to/from the older types that are not plain I/O conversions (those, to and
 * from text, are {@link Casts}'s general rule). Each row has PostgreSQL's context (implicit,
 * assignment, explicit) and the function it runs. Consulted by {@link Casts} before its own rules.
 */
final class TypeCastTable {
    private TypeCastTable() {}

    /** One pg_cast row: the weakest context that allows it, and what it computes. */
    record Entry(Casts.Context context, TypmodConversion conversion) {}

    /** A conversion that may depend on the target typmod (precision of timestamp(p)). */
    interface TypmodConversion extends java.io.Serializable {
        Object apply(Object v, int typmod, EvalContext c);
    }

    private static final Map<String, Entry> CASTS = new HashMap<>();

    private static void cast(PgType from, PgType to, Casts.Context context, TypmodConversion conv) {
        CASTS.put(from.oid() + ">" + to.oid(), new Entry(context, conv));
    }

    static {
        Casts.Context i = Casts.Context.IMPLICIT;
        Casts.Context a = Casts.Context.ASSIGNMENT;
        Casts.Context e = Casts.Context.EXPLICIT;
        // oid: integers in, the same 32 bits out
        cast(PgTypes.INT2, PgTypes.OID, i, (v, t, c) -> (int) (Short) v);
        cast(PgTypes.INT4, PgTypes.OID, i, (v, t, c) -> v);
        cast(PgTypes.INT8, PgTypes.OID, i, (v, t, c) -> OidType.fromInt8((Long) v));
        cast(PgTypes.OID, PgTypes.INT4, a, (v, t, c) -> v);
        cast(PgTypes.OID, PgTypes.INT8, a, (v, t, c) -> OidType.unsigned(v));
        // regclass / regnamespace: the same bits as oid (binary-coercible both ways), integers in
        for (PgType reg : new PgType[] {PgTypes.REGCLASS, PgTypes.REGNAMESPACE, PgTypes.REGTYPE}) {
            cast(PgTypes.OID, reg, i, (v, t, c) -> v);
            cast(reg, PgTypes.OID, i, (v, t, c) -> v);
            cast(PgTypes.INT4, reg, i, (v, t, c) -> v);
            cast(PgTypes.INT2, reg, i, (v, t, c) -> (int) (Short) v);
            cast(PgTypes.INT8, reg, i, (v, t, c) -> OidType.fromInt8((Long) v));
            cast(reg, PgTypes.INT4, a, (v, t, c) -> v);
            cast(reg, PgTypes.INT8, a, (v, t, c) -> OidType.unsigned(v));
        }
        // "char"
        cast(PgTypes.CHAR, PgTypes.TEXT, i, (v, t, c) -> CharType.text((Byte) v));
        cast(PgTypes.CHAR, PgTypes.VARCHAR, a, (v, t, c) -> Casts.lengthCoerce(CharType.text((Byte) v), PgTypes.VARCHAR, t, false));
        cast(PgTypes.CHAR, PgTypes.BPCHAR, a, (v, t, c) -> Casts.lengthCoerce(CharType.text((Byte) v), PgTypes.BPCHAR, t, false));
        cast(PgTypes.TEXT, PgTypes.CHAR, a, (v, t, c) -> CharType.fromText((String) v));
        cast(PgTypes.VARCHAR, PgTypes.CHAR, a, (v, t, c) -> CharType.fromText((String) v));
        cast(PgTypes.BPCHAR, PgTypes.CHAR, a, (v, t, c) -> CharType.fromText(CharacterCoercion.stripTrailingBlanks((String) v)));
        cast(PgTypes.INT4, PgTypes.CHAR, e, (v, t, c) -> CharType.fromInt((Integer) v));
        cast(PgTypes.CHAR, PgTypes.INT4, e, (v, t, c) -> (int) (Byte) v);
        // date/time family
        cast(PgTypes.DATE, PgTypes.TIMESTAMP, i, (v, t, c) -> DateTimeOps.dateToTimestamp((Integer) v));
        cast(PgTypes.DATE, PgTypes.TIMESTAMPTZ, i, (v, t, c) -> DateTimeOps.dateToTimestamptz((Integer) v, zone(c)));
        cast(PgTypes.TIMESTAMP, PgTypes.DATE, a, (v, t, c) -> DateTimeOps.timestampToDate((Long) v));
        cast(PgTypes.TIMESTAMP, PgTypes.TIME, a, (v, t, c) -> DateTimeOps.timestampToTime((Long) v));
        cast(PgTypes.TIMESTAMP, PgTypes.TIMESTAMPTZ, i,
                (v, t, c) -> DateTimes.toInstant(TimestampType.roundToPrecision(DateTimeOps.timestampToTimestamptz((Long) v, zone(c)), t)));
        cast(PgTypes.TIMESTAMPTZ, PgTypes.DATE, a, (v, t, c) -> DateTimeOps.timestampToDate(DateTimeOps.toLocal((Instant) v, zone(c))));
        cast(PgTypes.TIMESTAMPTZ, PgTypes.TIME, a, (v, t, c) -> DateTimeOps.timestampToTime(DateTimeOps.toLocal((Instant) v, zone(c))));
        cast(PgTypes.TIMESTAMPTZ, PgTypes.TIMESTAMP, a,
                (v, t, c) -> TimestampType.roundToPrecision(DateTimeOps.toLocal((Instant) v, zone(c)), t));
        cast(PgTypes.TIME, PgTypes.INTERVAL, i, (v, t, c) -> new IntervalValue((Long) v, 0, 0));
        cast(PgTypes.INTERVAL, PgTypes.TIME, a, (v, t, c) -> DateTimeOps.intervalToTime((IntervalValue) v));
        // length coercions (typmod) of the types themselves
        cast(PgTypes.TIMESTAMP, PgTypes.TIMESTAMP, i, (v, t, c) -> TimestampType.roundToPrecision((Long) v, t));
        cast(PgTypes.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ, i,
                (v, t, c) -> DateTimes.toInstant(TimestampType.roundToPrecision(DateTimes.toMicros((Instant) v), t)));
        cast(PgTypes.TIME, PgTypes.TIME, i,
                (v, t, c) -> Math.min(TimestampType.roundToPrecision((Long) v, t), DateTimes.USECS_PER_DAY));
        cast(PgTypes.INTERVAL, PgTypes.INTERVAL, i, (v, t, c) -> DateTimeOps.roundInterval((IntervalValue) v, t));
    }

    private static java.time.ZoneId zone(EvalContext c) {
        return SessionTime.zone(c == null ? null : c.session);
    }

    static Entry lookup(PgType from, PgType to) {
        return CASTS.get(from.oid() + ">" + to.oid());
    }

    /** True when the cast's own result depends on the session's TimeZone (never fold it). */
    static boolean dependsOnSession(PgType from, PgType to) {
        return (from == PgTypes.TIMESTAMPTZ) != (to == PgTypes.TIMESTAMPTZ)
                && (from.oid() == 1082 || from.oid() == 1114 || from.oid() == 1184)
                && (to.oid() == 1082 || to.oid() == 1114 || to.oid() == 1184 || to.oid() == 1083);
    }

    static boolean isInteger(PgType t) {
        return t instanceof IntegerType;
    }
}
