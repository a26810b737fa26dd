package org.pgmini.executor.exec.modify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.CharacterCoercion;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.index.IndexCursor;
import org.pgmini.storage.index.IndexRelation;
import org.pgmini.storage.index.ScanKey;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.LockTag;
import org.pgmini.storage.xact.Transaction;

/**
 * PRIMARY KEY and UNIQUE enforcement. The
 * PostgreSQL semantics kept: a key equal to a live row's key is 23505 "duplicate key value
 * violates unique constraint" with DETAIL "Key (a)=(1) already exists."; NULLs never conflict;
 * a concurrent transaction writing the same key makes us wait for its end, then we see its
 * outcome; checks are immediate (per row, not at statement end, so UPDATE t SET id = id + 1 can
 * fail as in PostgreSQL).
 *
 * <p>How, and the invariant it rests on: every transaction that inserts, updates or deletes a
 * row of a table with unique constraints first takes an exclusive lock on each of the row's key
 * values (LockTag.objectName(db, table oid, "constraint:key"), held to transaction end, so it
 * is in the deadlock detector's graph). Hence once we hold the lock on key k, no other
 * transaction has an uncommitted change of a k-row, and a fresh snapshot (latest committed
 * state plus our own earlier commands) shows exactly the live k-rows. Rows this statement
 * itself changed are accounted for by the caller: versions it replaced or deleted are excluded
 * by TID, keys it wrote are remembered. The live k-rows are found through the constraint's
 * index (an equality scan, then a heap fetch with the fresh snapshot and a re-check of the key
 * on the fetched row, since index entries are not MVCC-filtered); a constraint without an index
 * (catalogs made before indexes existed) falls back to a scan of the whole table. The key locks
 * stay in the lock table until transaction end.
 */
public final class UniqueKeys {
    /** One PRIMARY KEY / UNIQUE constraint: its columns, and its index (null when it has none). */
    record Constraint(String name, int[] attnums, IndexRelation index) {}

    private final TargetTable table;
    private final BTree btree;
    private final List<Constraint> constraints = new ArrayList<>();
    /** Keys written by this statement, per constraint index. */
    private final List<Set<List<Object>>> written = new ArrayList<>();
    /** Row versions this statement replaced or deleted (their old keys no longer count). */
    private final Set<ItemPointer> gone = new HashSet<>();

    /** btree: null only when the table has no indexes (RowModifier). */
    public UniqueKeys(TargetTable table, TableIndexes indexes, BTree btree) {
        this.table = table;
        this.btree = btree;
        constraints.addAll(btree == null ? constraintsOf(indexes.table(), null) : indexes.uniqueConstraints());
        for (int i = 0; i < constraints.size(); i++) {
            written.add(new HashSet<>());
        }
    }

