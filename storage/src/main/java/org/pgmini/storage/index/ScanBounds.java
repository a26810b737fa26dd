package org.pgmini.storage.index;

import org.pgmini.storage.tuple.AttributeType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The scan keys of one scan turned into byte bounds per index column, in index order (a DESC
 * column's {@code <} is a lower bound there), and the search keys where a forward or backward
 * scan starts (PostgreSQL's _bt_first and _bt_checkkeys, over encoded keys).
 *
 * <p>Per column: the tightest lower and upper bound among its keys (a whole column encoding,
 * strict or not). A column with a key on one side only gets the not-null marker as the other
 * bound, because btree operators are strict (NULLs never match). The start key of a forward scan
 * concatenates the lower bounds of the leading columns while they are inclusive; a backward scan
 * likewise with the upper bounds. While reading a leaf, an entry that fails a bound on column c
 * ends the scan when every column before c is bounded by equality (no later entry can match);
 * otherwise it is only skipped.
 */
final class ScanBounds {
    static final int MATCH = 0, SKIP = 1, STOP = 2;

    final int ncols;
    final AttributeType[] types;
    final boolean[] desc;
    final byte[][] lower, upper;
    final boolean[] lowerStrict, upperStrict, eq;
    final boolean impossible;
    final byte[] startKey;
    final boolean startPlusInf;
    final byte[] endKey;
    final boolean endPlusInf;

    private ScanBounds(IndexRelation idx, int ncols, byte[][] lower, boolean[] lowerStrict, byte[][] upper, boolean[] upperStrict,
                       boolean impossible) {
        this.ncols = ncols;
        this.types = idx.keyTypes();
        this.desc = idx.descending();
        this.lower = lower;
        this.upper = upper;
        this.lowerStrict = lowerStrict;
        this.upperStrict = upperStrict;
        this.eq = new boolean[ncols];
        boolean none = impossible;
        for (int c = 0; c < ncols; c++) {
            if (lower[c] == null && upper[c] == null) continue;
            if (lower[c] == null) lower[c] = KeyCodec.notNullPrefix(desc[c]);
            if (upper[c] == null) upper[c] = KeyCodec.notNullPrefix(desc[c]);
            int cmp = Arrays.compareUnsigned(lower[c], upper[c]);
            if (lower[c].length > 1 && upper[c].length > 1 && (cmp > 0 || (cmp == 0 && (lowerStrict[c] || upperStrict[c])))) none = true;
            eq[c] = cmp == 0 && lower[c].length > 1 && !lowerStrict[c] && !upperStrict[c];
        }
        this.impossible = none;
        // forward start: lower bounds of the leading columns while inclusive whole values
        var kb = new KeyCodec.KeyBuilder(32);
        boolean plus = false;
        for (int c = 0; c < ncols && lower[c] != null; c++) {
            kb.put(lower[c]);
            if (lowerStrict[c]) { plus = true; break; }
            if (lower[c].length == 1) break;
        }
        this.startKey = kb.toArray();
        this.startPlusInf = plus;
        // backward start: upper bounds likewise; the last entry at or below them
        kb = new KeyCodec.KeyBuilder(32);
        plus = true;
        for (int c = 0; c < ncols && upper[c] != null; c++) {
            kb.put(upper[c]);
            if (upperStrict[c]) { plus = false; break; }
            if (upper[c].length == 1) break;
        }
        this.endKey = kb.toArray();
        this.endPlusInf = plus;
    }

    static ScanBounds of(IndexRelation idx, List<ScanKey> keys) {
        int n = idx.columns();
        byte[][] lower = new byte[n][], upper = new byte[n][];
        boolean[] ls = new boolean[n], us = new boolean[n];
        int ncols = 0;
        boolean impossible = false;
        for (ScanKey k : keys) {
            int c = k.column();
            if (c < 0 || c >= n) throw new IllegalArgumentException("index \"" + idx.name() + "\" has no column " + c);
            ncols = Math.max(ncols, c + 1);
            if (k.value() == null) { impossible = true; continue; }
            byte[] enc = KeyCodec.encodeColumn(idx.keyTypes()[c], idx.descending()[c], k.value());
            ScanKey.Op op = k.op();
            if (idx.descending()[c]) {
                op = switch (op) {
                    case LT -> ScanKey.Op.GT;
                    case LE -> ScanKey.Op.GE;
                    case GE -> ScanKey.Op.LE;
                    case GT -> ScanKey.Op.LT;
                    case EQ -> ScanKey.Op.EQ;
                };
            }
            if (op == ScanKey.Op.GE || op == ScanKey.Op.GT || op == ScanKey.Op.EQ) {
                boolean strict = op == ScanKey.Op.GT;
                int cmp = lower[c] == null ? 1 : Arrays.compareUnsigned(enc, lower[c]);
                if (cmp > 0) { lower[c] = enc; ls[c] = strict; }
                else if (cmp == 0 && strict) ls[c] = true;
            }
            if (op == ScanKey.Op.LE || op == ScanKey.Op.LT || op == ScanKey.Op.EQ) {
                boolean strict = op == ScanKey.Op.LT;
                int cmp = upper[c] == null ? -1 : Arrays.compareUnsigned(enc, upper[c]);
                if (cmp < 0) { upper[c] = enc; us[c] = strict; }
                else if (cmp == 0 && strict) us[c] = true;
            }
        }
        return new ScanBounds(idx, ncols, lower, ls, upper, us, impossible);
    }

    /** Checks the entry key at {@code pos} of {@code b}: MATCH, SKIP, or STOP (no later entry in scan direction can match). */
    int evaluate(ByteBuffer b, int pos, boolean forward) {
        boolean eqSoFar = true;
        for (int c = 0; c < ncols; c++) {
            int end = KeyCodec.columnEnd(types[c], desc[c], b, pos);
            if (lower[c] != null) {
                int r = KeyCodec.comparePrefix(b, pos, end, lower[c]);
                if (r < 0 || (r == 0 && lowerStrict[c])) return !forward && eqSoFar ? STOP : SKIP;
                r = KeyCodec.comparePrefix(b, pos, end, upper[c]);
                if (r > 0 || (r == 0 && upperStrict[c])) return forward && eqSoFar ? STOP : SKIP;
            }
            eqSoFar &= eq[c];
            pos = end;
        }
        return MATCH;
    }
}
