package org.pgmini.executor.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * pg_lsn (OID 3220): a WAL position, java.lang.Long read as unsigned 64 bits. Text form is two
 * upper-case hex numbers {@code hi/lo} of the high and low 32 bits ({@code 0/16B3748}).
 */
public final class PgLsnType implements PgType {
    PgLsnType() {}

    @Override public int oid() { return 3220; }
    @Override public String name() { return "pg_lsn"; }
    @Override public short typlen() { return 8; }

    @Override
    public String output(Object value, SessionContext session) {
        return format((Long) value);
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }

    /** 1 to 8 hex digits, '/', 1 to 8 hex digits; nothing else (not even blanks). */
    @Override
    public Object input(String text, int typmod) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            throw TypeIo.invalidInput("pg_lsn", text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (i != slash && Character.digit(text.charAt(i), 16) < 0) {
                throw TypeIo.invalidInput("pg_lsn", text);
            }
        }
        long hi = Long.parseLong(text.substring(0, slash), 16);
        long lo = Long.parseLong(text.substring(slash + 1), 16);
        return (hi << 32) | lo;
    }

    /** The LSN as a numeric (unsigned). */
    public static BigDecimal toNumeric(long lsn) {
        return new BigDecimal(new BigInteger(Long.toUnsignedString(lsn)));
    }

    /** A numeric back to an LSN; 22003 "pg_lsn out of range" outside 0..2^64-1 or for NaN. */
    public static long fromNumeric(Object n) {
        if (!(n instanceof BigDecimal d)) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "cannot add NaN to pg_lsn");
        }
        BigInteger i = d.setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
        if (i.signum() < 0 || i.bitLength() > 64) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "pg_lsn out of range");
        }
        return i.longValue();
    }

    @Override
    public byte[] send(Object value) {
        return ByteBuffer.allocate(8).putLong((Long) value).array();
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 8).getLong();
    }
}
