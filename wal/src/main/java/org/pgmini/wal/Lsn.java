package org.pgmini.wal;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Log sequence numbers: 64-bit byte positions in the WAL stream, kept as plain {@code long}s for
 * speed (an LSN is compared and added far more often than printed). 0 is the invalid LSN.
 * Printed as PostgreSQL's pg_lsn type prints them: high and low 32 bits in upper-case hex.
 */
public final class Lsn {
    private Lsn() {}

    public static final long INVALID = 0L;

    /** pg_lsn output form, e.g. {@code 0/16B3748}. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    /** pg_waldump's form, low half padded to 8 digits, e.g. {@code 0/016B3748}. */
    public static String formatPadded(long lsn) {
        return String.format("%X/%08X", lsn >>> 32, lsn & 0xFFFFFFFFL);
    }

    /** Parses pg_lsn input ({@code X/X}); raises 22P02 like PostgreSQL for anything else. */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash > 8 || text.length() - slash - 1 < 1 || text.length() - slash - 1 > 8) {
            throw badInput(text);
        }
        try {
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            if (text.charAt(0) == '-' || text.charAt(0) == '+' || text.charAt(slash + 1) == '-' || text.charAt(slash + 1) == '+') {
                throw badInput(text);
            }
            return (hi << 32) | lo;
        } catch (NumberFormatException e) {
            throw badInput(text);
        }
    }

    private static PgException badInput(String text) {
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type pg_lsn: \"" + text + "\"");
    }

    /** Unsigned comparison: LSNs are unsigned in PostgreSQL. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }
}
