package org.pgmini.server.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;

/** Test-only types for {@link TinyEngine}: int4, int8, float8, bool, text, varchar and void, with PostgreSQL's I/O. */
public final class TinyType implements PgType {
    private enum Kind { INT4, INT8, FLOAT8, BOOL, TEXT, VARCHAR, VOID }

    public static final TinyType INT4 = new TinyType(Kind.INT4, 23, "int4", 4);
    public static final TinyType INT8 = new TinyType(Kind.INT8, 20, "int8", 8);
    public static final TinyType FLOAT8 = new TinyType(Kind.FLOAT8, 701, "float8", 8);
    public static final TinyType BOOL = new TinyType(Kind.BOOL, 16, "bool", 1);
    public static final TinyType TEXT = new TinyType(Kind.TEXT, 25, "text", -1);
    public static final TinyType VARCHAR = new TinyType(Kind.VARCHAR, 1043, "varchar", -1);
    public static final TinyType VOID = new TinyType(Kind.VOID, 2278, "void", 4);
    private static final TinyType[] ALL = {INT4, INT8, FLOAT8, BOOL, TEXT, VARCHAR, VOID};

    private final Kind kind;
    private final int oid;
    private final String typeName;
    private final short typlen;

    private TinyType(Kind kind, int oid, String typeName, int typlen) {
        this.kind = kind;
        this.oid = oid;
        this.typeName = typeName;
        this.typlen = (short) typlen;
    }

    public static TinyType byOid(int oid) {
        for (TinyType t : ALL) {
            if (t.oid == oid) {
                return t;
            }
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "type with OID " + oid + " is not supported by the test engine");
    }

    @Override
    public int oid() {
        return oid;
    }

    @Override
    public String name() {
        return typeName;
    }

    @Override
    public short typlen() {
        return typlen;
    }

    @Override
    public String output(Object value, SessionContext session) {
        return switch (kind) {
            case BOOL -> ((Boolean) value) ? "t" : "f";
            case VOID -> "";
            case FLOAT8 -> {
                double d = (Double) value;
                yield d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                        : Double.toString(d);
            }
            default -> value.toString();
        };
    }

    @Override
    public Object input(String text, int typmod) {
        String t = text.trim();
        try {
            return switch (kind) {
                case INT4 -> {
                    long v = Long.parseLong(t);
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                                "value \"" + text + "\" is out of range for type integer");
                    }
                    yield (int) v;
                }
                case INT8 -> Long.parseLong(t);
                case FLOAT8 -> Double.parseDouble(t);
                case BOOL -> switch (t.toLowerCase(Locale.ROOT)) {
                    case "t", "true", "yes", "on", "1" -> Boolean.TRUE;
                    case "f", "false", "no", "off", "0" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case VOID -> null;
                default -> text;
            };
        } catch (NumberFormatException e) {
            String sqlName = switch (kind) {
                case INT4 -> "integer";
                case INT8 -> "bigint";
                case FLOAT8 -> "double precision";
                case BOOL -> "boolean";
                default -> typeName;
            };
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + sqlName + ": \"" + text + "\"");
        }
    }

    @Override
    public byte[] send(Object value) {
        return switch (kind) {
            case INT4 -> ByteBuffer.allocate(4).putInt((Integer) value).array();
            case INT8 -> ByteBuffer.allocate(8).putLong((Long) value).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble((Double) value).array();
            case BOOL -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case VOID -> new byte[0];
            default -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    @Override
    public Object receive(byte[] data) {
        int want = switch (kind) {
            case INT4 -> 4;
            case INT8, FLOAT8 -> 8;
            case BOOL -> 1;
            default -> -1;
        };
        if (want >= 0 && data.length != want) {
            throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        return switch (kind) {
            case INT4 -> b.getInt();
            case INT8 -> b.getLong();
            case FLOAT8 -> b.getDouble();
            case BOOL -> data[0] != 0;
            case VOID -> null;
            default -> new String(data, StandardCharsets.UTF_8);
        };
    }
}
