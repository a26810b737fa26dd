package org.pgmini.server.storage;

import java.util.List;
import java.util.TreeSet;

import org.pgmini.error.PgException;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.walint.Database;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.wal.SynchronousCommit;

/**
 * Tables and rows through the storage API of a running server's database, for tests written
 * before SQL DDL reaches the server: CREATE TABLE t (id int4), INSERT, and the ids a new
 * transaction sees.
 */
final class StorageFixture {
    private StorageFixture() {
    }

    /** Creates table {@code name} (id int4) with ids [from, to) and commits, or leaves it open when {@code commit} is false. */
    static Transaction createTable(Database db, String name, int from, int to, boolean commit) {
        ProcArray.Proc proc = db.engine().procArray().attach();
        Transaction tx = db.transactionManager().begin(proc, IsolationLevel.READ_COMMITTED);
        tx.startStatement();
        db.catalog().createTable(tx, "public", name, List.of(ColumnDefinition.of("id", 23)), List.of());
        insert(db, tx, name, from, to);
        if (commit) {
            db.commit(tx, SynchronousCommit.ON);
            db.engine().procArray().detach(proc);
        }
        return tx;
    }

    static void insert(Database db, Transaction tx, String name, int from, int to) {
        RelationDescriptor t = db.catalog().openRelation(tx, null, name, LockMode.ROW_EXCLUSIVE);
        for (int i = from; i < to; i++) {
            db.heap().insert(t.heapRelation(), new Object[] {i}, tx, tx.commandId());
        }
        tx.commandCounterIncrement();
    }

    /** The ids a new transaction sees in {@code name}, or null if there is no such table. */
    static TreeSet<Integer> ids(Database db, String name) {
        ProcArray.Proc proc = db.engine().procArray().attach();
        Transaction tx = db.transactionManager().begin(proc, IsolationLevel.READ_COMMITTED);
        try {
            tx.startStatement();
            RelationDescriptor t;
            try {
                t = db.catalog().openRelation(tx, null, name, LockMode.ACCESS_SHARE);
            } catch (PgException e) {
                if ("42P01".equals(e.sqlState())) {
                    return null;
                }
                throw e;
            }
            TreeSet<Integer> out = new TreeSet<>();
            try (HeapScan s = db.heap().beginScan(t.heapRelation(), tx.snapshot(), tx)) {
                while (s.hasNext()) {
                    out.add((Integer) s.next().values(t.tupleDesc())[0]);
                }
            }
            return out;
        } finally {
            tx.abort();
            db.engine().procArray().detach(proc);
        }
    }

    /** The number of blocks of table {@code name}'s main fork. */
    static int blocks(Database db, String name) {
        ProcArray.Proc proc = db.engine().procArray().attach();
        Transaction tx = db.transactionManager().begin(proc, IsolationLevel.READ_COMMITTED);
        try {
            tx.startStatement();
            return db.heap().nblocks(db.catalog().openRelation(tx, null, name, LockMode.ACCESS_SHARE).heapRelation());
        } finally {
            tx.abort();
            db.engine().procArray().detach(proc);
        }
    }

    static TreeSet<Integer> range(int from, int to) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = from; i < to; i++) {
            s.add(i);
        }
        return s;
    }
}
