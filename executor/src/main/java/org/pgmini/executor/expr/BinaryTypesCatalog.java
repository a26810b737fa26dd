package org.pgmini.executor.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.ByteaType;
import org.pgmini.executor.types.OidType;
import org.pgmini.executor.types.PgLsnType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Operators and functions of oid, "char", bytea and pg_lsn, and the WAL position functions
 * (pg_current_wal_lsn, pg_current_wal_insert_lsn, pg_walfile_name: answered by the session's
 * database, 0A000 in a session without storage).
 */
final class BinaryTypesCatalog {
    private BinaryTypesCatalog() {}

    private static final PgType BYTEA = PgTypes.BYTEA;
    private static final PgType TEXT = PgTypes.TEXT;
    private static final PgType LSN = PgTypes.PG_LSN;
    private static final PgType NUM = PgTypes.NUMERIC;

    static void register(Catalog cat) {
        cat.addComparisons((a, b) -> Integer.compareUnsigned((Integer) a, (Integer) b), PgTypes.OID, PgTypes.OID);
        cat.addComparisons((a, b) -> Integer.compare((Byte) a & 0xff, (Byte) b & 0xff), PgTypes.CHAR, PgTypes.CHAR);
        cat.addComparisons((a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b), BYTEA, BYTEA);
        cat.addComparisons((a, b) -> Long.compareUnsigned((Long) a, (Long) b), LSN, LSN);
        bytea(cat);
        lsn(cat);
    }

    private static void bytea(Catalog cat) {
        PgType i4 = PgTypes.INT4;
        cat.add("||", BYTEA, (v, c) -> concat((byte[]) v[0], (byte[]) v[1]), BYTEA, BYTEA);
        cat.add("length", i4, (v, c) -> ((byte[]) v[0]).length, BYTEA);
        cat.add("octet_length", i4, (v, c) -> ((byte[]) v[0]).length, BYTEA);
        cat.add("get_byte", i4, (v, c) -> {
            byte[] b = (byte[]) v[0];
            int n = (Integer) v[1];
            if (n < 0 || n >= b.length) {
                throw new PgException("2202E", "index " + n + " out of valid range, 0.." + (b.length - 1));
            }
            return b[n] & 0xff;
        }, BYTEA, i4);
        cat.add("encode", TEXT, (v, c) -> encode((byte[]) v[0], (String) v[1]), BYTEA, TEXT);
        cat.add("decode", BYTEA, (v, c) -> decode((String) v[0], (String) v[1]), TEXT, TEXT);
        cat.add("md5", TEXT, (v, c) -> HexFormat.of().formatHex(digest("MD5", ((String) v[0]).getBytes(StandardCharsets.UTF_8))), TEXT);
        cat.add("md5", TEXT, (v, c) -> HexFormat.of().formatHex(digest("MD5", (byte[]) v[0])), BYTEA);
        cat.add("sha224", BYTEA, (v, c) -> digest("SHA-224", (byte[]) v[0]), BYTEA);
        cat.add("sha256", BYTEA, (v, c) -> digest("SHA-256", (byte[]) v[0]), BYTEA);
        cat.add("sha384", BYTEA, (v, c) -> digest("SHA-384", (byte[]) v[0]), BYTEA);
        cat.add("sha512", BYTEA, (v, c) -> digest("SHA-512", (byte[]) v[0]), BYTEA);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, algorithm + " is not supported");
        }
    }

    private static PgException unrecognizedEncoding(String name) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + name + "\"");
    }

    /** encode(bytea, 'hex' | 'escape' | 'base64'), base64 in lines of 76 characters like PostgreSQL's. */
    static String encode(byte[] b, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return HexFormat.of().formatHex(b);
            case "base64":
                return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(b);
            case "escape": {
                StringBuilder sb = new StringBuilder(b.length);
                for (byte x : b) {
                    int u = x & 0xff;
                    if (u == 0 || u >= 0x80) {
                        sb.append('\\').append((char) ('0' + (u >> 6))).append((char) ('0' + ((u >> 3) & 7)))
                                .append((char) ('0' + (u & 7)));
                    } else if (u == '\\') {
                        sb.append("\\\\");
                    } else {
                        sb.append((char) u);
                    }
                }
                return sb.toString();
            }
            default:
                throw unrecognizedEncoding(format);
        }
    }

    static byte[] decode(String s, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return ByteaType.hexDecode(s, 0);
            case "escape":
                return ByteaType.escapeDecode(s);
            case "base64":
                return base64(s);
            default:
                throw unrecognizedEncoding(format);
        }
    }

    private static byte[] base64(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                continue;
            }
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                    || ch == '/' || ch == '=';
            if (!ok) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid symbol \"" + ch + "\" found while decoding base64 sequence");
            }
            clean.append(ch);
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence", null,
                    "Input data is missing padding, is truncated, or is otherwise corrupted.", 0, null, null);
        }
    }

    private static void lsn(Catalog cat) {
        cat.add("-", NUM, (v, c) -> PgLsnType.toNumeric((Long) v[0]).subtract(PgLsnType.toNumeric((Long) v[1])), LSN, LSN);
        cat.add("pg_wal_lsn_diff", NUM, (v, c) -> PgLsnType.toNumeric((Long) v[0]).subtract(PgLsnType.toNumeric((Long) v[1])),
                LSN, LSN);
        cat.add("+", LSN, (v, c) -> plus((Long) v[0], v[1], false), LSN, NUM);
        cat.add("+", LSN, (v, c) -> plus((Long) v[1], v[0], false), NUM, LSN);
        cat.add("-", LSN, (v, c) -> plus((Long) v[0], v[1], true), LSN, NUM);
        cat.addVolatile("pg_current_wal_lsn", LSN, true, (v, c) -> c.session.database().currentWalLsn());
        cat.addVolatile("pg_current_wal_insert_lsn", LSN, true, (v, c) -> c.session.database().currentWalInsertLsn());
        cat.addVolatile("pg_walfile_name", TEXT, true, (v, c) -> c.session.database().walFileName((Long) v[0]), LSN);
    }

    private static Long plus(long lsn, Object n, boolean subtract) {
        if (!(n instanceof BigDecimal d)) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    subtract ? "cannot subtract NaN from pg_lsn" : "cannot add NaN to pg_lsn");
        }
        BigDecimal base = PgLsnType.toNumeric(lsn);
        return PgLsnType.fromNumeric(subtract ? base.subtract(d) : base.add(d));
    }

    static long unsignedOid(Object o) {
        return OidType.unsigned(o);
    }
}
