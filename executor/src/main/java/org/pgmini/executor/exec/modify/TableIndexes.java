package org.pgmini.executor.exec.modify;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.index.BTree;
import org.pgmini.storage.index.IndexRelation;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;

/**
 * The B-tree indexes of one table version (one {@link RelationDescriptor}) as storage sees them,
 * and the index side of writing a row: every new heap tuple (INSERT, COPY, each UPDATE's new
 * version: there are no HOT updates) gets one entry in every index, keyed by its stored values.
 *
 * <p>Invariant the read side relies on: an index entry is made right after its heap tuple is
 * written, in the same transaction and before the statement ends, so a snapshot that sees the
 * tuple finds it through every index. Entries are never removed for deleted or replaced rows
 * (readers fetch the heap tuple with their snapshot); only VACUUM removes them, for the TIDs it
 * reclaims, before the heap may reuse those slots. Immutable.
 */
public final class TableIndexes {
    private final RelationDescriptor table;
    private final List<RelationDescriptor.Index> indexes;
    private final IndexRelation[] relations;
    /** UniqueKeys' constraints of this table version, made once (immutable; see {@link #uniqueConstraints}). */
    private volatile List<UniqueKeys.Constraint> uniqueConstraints;

    public TableIndexes(RelationDescriptor table) {
        this.table = table;
        this.indexes = table.indexes();
        this.relations = new IndexRelation[indexes.size()];
        for (int i = 0; i < relations.length; i++) {
            relations[i] = relation(table, indexes.get(i));
        }
    }

    /** What storage needs to know of index {@code idx} of {@code table}. */
    public static IndexRelation relation(RelationDescriptor table, RelationDescriptor.Index idx) {
        int n = idx.attnums().size();
        AttributeType[] types = new AttributeType[n];
        int[] attnums = new int[n];
        boolean[] desc = new boolean[n];
        for (int i = 0; i < n; i++) {
            attnums[i] = idx.attnums().get(i);
            types[i] = AttributeType.byOid(table.columns().get(attnums[i] - 1).typeOid());
            desc[i] = idx.descending().get(i);
        }
        return new IndexRelation(new RelFileLocator(table.dbOid(), idx.relfilenode()), idx.name(), types, attnums, desc,
                idx.unique());
    }

    /** The key of a row for index {@code idx}: the stored values of its columns ({@code storageRow[attnum - 1]}). */
    public static Object[] key(IndexRelation idx, Object[] storageRow) {
        int[] attnums = idx.heapAttnums();
        Object[] key = new Object[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            key[i] = storageRow[attnums[i] - 1];
        }
        return key;
    }

    /** The PRIMARY KEY / UNIQUE constraints writes must check, computed once per table version. */
    List<UniqueKeys.Constraint> uniqueConstraints() {
        List<UniqueKeys.Constraint> c = uniqueConstraints;
        if (c == null) {
            c = UniqueKeys.constraintsOf(table, this);
            uniqueConstraints = c;
        }
        return c;
    }

    public boolean isEmpty() {
        return relations.length == 0;
    }

    public RelationDescriptor table() {
        return table;
    }

    /** The storage view of every index, in {@link RelationDescriptor#indexes()} order. */
    public List<IndexRelation> relations() {
        return List.of(relations);
    }

    /** The storage view of the index with that oid, or null. */
    public IndexRelation byOid(int indexOid) {
        for (int i = 0; i < relations.length; i++) {
            if (indexes.get(i).oid() == indexOid) {
                return relations[i];
            }
        }
        return null;
    }

    /** Makes the entries of the heap tuple at {@code tid} whose stored values are {@code storageRow}. */
    public void insert(BTree btree, Object[] storageRow, ItemPointer tid) {
        for (IndexRelation r : relations) {
            btree.insert(r, key(r, storageRow), tid);
        }
    }

    /** For tests and messages: the index names. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (RelationDescriptor.Index i : indexes) {
            out.add(i.name());
        }
        return out;
    }
}
