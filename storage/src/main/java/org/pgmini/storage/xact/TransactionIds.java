package org.pgmini.storage.xact;

/**
 * 32-bit transaction ids and their circular order (PostgreSQL's transam.h rules). 0 is invalid,
 * 1 is the bootstrap xid, 2 the frozen xid; normal ids start at 3 and wrap around from 2^32-1
 * to 3. Two normal ids compare by the sign of their 32-bit difference, so each id sees 2^31 ids
 * "before" and 2^31 "after" it; special ids are older than every normal id.
 */
public final class TransactionIds {
    private TransactionIds() {}

    public static final int INVALID = 0;
    public static final int BOOTSTRAP = 1;
    public static final int FROZEN = 2;
    public static final int FIRST_NORMAL = 3;

    public static boolean isValid(int xid) { return xid != INVALID; }
    public static boolean isNormal(int xid) { return Integer.compareUnsigned(xid, FIRST_NORMAL) >= 0; }

    /** TransactionIdPrecedes: is {@code a} logically older than {@code b}? */
    public static boolean precedes(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) return Integer.compareUnsigned(a, b) < 0;
        return a - b < 0;
    }

    public static boolean precedesOrEquals(int a, int b) {
        if (!isNormal(a) || !isNormal(b)) return Integer.compareUnsigned(a, b) <= 0;
        return a - b <= 0;
    }

    public static boolean follows(int a, int b) { return precedes(b, a); }
    public static boolean followsOrEquals(int a, int b) { return precedesOrEquals(b, a); }

    /** The next xid after {@code xid}, skipping the special ids on wraparound. */
    public static int advance(int xid) {
        int n = xid + 1;
        return isNormal(n) ? n : FIRST_NORMAL;
    }

    /** The older of two xids (an invalid one is ignored). */
    public static int older(int a, int b) {
        if (!isValid(a)) return b;
        if (!isValid(b)) return a;
        return precedes(a, b) ? a : b;
    }

    public static String toString(int xid) { return Integer.toUnsignedString(xid); }
}
