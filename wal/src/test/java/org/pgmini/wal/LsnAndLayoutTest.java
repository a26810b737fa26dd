package org.pgmini.wal;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LsnAndLayoutTest {
    @Test
    void lsnPrintsAndParsesLikePgLsn() {
        assertEquals("0/16B3748", Lsn.format(0x16B3748L));
        assertEquals("1/0", Lsn.format(1L << 32));
        assertEquals("0/016B3748", Lsn.formatPadded(0x16B3748L));
        assertEquals(0xABCDEF0000001234L, Lsn.parse("ABCDEF00/1234"));
        assertEquals(0x16B3748L, Lsn.parse("0/16b3748"));
        PgException e = assertThrows(PgException.class, () -> Lsn.parse("0/"));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type pg_lsn: \"0/\"", e.getMessage());
        assertThrows(PgException.class, () -> Lsn.parse("123456789/1"));
        assertThrows(PgException.class, () -> Lsn.parse("x/1"));
    }

    @Test
    void segmentFileNamesFollowPostgres() {
        WalLayout l = new WalLayout(WalLayout.DEFAULT_SEGMENT_SIZE);
        assertEquals("000000010000000000000001", l.fileName(1, 1));
        assertEquals("000000010000000100000000", l.fileName(1, 256));
        assertEquals(256, l.segmentNoOf("000000010000000100000000"));
        assertEquals(-1, l.segmentNoOf("000000010000000100000100"));
        assertEquals(-1, l.segmentNoOf("archive_status"));
    }

    @Test
    void bytePositionsSkipPageHeaders() {
        WalLayout l = new WalLayout(WalLayout.MIN_SEGMENT_SIZE);
        assertEquals(WalLayout.LONG_PAGE_HEADER, l.bytePosToLsn(0));
        long firstPageUsable = WalLayout.PAGE_SIZE - WalLayout.LONG_PAGE_HEADER;
        assertEquals(WalLayout.PAGE_SIZE + WalLayout.SHORT_PAGE_HEADER, l.bytePosToLsn(firstPageUsable));
        assertEquals(WalLayout.PAGE_SIZE, l.bytePosToEndLsn(firstPageUsable));
        long segUsable = firstPageUsable + 3L * WalLayout.USABLE_IN_PAGE;
        assertEquals(WalLayout.MIN_SEGMENT_SIZE + WalLayout.LONG_PAGE_HEADER, l.bytePosToLsn(segUsable));
        assertEquals(WalLayout.MIN_SEGMENT_SIZE, l.bytePosToEndLsn(segUsable));
        for (long pos = 0; pos < 5 * segUsable; pos += 8) {
            assertEquals(pos, l.lsnToBytePos(l.bytePosToLsn(pos)));
            assertEquals(pos, l.lsnToBytePos(l.bytePosToEndLsn(pos)));
        }
    }
}