    /**
     * The constraints of one table version: every unique index (a constraint's carries the
     * constraint's name, which is the index's), then each key constraint without an index (none
     * is made so any more), checked by a table scan. {@code indexes} null: the indexes cannot be
     * used (no B-tree access), every key constraint is checked by a scan.
     */
    static List<Constraint> constraintsOf(RelationDescriptor rel, TableIndexes indexes) {
        List<Constraint> out = new ArrayList<>();
        for (RelationDescriptor.Index i : rel.indexes()) {
            if (i.unique() && indexes != null) {
                out.add(new Constraint(i.name(), i.attnums().stream().mapToInt(Integer::intValue).toArray(),
                        indexes.byOid(i.oid())));
            }
        }
        for (RelationDescriptor.Constraint k : rel.constraints()) {
            if (k.type() == 'p' || k.type() == 'u') {
                boolean indexed = false;
                for (RelationDescriptor.Index i : rel.indexes()) {
                    indexed |= i.constraintOid() == k.oid() && indexes != null;
                }
                if (!indexed) {
                    out.add(new Constraint(k.name(), k.attnums().stream().mapToInt(Integer::intValue).toArray(), null));
                }
            }
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return constraints.isEmpty();
    }

    /** The normalised key of a row for one constraint, or null when a key column is null. */
    private List<Object> key(Constraint k, Object[] row) {
        List<Object> out = new ArrayList<>(k.attnums.length);
        for (int a : k.attnums) {
            Object v = row[a - 1];
            if (v == null) {
                return null;
            }
            out.add(normalise(v));
        }
        return out;
    }

    /** Values that are equal under the type's = but differ as Java objects get one form. */
    private static Object normalise(Object v) {
        if (v instanceof BigDecimal) {
            BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
            return d.signum() == 0 ? BigDecimal.ZERO : d;
        }
        if (v instanceof Double && (Double) v == 0.0d) {
            return 0.0d;
        }
        if (v instanceof Float && (Float) v == 0.0f) {
            return 0.0f;
        }
        if (v instanceof String) {
            return CharacterCoercion.stripTrailingBlanks((String) v);
        }
        return v;
    }

    /** Locks the keys of a row this statement is about to change or remove (UPDATE's old version, DELETE). */
    public void lockKeysOf(Transaction tx, Object[] row) {
        for (Constraint k : constraints) {
            List<Object> key = key(k, row);
            if (key != null) {
                tx.lock(LockTag.objectName(tx.manager().dbOid(), table.rel.oid(), k.name + ":" + key), LockMode.ACCESS_EXCLUSIVE);
            }
        }
    }

    /** The version at {@code tid} was replaced or deleted by this statement. */
    public void forget(ItemPointer tid) {
        gone.add(tid);
    }

    /**
     * Before writing {@code rows} (new row versions, in order): locks their keys, then checks
     * them against the table's live rows and against each other and the statement's earlier
     * writes. Raises 23505 for the first duplicate; otherwise remembers the keys as written.
     */
    /** Index (in the last {@link #check}'s rows) of the row that raised 23505, or -1. */
    private int conflictRow = -1;

    /** Which of the rows given to the last {@link #check} was the duplicate (COPY reports its line), or -1. */
    public int conflictRow() {
        return conflictRow;
    }

    public void check(Heap heap, Transaction tx, SessionContext session, List<Object[]> rows) {
        if (constraints.isEmpty()) {
            return;
        }
        List<Map<List<Object>, Integer>> wanted = new ArrayList<>();
        for (Constraint k : constraints) {
            Map<List<Object>, Integer> keys = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                List<Object> key = key(k, rows.get(r));
                if (key != null) {
                    keys.putIfAbsent(key, r);
                }
            }
            wanted.add(keys);
        }
        for (int i = 0; i < constraints.size(); i++) {
            for (List<Object> key : wanted.get(i).keySet()) {
                tx.lock(LockTag.objectName(tx.manager().dbOid(), table.rel.oid(), constraints.get(i).name + ":" + key),
                        LockMode.ACCESS_EXCLUSIVE);
            }
        }
        List<Set<List<Object>>> existing = existingKeys(heap, tx, wanted, rows);
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < constraints.size(); i++) {
                Constraint k = constraints.get(i);
                List<Object> key = key(k, rows.get(r));
                if (key == null) {
                    continue;
                }
                if (existing.get(i).contains(key) || !written.get(i).add(key)) {
                    conflictRow = r;
                    throw duplicate(k, rows.get(r), session);
                }
            }
        }
    }

    /** Among the wanted keys, those a live row already has (fresh snapshot, minus versions this statement replaced). */
    private List<Set<List<Object>>> existingKeys(Heap heap, Transaction tx, List<Map<List<Object>, Integer>> wanted,
                                                 List<Object[]> rows) {
        List<Set<List<Object>>> out = new ArrayList<>();
        boolean anyWithoutIndex = false;
        for (int i = 0; i < constraints.size(); i++) {
            out.add(new HashSet<>());
            anyWithoutIndex |= constraints.get(i).index == null && !wanted.get(i).isEmpty();
        }
        HeapRelation rel = table.rel.heapRelation();
        Snapshot fresh = tx.catalogSnapshot();
        for (int i = 0; i < constraints.size(); i++) {
            Constraint k = constraints.get(i);
            if (k.index == null) {
                continue;
            }
            for (Map.Entry<List<Object>, Integer> w : wanted.get(i).entrySet()) {
                Object[] stored = table.toStorage(rows.get(w.getValue()));
                List<ScanKey> keys = new ArrayList<>(k.attnums.length);
                for (int c = 0; c < k.attnums.length; c++) {
                    keys.add(new ScanKey(c, ScanKey.Op.EQ, stored[k.attnums[c] - 1]));
                }
                try (IndexCursor cur = btree.scan(k.index, keys, false)) {
                    for (ItemPointer tid; (tid = cur.next()) != null; ) {
                        if (gone.contains(tid)) {
                            continue;
                        }
                        HeapTuple t = heap.fetch(rel, tid, fresh, tx);
                        if (t != null && w.getKey().equals(key(k, table.fromStorage(t.values(rel.desc()))))) {
                            out.get(i).add(w.getKey());
                            break;
                        }
                    }
                }
            }
        }
        if (!anyWithoutIndex) {
            return out;
        }
        try (HeapScan scan = heap.beginScan(rel, fresh, tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                if (gone.contains(t.self())) {
                    continue;
                }
                Object[] row = table.fromStorage(t.values(rel.desc()));
                for (int i = 0; i < constraints.size(); i++) {
                    if (constraints.get(i).index != null) {
                        continue;
                    }
                    List<Object> key = key(constraints.get(i), row);
                    if (key != null && wanted.get(i).containsKey(key)) {
                        out.get(i).add(key);
                    }
                }
            }
        }
        return out;
    }

    /**
     * UPDATE of the version at {@code oldTid} from {@code oldRow} to {@code newRow}: for each
     * constraint whose key changes, locks the old key and checks the new one. A key that stays
     * the same needs nothing: the row keeps it whatever happens to this transaction.
     */
    public void checkUpdate(Heap heap, Transaction tx, SessionContext session, ItemPointer oldTid, Object[] oldRow,
                            Object[] newRow) {
        boolean changes = false;
        for (Constraint k : constraints) {
            List<Object> before = key(k, oldRow);
            List<Object> after = key(k, newRow);
            if (after != null && !after.equals(before)) {
                changes = true;
            }
            if (before != null && !before.equals(after)) {
                tx.lock(LockTag.objectName(tx.manager().dbOid(), table.rel.oid(), k.name + ":" + before), LockMode.ACCESS_EXCLUSIVE);
            }
        }
        gone.add(oldTid);
        if (changes) {
            List<Object[]> one = new ArrayList<>(1);
            one.add(newRow);
            check(heap, tx, session, one);
        }
    }

    /** Keys of a removed row no longer count as written by this statement. */
    public void removed(Object[] row) {
        for (int i = 0; i < constraints.size(); i++) {
            List<Object> key = key(constraints.get(i), row);
            if (key != null) {
                written.get(i).remove(key);
            }
        }
    }

    private PgException duplicate(Constraint k, Object[] row, SessionContext session) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (int a : k.attnums) {
            cols.append(cols.length() == 0 ? "" : ", ").append(table.rel.columns().get(a - 1).name());
            vals.append(vals.length() == 0 ? "" : ", ").append(table.types[a - 1].output(row[a - 1], session));
        }
        return new PgException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"" + k.name + "\"",
                "Key (" + cols + ")=(" + vals + ") already exists.", null, 0, null, null);
    }
}
