package org.pgmini.executor.expr;

import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/** pg_type.typcategory and typispreferred, which PostgreSQL's overload resolution uses. */
public enum TypeCategory {
    BOOLEAN, NUMERIC, STRING, DATETIME, TIMESPAN, UNKNOWN, OTHER;

    public static TypeCategory of(PgType t) {
        if (t == PgTypes.BOOL) {
            return BOOLEAN;
        }
        if (t == PgTypes.INT2 || t == PgTypes.INT4 || t == PgTypes.INT8 || t == PgTypes.NUMERIC
                || t == PgTypes.FLOAT4 || t == PgTypes.FLOAT8 || t == PgTypes.OID) {
            return NUMERIC;
        }
        if (t == PgTypes.TEXT || t == PgTypes.VARCHAR || t == PgTypes.BPCHAR || t == PgTypes.NAME) {
            return STRING;
        }
        if (t == PgTypes.TIMESTAMPTZ || t == PgTypes.TIMESTAMP || t == PgTypes.DATE || t == PgTypes.TIME) {
            return DATETIME;
        }
        if (t == PgTypes.INTERVAL) {
            return TIMESPAN;
        }
        if (t == PgTypes.UNKNOWN) {
            return UNKNOWN;
        }
        return OTHER;
    }

    public static boolean isPreferred(PgType t) {
        return t == PgTypes.FLOAT8 || t == PgTypes.TEXT || t == PgTypes.BOOL || t == PgTypes.TIMESTAMPTZ
                || t == PgTypes.INTERVAL || t == PgTypes.OID;
    }
}
