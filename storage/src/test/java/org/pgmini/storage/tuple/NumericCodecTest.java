package org.pgmini.storage.tuple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic fast path of NumericCodec.encode produces exactly the string path's bytes. */
class NumericCodecTest {
    @Test
    void fastPathMatchesTheStringPath() {
        Random r = new Random(42);
        String[] fixed = {"0", "0.00", "-0.5", "1", "10000", "9999.9999", "0.0001", "0.00001", "12345.6", "-100000000",
            "123456789012345678", "4611686018427387903", "0.1234567890123456", "1.50", "2.10", "100.0000"};
        for (String f : fixed) {
            check(new BigDecimal(f));
        }
        for (int i = 0; i < 200_000; i++) {
            long unscaled = r.nextInt(4) == 0 ? r.nextInt(100_000) : r.nextLong() >> r.nextInt(63);
            check(new BigDecimal(BigInteger.valueOf(unscaled), r.nextInt(20)));
        }
    }

    private static void check(BigDecimal v) {
        int dscale = Math.max(v.scale(), 0);
        byte[] fast = NumericCodec.encodeSmall(v, dscale);
        if (fast == null) {
            return;
        }
        byte[] slow = NumericCodec.encodeByString(v, dscale);
        assertArrayEquals(slow, fast, v.toPlainString());
        Object back = NumericCodec.decode(ByteBuffer.wrap(fast).order(ByteOrder.LITTLE_ENDIAN), 0, fast.length);
        assertNotNull(back);
        assertEquals(0, v.compareTo((BigDecimal) back), v.toPlainString());
        assertEquals(v.scale(), ((BigDecimal) back).scale(), v.toPlainString());
    }
}
