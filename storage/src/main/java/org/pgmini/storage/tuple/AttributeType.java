package org.pgmini.storage.tuple;

/**
 * How a column type is stored in a heap tuple: pg_type's typlen, typalign and typbyval, and the
 * Java class a value of the type has when deformed. Values are the "raw" representations:
 *
 * <ul>
 * <li>bool Boolean; int2 Short; int4 Integer; int8 Long; float4 Float; float8 Double;
 *     oid Integer (the unsigned 32 bits); "char" Byte; name String (at most 63 bytes of UTF-8)</li>
 * <li>numeric {@link java.math.BigDecimal}, or {@link NumericSpecial} for NaN and the infinities</li>
 * <li>text, varchar, bpchar String (UTF-8 on disk; padding and length limits are the type's
 *     input function's business, not storage's)</li>
 * <li>date Integer: days since 2000-01-01 (PostgreSQL's DateADT)</li>
 * <li>timestamp, timestamptz Long: microseconds since 2000-01-01 00:00 (timestamptz in UTC)</li>
 * <li>interval {@link IntervalValue}; bytea byte[]</li>
 * </ul>
 */
public enum AttributeType {
    BOOL(16, 1, 'c', true, Boolean.class),
    CHAR(18, 1, 'c', true, Byte.class),
    NAME(19, 64, 'c', false, String.class),
    INT8(20, 8, 'd', true, Long.class),
    INT2(21, 2, 's', true, Short.class),
    INT4(23, 4, 'i', true, Integer.class),
    TEXT(25, -1, 'i', false, String.class),
    OID(26, 4, 'i', true, Integer.class),
    FLOAT4(700, 4, 'i', true, Float.class),
    FLOAT8(701, 8, 'd', true, Double.class),
    BPCHAR(1042, -1, 'i', false, String.class),
    VARCHAR(1043, -1, 'i', false, String.class),
    DATE(1082, 4, 'i', true, Integer.class),
    TIMESTAMP(1114, 8, 'd', true, Long.class),
    TIMESTAMPTZ(1184, 8, 'd', true, Long.class),
    INTERVAL(1186, 16, 'd', false, IntervalValue.class),
    NUMERIC(1700, -1, 'i', false, Object.class),
    BYTEA(17, -1, 'i', false, byte[].class),
    // One-dimensional arrays: storage keeps the executor's binary array form (array_send's
    // layout) as an opaque varlena body; the executor converts (see isOpaqueBytes).
    BOOL_ARRAY(1000, -1, 'i', false, byte[].class),
    BYTEA_ARRAY(1001, -1, 'i', false, byte[].class),
    CHAR_ARRAY(1002, -1, 'i', false, byte[].class),
    NAME_ARRAY(1003, -1, 'i', false, byte[].class),
    INT2_ARRAY(1005, -1, 'i', false, byte[].class),
    INT4_ARRAY(1007, -1, 'i', false, byte[].class),
    TEXT_ARRAY(1009, -1, 'i', false, byte[].class),
    BPCHAR_ARRAY(1014, -1, 'i', false, byte[].class),
    VARCHAR_ARRAY(1015, -1, 'i', false, byte[].class),
    INT8_ARRAY(1016, -1, 'd', false, byte[].class),
    FLOAT4_ARRAY(1021, -1, 'i', false, byte[].class),
    FLOAT8_ARRAY(1022, -1, 'd', false, byte[].class),
    OID_ARRAY(1028, -1, 'i', false, byte[].class),
    TIMESTAMP_ARRAY(1115, -1, 'd', false, byte[].class),
    DATE_ARRAY(1182, -1, 'i', false, byte[].class),
    TIMESTAMPTZ_ARRAY(1185, -1, 'd', false, byte[].class),
    INTERVAL_ARRAY(1187, -1, 'd', false, byte[].class),
    NUMERIC_ARRAY(1231, -1, 'i', false, byte[].class);

    private final int oid;
    private final int typlen;
    private final char typalign;
    private final boolean byval;
    private final Class<?> javaClass;

    AttributeType(int oid, int typlen, char typalign, boolean byval, Class<?> javaClass) {
        this.oid = oid;
        this.typlen = typlen;
        this.typalign = typalign;
        this.byval = byval;
        this.javaClass = javaClass;
    }

    /** pg_type.oid */
    public int oid() { return oid; }
    /** pg_type.typlen: fixed size in bytes, or -1 for varlena. */
    public int typlen() { return typlen; }
    /** pg_type.typalign: c (1), s (2), i (4), d (8). */
    public char typalign() { return typalign; }
    /** pg_type.typbyval */
    public boolean byval() { return byval; }
    public Class<?> javaClass() { return javaClass; }

    /** Varlena types whose value is a byte[] stored as is (bytea and the array types). */
    public boolean isOpaqueBytes() { return typlen == -1 && javaClass == byte[].class; }

    /** Alignment in bytes of {@link #typalign()}. */
    public int alignment() { return alignmentOf(typalign); }

    public static int alignmentOf(char typalign) {
        return switch (typalign) {
            case 'c' -> 1;
            case 's' -> 2;
            case 'i' -> 4;
            case 'd' -> 8;
            default -> throw new IllegalArgumentException("bad typalign " + typalign);
        };
    }

    public static AttributeType byOid(int oid) {
        for (AttributeType t : values()) if (t.oid == oid) return t;
        return null;
    }
}
