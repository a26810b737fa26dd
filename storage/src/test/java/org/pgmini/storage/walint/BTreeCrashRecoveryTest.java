package org.pgmini.storage.walint;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.index.IndexCursor;
import org.pgmini.storage.index.IndexEntry;
import org.pgmini.storage.index.IndexRelation;
import org.pgmini.storage.index.ScanKey;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.wal.WalPmemMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * B-tree pages through a power loss: inserts with splits (and root splits), a bulk build, VACUUM,
 * truncate and drop, checkpoints in between; at the crash each dirty page's write is lost,
 * complete or torn. After recovery the index holds exactly the entries whose WAL was flushed
 * (all of them: the test flushes as a commit would) and scans work in both directions.
 */
class BTreeCrashRecoveryTest {

    private static IndexRelation index(int relNumber, String name) {
        return new IndexRelation(new RelFileLocator(5, relNumber), name, new AttributeType[] {AttributeType.INT4, AttributeType.TEXT},
                new int[] {1, 2}, new boolean[] {false, false}, false);
    }

    /** key -> tid of the live entries (one entry per key). */
    private static List<ItemPointer> scan(BTree bt, IndexRelation idx, boolean backward) {
        List<ItemPointer> out = new ArrayList<>();
        try (IndexCursor c = bt.scan(idx, List.of(), backward)) {
            for (ItemPointer t = c.next(); t != null; t = c.next()) out.add(t);
        }
        return out;
    }

    private static void check(BTree bt, IndexRelation idx, TreeMap<Integer, ItemPointer> model, Random rnd, String what) {
        assertEquals(new ArrayList<>(model.values()), scan(bt, idx, false), what);
        List<ItemPointer> back = new ArrayList<>(model.descendingMap().values());
        assertEquals(back, scan(bt, idx, true), what + " backward");
        for (int i = 0; i < 50 && !model.isEmpty(); i++) {
            int k = rnd.nextInt(100_000);
            Integer key = model.ceilingKey(k);
            if (key == null) continue;
            try (IndexCursor c = bt.scan(idx, List.of(new ScanKey(0, ScanKey.Op.EQ, key)), false)) {
                assertEquals(model.get(key), c.next(), what + " key " + key);
                assertNull(c.next());
            }
        }
    }

    private static void insert(BTree bt, IndexRelation idx, TreeMap<Integer, ItemPointer> model, Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(100_000);
            if (model.containsKey(k)) continue;
            ItemPointer tid = new ItemPointer(k, 1 + rnd.nextInt(100));
            bt.insert(idx, new Object[] {k, "value number " + k}, tid);
            model.put(k, tid);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WalPmemMode.class, names = {"OFF", "NVWAL"})
    @Timeout(180)
    void indexSurvivesPowerLoss(WalPmemMode mode) throws Exception {
        try (CrashCluster c = new CrashCluster(mode, 1024)) {
            Random rnd = new Random(11 + mode.ordinal());
            IndexRelation idx = index(17000, "crash_idx");
            IndexRelation built = index(17001, "built_idx");
            IndexRelation truncated = index(17002, "truncated_idx");
            IndexRelation dropped = index(17003, "dropped_idx");
            TreeMap<Integer, ItemPointer> model = new TreeMap<>(), builtModel = new TreeMap<>(), truncModel = new TreeMap<>();
            DurableStorage ds = c.start();
            BTree bt = ds.engine().btree();
            bt.create(idx);
            bt.create(truncated);
            bt.create(dropped);
            insert(bt, dropped, new TreeMap<>(), rnd, 500);
            for (int round = 0; round < 3; round++) {
                insert(bt, idx, model, rnd, 6000);
                insert(bt, truncated, truncModel, rnd, 300);
                if (round == 0) {
                    bt.create(built);
                    List<IndexEntry> entries = new ArrayList<>();
                    for (int k = 0; k < 30000; k++) {
                        ItemPointer tid = new ItemPointer(k, 2);
                        entries.add(new IndexEntry(new Object[] {k * 3, "built " + k}, tid));
                        builtModel.put(k * 3, tid);
                    }
                    bt.build(built, entries.iterator(), 1 << 20);
                }
                ds.checkpoint();
                insert(bt, idx, model, rnd, 6000);
                insert(bt, built, builtModel, rnd, 2000);
                // VACUUM removes the entries of odd keys below 20000
                List<Integer> dead = new ArrayList<>();
                for (var e : model.entrySet()) if (e.getKey() < 20000 && e.getKey() % 2 == 1) dead.add(e.getKey());
                var deadTids = new java.util.HashSet<ItemPointer>();
                for (int k : dead) deadTids.add(model.remove(k));
                assertEquals(dead.size(), bt.bulkDelete(idx, deadTids::contains));
                insert(bt, idx, model, rnd, 3000);
                if (round == 1) {
                    bt.truncate(truncated);
                    truncModel.clear();
                    insert(bt, truncated, truncModel, rnd, 200);
                    bt.drop(dropped);
                }
                ds.wal().flush(ds.wal().insertLsn()); // what a commit does
                c.powerLoss(rnd);

                ds = c.start();
                bt = ds.engine().btree();
                assertTrue(ds.wal().recoveryResult().crashRecovery());
                check(bt, idx, model, rnd, "round " + round);
                check(bt, built, builtModel, rnd, "built, round " + round);
                check(bt, truncated, truncModel, rnd, "truncated, round " + round);
                assertEquals(round == 0, ds.engine().smgr().exists(dropped.locator(), ForkNumber.MAIN), "dropped index's file");
            }
            assertTrue(c.tornWrites > 0, "some index page writes were torn");
            ds.shutdown();
            c.ds = null;
            ds = c.start();
            assertFalse(ds.wal().recoveryResult().crashRecovery());
            check(ds.engine().btree(), idx, model, rnd, "clean restart");
        }
    }
}
