package org.pgmini.executor.types;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of supported types, by OID and by name (pg_type.typname plus the SQL spellings
 * PostgreSQL's grammar accepts, e.g. {@code integer}, {@code double precision}). Immutable after
 * class initialization, so it is safe to read from any thread.
 */
public final class PgTypes {
    private PgTypes() {}

    public static final BoolType BOOL = new BoolType();
    public static final IntegerType INT2 = IntegerType.INT2;
    public static final IntegerType INT4 = IntegerType.INT4;
    public static final IntegerType INT8 = IntegerType.INT8;
    public static final FloatType FLOAT4 = FloatType.FLOAT4;
    public static final FloatType FLOAT8 = FloatType.FLOAT8;
    public static final NumericType NUMERIC = new NumericType();
    public static final TextType TEXT = TextType.TEXT;
    public static final TextType VARCHAR = TextType.VARCHAR;
    public static final TextType BPCHAR = TextType.BPCHAR;
    public static final TextType NAME = TextType.NAME;
    /** The type of a quoted literal before context decides (pg_type "unknown"). */
    public static final TextType UNKNOWN = TextType.UNKNOWN;
    public static final TimestamptzType TIMESTAMPTZ = new TimestamptzType();
    /** pg_typeof's result: a type OID shown by its SQL name. */
    public static final RegtypeType REGTYPE = new RegtypeType();
    /** The result type of functions run for their effect (pg_sleep). */
    public static final VoidType VOID = new VoidType();
    public static final OidType OID = new OidType();
    /** The one-byte "char" (not char(n), which is bpchar). */
    public static final CharType CHAR = new CharType();
    public static final DateType DATE = new DateType();
    public static final TimeType TIME = new TimeType();
    public static final TimestampType TIMESTAMP = new TimestampType();
    public static final IntervalType INTERVAL = new IntervalType();
    public static final ByteaType BYTEA = new ByteaType();
    public static final PgLsnType PG_LSN = new PgLsnType();
    /** The catalogs' vectors (pg_index.indkey, pg_proc.proargtypes): 0-based, space-separated text. */
    public static final VectorType INT2VECTOR = new VectorType(22, "int2vector", INT2);
    public static final VectorType OIDVECTOR = new VectorType(30, "oidvector", OID);

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();
    /** Element type OID to its one-dimensional array type. */
    private static final Map<Integer, ArrayType> ARRAY_OF = new HashMap<>();

    static {
        for (PgType t : new PgType[] {BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, BPCHAR,
                NAME, UNKNOWN, TIMESTAMPTZ, REGTYPE, VOID, OID, CHAR,
                DATE, TIME, TIMESTAMP, INTERVAL, BYTEA, PG_LSN, INT2VECTOR, OIDVECTOR}) {
            BY_OID.put(t.oid(), t);
            BY_NAME.put(t.name(), t);
        }
        alias("boolean", BOOL);
        alias("smallint", INT2);
        alias("integer", INT4);
        alias("int", INT4);
        alias("bigint", INT8);
        alias("real", FLOAT4);
        alias("float", FLOAT8);
        alias("double precision", FLOAT8);
        alias("double", FLOAT8);
        alias("decimal", NUMERIC);
        alias("dec", NUMERIC);
        alias("character varying", VARCHAR);
        alias("char", BPCHAR);
        alias("character", BPCHAR);
        alias("timestamp with time zone", TIMESTAMPTZ);
        alias("timestamp without time zone", TIMESTAMP);
        alias("time without time zone", TIME);
        // the name of "char" is "char" only when quoted; unquoted char means bpchar
        BY_NAME.put("\"char\"", CHAR);
        // array types with PostgreSQL's OIDs (pg_type.typarray of each element type)
        Object[][] arrays = {{BOOL, 1000}, {BYTEA, 1001}, {CHAR, 1002}, {NAME, 1003}, {INT2, 1005}, {INT4, 1007},
            {TEXT, 1009}, {BPCHAR, 1014}, {VARCHAR, 1015}, {INT8, 1016}, {FLOAT4, 1021}, {FLOAT8, 1022}, {OID, 1028},
            {TIMESTAMP, 1115}, {DATE, 1182}, {TIME, 1183}, {TIMESTAMPTZ, 1185}, {INTERVAL, 1187}, {NUMERIC, 1231},
            {REGTYPE, 2211}, {PG_LSN, 3221}};
        for (Object[] a : arrays) {
            PgType elem = (PgType) a[0];
            ArrayType t = new ArrayType((Integer) a[1], elem);
            ARRAY_OF.put(elem.oid(), t);
            BY_OID.put(t.oid(), t);
            BY_NAME.put(t.name(), t);
        }
    }

    /** The one-dimensional array type whose elements are {@code element}, or null when there is none. */
    public static ArrayType arrayOf(PgType element) {
        return ARRAY_OF.get(element.oid());
    }

    /** Object identifier types that name catalog objects (h5cli: psql's and drivers' catalog queries). */
    public static final PgType REGCLASS = RegclassType.REGCLASS;
    public static final PgType REGNAMESPACE = RegclassType.REGNAMESPACE;
    /** The anonymous record pseudo-type; typed row values are {@link RecordType} instances with columns. */
    public static final RecordType RECORD = new RecordType(null, null);

    static {
        for (PgType t : new PgType[] {REGCLASS, REGNAMESPACE, RECORD}) {
            BY_OID.put(t.oid(), t);
            BY_NAME.put(t.name(), t);
        }
    }

    private static void alias(String name, PgType type) {
        BY_NAME.put(name, type);
    }

    /** The type with this OID, or null when pgmini does not support it. */
    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    /** The type with this name or SQL alias (case-insensitive), or null. */
    public static PgType byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("[]")) {
            PgType element = BY_NAME.get(n.substring(0, n.length() - 2).trim());
            return element == null ? null : arrayOf(element);
        }
        return BY_NAME.get(n);
    }

    /**
     * The type's name as PostgreSQL's format_type prints it in messages ({@code integer},
     * {@code character varying}, ...).
     */
    public static String displayName(PgType type) {
        if (type instanceof ArrayType a) {
            return displayName(a.element()) + "[]";
        }
        switch (type.name()) {
            case "bool": return "boolean";
            case "int2": return "smallint";
            case "int4": return "integer";
            case "int8": return "bigint";
            case "float4": return "real";
            case "float8": return "double precision";
            case "varchar": return "character varying";
            case "bpchar": return "character";
            case "timestamptz": return "timestamp with time zone";
            case "char": return "\"char\"";
            case "timestamp": return "timestamp without time zone";
            case "time": return "time without time zone";
            default: return type.name();
        }
    }
}
