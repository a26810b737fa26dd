package org.pgmini.storage.page;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.pgmini.storage.smgr.StorageConstants.BLCKSZ;

class PageTest {

    private static byte[] item(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    /** Checks the structural invariants every page must keep. */
    static void assertInvariants(Page p) {
        assertTrue(p.lower() >= Page.HEADER_SIZE);
        assertTrue(p.lower() <= p.upper(), "lower <= upper");
        assertTrue(p.upper() <= p.special(), "upper <= special");
        assertEquals(BLCKSZ, p.special());
        List<int[]> ranges = new ArrayList<>();
        for (int o = 1; o <= p.maxOffsetNumber(); o++) {
            if (p.itemIsNormal(o)) {
                int off = p.itemOffset(o);
                assertEquals(0, off % Page.MAXALIGN, "items are MAXALIGN'd");
                assertTrue(off >= p.upper() && off + p.itemLength(o) <= p.special(), "item inside tuple space");
                ranges.add(new int[] {off, off + p.itemLength(o)});
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) assertTrue(ranges.get(i - 1)[1] <= ranges.get(i)[0], "items do not overlap");
    }

    @Test
    void initAddAndRead() {
        Page p = Page.allocate();
        assertTrue(p.isNew());
        p.init(0);
        assertFalse(p.isNew());
        assertEquals(BLCKSZ | 4, p.pageSizeVersion());
        assertEquals(BLCKSZ - Page.HEADER_SIZE - Page.ITEM_ID_SIZE, p.freeSpace());
        int o1 = p.addItem(item(30, 1), 0, true);
        int o2 = p.addItem(item(17, 2), 0, true);
        assertEquals(1, o1);
        assertEquals(2, o2);
        assertArrayEquals(item(30, 1), p.itemBytes(1));
        assertArrayEquals(item(17, 2), p.itemBytes(2));
        assertEquals(BLCKSZ - 32, p.itemOffset(1));
        assertEquals(BLCKSZ - 32 - 24, p.itemOffset(2));
        assertEquals(Page.LP_NORMAL, p.itemFlags(1));
        assertInvariants(p);
    }

    @Test
    void fillsUpAndRefusesWhatDoesNotFit() {
        Page p = Page.allocate();
        p.init(0);
        int n = 0;
        while (p.addItem(item(100, n), 0, true) != Page.INVALID_OFFSET_NUMBER) n++;
        assertEquals((BLCKSZ - 24) / (104 + 4), n);
        assertTrue(p.freeSpace() < 104);
        assertInvariants(p);
    }

    @Test
    void heapPageLimitsLinePointers() {
        Page p = Page.allocate();
        p.init(0);
        int n = 0;
        while (p.addItem(item(1, n), 0, true) != Page.INVALID_OFFSET_NUMBER) n++;
        assertEquals(Page.MAX_HEAP_TUPLES_PER_PAGE, n);
        assertEquals(0, p.heapFreeSpace());
        p.setItemUnused(5);
        assertTrue(p.heapFreeSpace() > 0);
        assertEquals(5, p.addItem(item(1, 99), 0, true));
    }

    @Test
    void unusedItemsAreReusedAfterCompaction() {
        Page p = Page.allocate();
        p.init(0);
        for (int i = 0; i < 10; i++) p.addItem(item(50 + i, i), 0, true);
        int before = p.exactFreeSpace();
        p.setItemUnused(3);
        p.setItemUnused(7);
        p.setItemDead(8);
        assertEquals(2, p.repairFragmentation());
        assertInvariants(p);
        assertEquals(before + Page.maxAlign(52) + Page.maxAlign(56) + Page.maxAlign(57), p.exactFreeSpace());
        for (int i = 0; i < 10; i++) {
            if (i == 2 || i == 6 || i == 7) continue;
            assertArrayEquals(item(50 + i, i), p.itemBytes(i + 1), "item " + (i + 1) + " survives compaction intact");
        }
        assertEquals(Page.LP_DEAD, p.itemFlags(8));
        assertEquals(3, p.addItem(item(10, 42), 0, true));
        assertEquals(7, p.addItem(item(10, 43), 0, true));
        assertEquals(11, p.addItem(item(10, 44), 0, true));
        assertInvariants(p);
    }

    @Test
    void randomAddRemoveCompactKeepsContents() {
        Random rnd = new Random(42);
        Page p = Page.allocate();
        p.init(0);
        Map<Integer, byte[]> live = new HashMap<>();
        for (int step = 0; step < 5000; step++) {
            int action = rnd.nextInt(10);
            if (action < 6) {
                byte[] it = item(1 + rnd.nextInt(300), step);
                int o = p.addItem(it, 0, true);
                if (o != Page.INVALID_OFFSET_NUMBER) {
                    assertNull(live.put(o, it), "offset handed out twice");
                } else {
                    assertTrue(p.heapFreeSpace() < Page.maxAlign(it.length) || p.maxOffsetNumber() >= Page.MAX_HEAP_TUPLES_PER_PAGE);
                }
            } else if (action < 9 && !live.isEmpty()) {
                Integer victim = new ArrayList<>(live.keySet()).get(rnd.nextInt(live.size()));
                live.remove(victim);
                p.setItemUnused(victim);
            } else {
                p.repairFragmentation();
                if (rnd.nextBoolean()) p.truncateLinePointerArray();
                int used = 0;
                for (byte[] b : live.values()) used += Page.maxAlign(b.length);
                assertEquals(BLCKSZ - p.upper(), used, "compaction leaves exactly the live tuples");
            }
            assertInvariants(p);
            for (Map.Entry<Integer, byte[]> e : live.entrySet()) assertArrayEquals(e.getValue(), p.itemBytes(e.getKey()));
        }
    }

    @Test
    void removeItemShiftsLinePointersAndData() {
        Page p = Page.allocate();
        p.init(0);
        for (int i = 0; i < 5; i++) p.addItem(item(20 + i, i), 0, false);
        int free = p.exactFreeSpace();
        p.removeItem(2);
        assertEquals(4, p.maxOffsetNumber());
        assertEquals(free + Page.maxAlign(21) + Page.ITEM_ID_SIZE, p.exactFreeSpace());
        assertArrayEquals(item(20, 0), p.itemBytes(1));
        assertArrayEquals(item(22, 2), p.itemBytes(2));
        assertArrayEquals(item(24, 4), p.itemBytes(4));
        assertInvariants(p);
    }

    @Test
    void checksumDetectsChangesAndWrongBlock() {
        Page p = Page.allocate();
        p.init(0);
        p.addItem(item(200, 7), 0, true);
        p.setLsn(0x1234_5678_9ABCL);
        p.setChecksumFor(17);
        assertTrue(p.verify(17));
        assertFalse(p.verify(18), "a page written to another block fails");
        int c = p.checksum();
        assertTrue(c >= 1 && c <= 65535);
        p.buffer().put(8000, (byte) (p.buffer().get(8000) ^ 1));
        assertFalse(p.verify(17), "a flipped bit fails");
        assertTrue(Page.allocate().verify(3), "an all-zero page is valid");
        Page garbage = Page.allocate();
        garbage.buffer().put(100, (byte) 1);
        assertFalse(garbage.verify(3), "a page with pd_upper 0 but nonzero bytes is invalid");
    }
}
