package org.pgmini.storage.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.IntervalValue;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.NumericSpecial;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.index.IndexTestSupport.drain;

/**
 * Every supported type's key order against PostgreSQL 15's. The groups below (values in one
 * inner list are equal) were checked with PostgreSQL 15's ORDER BY / dense_rank() on the same
 * values (float8, numeric, interval, "char", bytea, bpchar, text in C collation, float4).
 * Checked three ways: the encodings compare like the groups (ASC and DESC, NULL last/first),
 * and an index of each type returns a shuffled insert in exactly that order.
 */
class KeyOrderTest {
    @TempDir Path dir;

    private static List<List<Object>> groups(Object... gs) {
        List<List<Object>> out = new ArrayList<>();
        for (Object g : gs) out.add(g instanceof List<?> l ? new ArrayList<>(l) : List.of(g));
        return out;
    }

    private static IntervalValue iv(long us, int days, int months) { return new IntervalValue(us, days, months); }

    private static final long HOUR = 3_600_000_000L;

    static List<Object[]> cases() {
        List<Object[]> c = new ArrayList<>();
        c.add(new Object[] {AttributeType.BOOL, groups(false, true)});
        c.add(new Object[] {AttributeType.CHAR, groups((byte) 1, (byte) 65, (byte) 127, (byte) -128, (byte) -56, (byte) -1)});
        c.add(new Object[] {AttributeType.INT2, groups(Short.MIN_VALUE, (short) -1, (short) 0, (short) 1, Short.MAX_VALUE)});
        c.add(new Object[] {AttributeType.INT4, groups(Integer.MIN_VALUE, -70000, -1, 0, 1, 70000, Integer.MAX_VALUE)});
        c.add(new Object[] {AttributeType.INT8, groups(Long.MIN_VALUE, -(1L << 40), -1L, 0L, 1L, 1L << 40, Long.MAX_VALUE)});
        c.add(new Object[] {AttributeType.OID, groups(0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)}); // unsigned
        c.add(new Object[] {AttributeType.FLOAT8, groups(Double.NEGATIVE_INFINITY, -1e300, -1.5, List.of(-0.0, 0.0), 1e-300, 2.5,
                Double.POSITIVE_INFINITY, List.of(Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L)))});
        c.add(new Object[] {AttributeType.FLOAT4, groups(Float.NEGATIVE_INFINITY, List.of(-0.0f, 0.0f), 1.5f, 1e10f, Float.NaN)});
        c.add(new Object[] {AttributeType.NUMERIC, groups(NumericSpecial.NEGATIVE_INFINITY,
                List.of(new BigDecimal("-100.5"), new BigDecimal("-100.50")), new BigDecimal("-2"), new BigDecimal("-1.999"),
                new BigDecimal("-0.001"), List.of(BigDecimal.ZERO, new BigDecimal("0.00")), new BigDecimal("0.001"),
                List.of(BigDecimal.ONE, new BigDecimal("1.0")), new BigDecimal("1.5"), new BigDecimal("10"), new BigDecimal("99.99"),
                new BigDecimal("100"), new BigDecimal("1E+20"), NumericSpecial.POSITIVE_INFINITY, NumericSpecial.NAN)});
        c.add(new Object[] {AttributeType.INTERVAL, groups(iv(0, -1, 0), iv(0, 0, 0), iv(-1_000_000, 1, 0),
                List.of(iv(24 * HOUR, 0, 0), iv(0, 1, 0)), List.of(iv(0, 0, 1), iv(720 * HOUR, 0, 0), iv(0, 30, 0)),
                List.of(iv(0, 0, 12), iv(0, 360, 0)))});
        c.add(new Object[] {AttributeType.BYTEA, groups(new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {0, 1},
                new byte[] {1}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xff, 0})});
        c.add(new Object[] {AttributeType.BPCHAR, groups(List.of("", "  "), List.of("a", "a ", "a  "), "a b", "ab")});
        for (AttributeType t : new AttributeType[] {AttributeType.TEXT, AttributeType.VARCHAR, AttributeType.NAME}) {
            c.add(new Object[] {t, groups("", "B", "a", "ab", "z", "é", "€")});
        }
        c.add(new Object[] {AttributeType.DATE, groups(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE)});
        for (AttributeType t : new AttributeType[] {AttributeType.TIMESTAMP, AttributeType.TIMESTAMPTZ}) {
            c.add(new Object[] {t, groups(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE)});
        }
        return c;
    }

    @Test
    void everySupportedTypeIsCovered() {
        List<AttributeType> covered = new ArrayList<>();
        for (Object[] c : cases()) {
            covered.add((AttributeType) c[0]);
            covered.add(AttributeType.valueOf(c[0] + "_ARRAY")); // arraysOrderAsPostgresql
        }
        for (AttributeType t : AttributeType.values()) {
            assertEquals(KeyCodec.isSupported(t), covered.contains(t), t.name());
        }
    }

    /**
     * Arrays of every element type in array_cmp's order (checked with PostgreSQL 15 on int4[] and
     * numeric[]: {} < {-5,7} < {1} < {1,2} < {1,2,3} < {1,3} < {1,NULL} < {2} < {NULL} < {NULL,1};
     * {1.0} = {1}): elements in turn (NULL above every value), then the shorter array first.
     */
    @Test
    @SuppressWarnings("unchecked")
    void arraysOrderAsPostgresql() {
        for (Object[] c : cases()) {
            AttributeType t = (AttributeType) c[0];
            AttributeType at = AttributeType.valueOf(t.name() + "_ARRAY");
            List<List<Object>> gs = (List<List<Object>>) c[1];
            // elements: every member of the first three groups and of the last one, and NULL (rank = groups)
            List<Object> elems = new ArrayList<>();
            List<Integer> ranks = new ArrayList<>();
            for (int g = 0; g < gs.size(); g++) {
                if (g >= 3 && g != gs.size() - 1) continue;
                for (Object v : gs.get(g)) { elems.add(v); ranks.add(g); }
            }
            elems.add(null);
            ranks.add(gs.size());
            List<int[]> arrays = new ArrayList<>(); // indexes into elems
            arrays.add(new int[0]);
            for (int i = 0; i < elems.size(); i++) {
                arrays.add(new int[] {i});
                for (int j = 0; j < elems.size(); j++) arrays.add(new int[] {i, j});
            }
            List<byte[]> forms = new ArrayList<>();
            for (int[] a : arrays) {
                Object[] vals = new Object[a.length];
                for (int i = 0; i < a.length; i++) vals[i] = elems.get(a[i]);
                forms.add(sendArray(t, vals));
            }
            for (boolean desc : new boolean[] {false, true}) {
                List<byte[]> enc = new ArrayList<>();
                for (byte[] f : forms) enc.add(KeyCodec.encodeColumn(at, desc, f));
                for (int x = 0; x < arrays.size(); x++) {
                    for (int y = 0; y < arrays.size(); y++) {
                        int want = Integer.signum(compareArrays(arrays.get(x), arrays.get(y), ranks)) * (desc ? -1 : 1);
                        int got = Integer.signum(Arrays.compareUnsigned(enc.get(x), enc.get(y)));
                        assertEquals(want, got, at + (desc ? " DESC " : " ") + Arrays.toString(arrays.get(x)) + " vs " + Arrays.toString(arrays.get(y)));
                    }
                }
            }
        }
    }

    /** An array key column followed by another column: scans on the second one parse past the array. */
    @Test
    void arrayColumnsInMultiColumnIndexes() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 64)) {
            for (boolean desc : new boolean[] {false, true}) {
                IndexRelation idx = s.index(new AttributeType[] {AttributeType.TEXT_ARRAY, AttributeType.INT4}, new boolean[] {desc, false});
                int n = 0;
                List<ItemPointer> want = new ArrayList<>();
                for (Object[] a : List.of(new Object[0], new Object[] {"a"}, new Object[] {"a", null}, new Object[] {"b", "c"}, new Object[] {null})) {
                    for (int k = 0; k < 3; k++) {
                        ItemPointer tid = new ItemPointer(n++, 1);
                        s.btree.insert(idx, new Object[] {sendArray(AttributeType.TEXT, a), k}, tid);
                        if (k == 1) want.add(tid);
                    }
                }
                List<ItemPointer> got = drain(s.btree.scan(idx, List.of(new ScanKey(1, ScanKey.Op.EQ, 1)), false));
                if (desc) Collections.reverse(want);
                assertEquals(want, got);
                assertEquals(List.of(new ItemPointer(7, 1)), drain(s.btree.scan(idx, List.of(
                        new ScanKey(0, ScanKey.Op.EQ, sendArray(AttributeType.TEXT, new Object[] {"a", null})), new ScanKey(1, ScanKey.Op.GE, 1),
                        new ScanKey(1, ScanKey.Op.LT, 2)), false)));
            }
        }
    }

    private static int compareArrays(int[] a, int[] b, List<Integer> ranks) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int r = Integer.compare(ranks.get(a[i]), ranks.get(b[i]));
            if (r != 0) return r;
        }
        return Integer.compare(a.length, b.length);
    }

    /** array_send of a one-dimensional array (lower bound 1), elements in their send forms. */
    static byte[] sendArray(AttributeType elem, Object[] vals) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(20);
        boolean hasNull = Arrays.stream(vals).anyMatch(v -> v == null);
        h.putInt(vals.length == 0 ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(elem.oid());
        if (vals.length > 0) h.putInt(vals.length).putInt(1);
        out.write(h.array(), 0, h.position());
        for (Object v : vals) {
            if (v == null) {
                out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] e = sendForm(elem, v);
                out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(e.length).array());
                out.writeBytes(e);
            }
        }
        return out.toByteArray();
    }

    private static byte[] sendForm(AttributeType t, Object v) {
        return switch (t) {
            case BOOL -> new byte[] {(byte) ((Boolean) v ? 1 : 0)};
            case CHAR -> new byte[] {(Byte) v};
            case INT2 -> java.nio.ByteBuffer.allocate(2).putShort((Short) v).array();
            case INT4, OID, DATE -> java.nio.ByteBuffer.allocate(4).putInt((Integer) v).array();
            case INT8, TIMESTAMP, TIMESTAMPTZ -> java.nio.ByteBuffer.allocate(8).putLong((Long) v).array();
            case FLOAT4 -> java.nio.ByteBuffer.allocate(4).putFloat((Float) v).array();
            case FLOAT8 -> java.nio.ByteBuffer.allocate(8).putDouble((Double) v).array();
            case TEXT, VARCHAR, NAME, BPCHAR -> ((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case BYTEA -> (byte[]) v;
            case INTERVAL -> {
                IntervalValue i = (IntervalValue) v;
                yield java.nio.ByteBuffer.allocate(16).putLong(i.microseconds()).putInt(i.days()).putInt(i.months()).array();
            }
            case NUMERIC -> numericSend(v);
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    /** numeric_send: ndigits, weight, sign, dscale, base-10000 digits. */
    private static byte[] numericSend(Object v) {
        if (v instanceof NumericSpecial ns) {
            int sign = switch (ns) { case NAN -> 0xC000; case POSITIVE_INFINITY -> 0xD000; case NEGATIVE_INFINITY -> 0xF000; };
            return java.nio.ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) sign).putShort((short) 0).array();
        }
        BigDecimal d = (BigDecimal) v;
        int dscale = Math.max(0, d.scale());
        int fracGroups = (dscale + 3) / 4;
        java.math.BigInteger u = d.abs().setScale(fracGroups * 4).unscaledValue();
        List<Integer> groups = new ArrayList<>();
        while (u.signum() > 0) {
            java.math.BigInteger[] qr = u.divideAndRemainder(java.math.BigInteger.valueOf(10000));
            groups.add(0, qr[1].intValue());
            u = qr[0];
        }
        int weight = groups.size() - fracGroups - 1;
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) groups.remove(groups.size() - 1);
        while (!groups.isEmpty() && groups.get(0) == 0) { groups.remove(0); weight--; }
        if (groups.isEmpty()) weight = 0;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * groups.size());
        b.putShort((short) groups.size()).putShort((short) weight).putShort((short) (d.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        for (int g : groups) b.putShort((short) g);
        return b.array();
    }

    @Test
    @SuppressWarnings("unchecked")
    void encodingsCompareAsPostgresql() {
        for (Object[] c : cases()) {
            AttributeType t = (AttributeType) c[0];
            List<List<Object>> gs = (List<List<Object>>) c[1];
            for (boolean desc : new boolean[] {false, true}) {
                List<Object> flat = new ArrayList<>();
                List<Integer> rank = new ArrayList<>();
                for (int g = 0; g < gs.size(); g++) for (Object v : gs.get(g)) { flat.add(v); rank.add(g); }
                flat.add(null);
                rank.add(gs.size()); // NULLS LAST (ascending)
                for (int i = 0; i < flat.size(); i++) {
                    for (int j = 0; j < flat.size(); j++) {
                        int want = Integer.signum(rank.get(i).compareTo(rank.get(j))) * (desc ? -1 : 1);
                        int got = Integer.signum(Arrays.compareUnsigned(KeyCodec.encodeColumn(t, desc, flat.get(i)),
                                KeyCodec.encodeColumn(t, desc, flat.get(j))));
                        assertEquals(want, got, t + (desc ? " DESC " : " ") + show(flat.get(i)) + " vs " + show(flat.get(j)));
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void indexesReturnPostgresqlOrder() {
        try (IndexTestSupport s = new IndexTestSupport(dir, 128)) {
            Random rnd = new Random(3);
            for (Object[] c : cases()) {
                AttributeType t = (AttributeType) c[0];
                List<List<Object>> gs = (List<List<Object>>) c[1];
                for (boolean desc : new boolean[] {false, true}) {
                    IndexRelation idx = s.index(new AttributeType[] {t}, new boolean[] {desc});
                    List<Object[]> rows = new ArrayList<>(); // value, group, tid
                    int n = 0;
                    for (int g = 0; g < gs.size(); g++) for (Object v : gs.get(g)) rows.add(new Object[] {v, g, new ItemPointer(n++, 1)});
                    rows.add(new Object[] {null, gs.size(), new ItemPointer(n, 1)});
                    Collections.shuffle(rows, rnd);
                    for (Object[] r : rows) s.btree.insert(idx, new Object[] {r[0]}, (ItemPointer) r[2]);
                    List<ItemPointer> got = drain(s.btree.scan(idx, List.of(), false));
                    int prev = desc ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                    for (ItemPointer tid : got) {
                        int g = rows.stream().filter(r -> r[2].equals(tid)).map(r -> (Integer) r[1]).findFirst().orElseThrow();
                        assertTrue(desc ? g <= prev : g >= prev, t + " order");
                        prev = g;
                    }
                    assertEquals(rows.size(), got.size());
                    // equality finds every member of a group, ranges split at a group
                    for (int g = 0; g < gs.size(); g++) {
                        List<ItemPointer> eq = drain(s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, gs.get(g).get(0))), false));
                        assertEquals(gs.get(g).size(), eq.size(), t + " = " + show(gs.get(g).get(0)));
                        List<ItemPointer> lt = drain(s.btree.scan(idx, List.of(new ScanKey(0, ScanKey.Op.LT, gs.get(g).get(0))), desc));
                        int below = 0;
                        for (int h = 0; h < g; h++) below += gs.get(h).size();
                        assertEquals(below, lt.size(), t + " < " + show(gs.get(g).get(0)));
                    }
                }
            }
        }
    }

    private static String show(Object v) { return v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v); }
}
