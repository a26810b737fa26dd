package org.pgmini.executor.exec.modify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.index.IndexEntry;
import org.pgmini.storage.index.IndexRelation;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleCodec;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.xact.Transaction;

/**
 * Filling a new index (CREATE INDEX, ADD PRIMARY KEY / UNIQUE, CREATE TABLE's keys) and
 * re-initialising one (TRUNCATE). The caller holds a lock that keeps writers out of the table
 * (ShareLock or stronger) and has made the catalog rows ({@code Catalog.createIndex}), whose
 * empty file is initialised here.
 *
 * <p>What goes in: every heap tuple with storage, whatever its visibility (Heap.scanAllTuples),
 * as PostgreSQL's build takes all tuples not yet dead to everyone: a snapshot older than the
 * build may still see a recently deleted row and find it through the index once the index is
 * committed. Uniqueness is checked first, over the rows a fresh snapshot sees, as PostgreSQL's
 * build does for live tuples: 23505 "could not create unique index" naming the first repeated
 * key, 23502 for a NULL in a primary key column.
 */
public final class IndexBuild {
    private IndexBuild() {}

    /** Pages read per step of the build's heap scan (the entries of one step are buffered). */
    private static final int BLOCKS_PER_STEP = 8;

    /** An index file whose table has no rows: the metapage and an empty root. */
    public static void createEmpty(DatabaseAccess db, RelationDescriptor table, RelationDescriptor.Index idx) {
        db.btree().create(TableIndexes.relation(table, idx));
    }

    /**
     * Initialises the index's file and loads the table's tuples into it; returns how many heap
     * tuples the build put in (for pg_class.reltuples).
     */
    public static long build(DatabaseAccess db, SessionContext s, RelationDescriptor table, RelationDescriptor.Index idx,
                             long memoryBytes) {
        BTree btree = db.btree();
        IndexRelation r = TableIndexes.relation(table, idx);
        btree.create(r);
        Heap heap = db.heap();
        HeapRelation rel = table.heapRelation();
        int nblocks = heap.nblocks(rel);
        if (nblocks == 0) {
            return 0;
        }
        EntryIterator entries = new EntryIterator(heap, rel, r, nblocks, s);
        btree.build(r, entries, memoryBytes);
        return entries.count;
    }

    /** Tuples of the table, block by block, as index entries (stored key values + TID). */
    private static final class EntryIterator implements Iterator<IndexEntry> {
        private final Heap heap;
        private final HeapRelation rel;
        private final IndexRelation index;
        private final int nblocks;
        private final SessionContext session;
        private final TupleDesc desc;
        private final int decode;
        private final ArrayDeque<IndexEntry> buffered = new ArrayDeque<>();
        private int nextBlock;
        long count;

        EntryIterator(Heap heap, HeapRelation rel, IndexRelation index, int nblocks, SessionContext session) {
            this.heap = heap;
            this.rel = rel;
            this.index = index;
            this.nblocks = nblocks;
            this.session = session;
            this.desc = rel.desc();
            this.decode = Arrays.stream(index.heapAttnums()).max().orElse(0);
        }

        @Override
        public boolean hasNext() {
            while (buffered.isEmpty() && nextBlock < nblocks) {
                if (session != null) {
                    session.checkForInterrupts();
                }
                int end = Math.min(nblocks, nextBlock + BLOCKS_PER_STEP);
                heap.scanAllTuples(rel, nextBlock, end, (page, base, length, block, offset) -> {
                    Object[] values = new Object[desc.natts()];
                    TupleCodec.deform(desc, page, base, values, decode);
                    buffered.add(new IndexEntry(TableIndexes.key(index, values), new ItemPointer(block, offset)));
                });
                nextBlock = end;
            }
            return !buffered.isEmpty();
        }

        @Override
        public IndexEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            count++;
            return buffered.poll();
        }
    }

    /**
     * The uniqueness check of a unique index build over the rows a fresh snapshot sees: 23502
     * when {@code primary} and a key column is NULL, 23505 "could not create unique index" with
     * "Key (a)=(1) is duplicated." for the first key seen twice (NULLs never conflict).
     */
    public static void checkUnique(SessionContext s, DatabaseAccess db, Transaction tx, RelationDescriptor d,
                                   List<RelationDescriptor.Column> cols, boolean primary, String indexName) {
        // In place on each page (Heap.scanVisible), decoding only the columns up to the last key
        // column: copying every tuple and decoding all its columns was most of the check's time.
        Set<Object> seen = new HashSet<>();
        HeapRelation rel = d.heapRelation();
        TupleDesc desc = rel.desc();
        int decode = 0;
        for (RelationDescriptor.Column c : cols) {
            decode = Math.max(decode, c.attnum());
        }
        int prefix = decode;
        Snapshot snapshot = tx.catalogSnapshot();
        Heap heap = db.heap();
        int nblocks = heap.nblocks(rel);
        Object[] stored = new Object[desc.natts()];
        Object[][] duplicate = new Object[1][];
        for (int start = 0; start < nblocks && duplicate[0] == null; start += BLOCKS_PER_STEP) {
            if (s != null) {
                s.checkForInterrupts();
            }
            heap.scanVisible(rel, snapshot, tx, start, Math.min(nblocks, start + BLOCKS_PER_STEP),
                    (page, base, length, block, offset) -> {
                        if (duplicate[0] != null) {
                            return;
                        }
                        TupleCodec.deform(desc, page, base, stored, prefix);
                        Object[] key = new Object[cols.size()];
                        boolean hasNull = false;
                        for (int i = 0; i < key.length; i++) {
                            RelationDescriptor.Column c = cols.get(i);
                            key[i] = StorageValues.fromStorage(c.typeOid(), stored[c.attnum() - 1]);
                            if (key[i] == null) {
                                if (primary) {
                                    throw new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + c.name()
                                            + "\" of relation \"" + d.name() + "\" contains null values");
                                }
                                hasNull = true;
                            }
                        }
                        if (hasNull) {
                            return;
                        }
                        Object k = key.length == 1 ? HashJoinNode.normalizeKey(key[0]) : normalized(key);
                        if (!seen.add(k)) {
                            duplicate[0] = key; // the first repeated key in heap order (PostgreSQL reports the pair its sort met first)
                        }
                    });
        }
        if (duplicate[0] != null) {
            throw new PgException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + indexName + "\"",
                    "Key (" + names(cols) + ")=(" + values(cols, duplicate[0], s) + ") is duplicated.", null, 0, null, null);
        }
    }

    private static List<Object> normalized(Object[] key) {
        List<Object> out = new ArrayList<>(key.length);
        for (Object k : key) {
            out.add(HashJoinNode.normalizeKey(k));
        }
        return out;
    }

    private static String names(List<RelationDescriptor.Column> cols) {
        List<String> out = new ArrayList<>();
        for (RelationDescriptor.Column c : cols) {
            out.add(c.name());
        }
        return String.join(", ", out);
    }

    private static String values(List<RelationDescriptor.Column> cols, Object[] key, SessionContext s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < key.length; i++) {
            PgType t = PgTypes.byOid(cols.get(i).typeOid());
            out.add(t.output(key[i], s));
        }
        return String.join(", ", out);
    }
}
