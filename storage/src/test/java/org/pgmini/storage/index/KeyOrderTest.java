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
        for (Object[] c : cases()) covered.add((AttributeType) c[0]);
        for (AttributeType t : AttributeType.values()) {
            assertEquals(KeyCodec.isSupported(t), covered.contains(t), t.name());
        }
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
