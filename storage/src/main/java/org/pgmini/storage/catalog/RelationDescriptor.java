package org.pgmini.storage.catalog;

import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleDesc;

import java.util.ArrayList;
import java.util.List;

/**
 * A relation as the catalog describes it at one moment (a relcache entry): immutable; a DDL
 * commit makes a new one. {@code columns} has one entry per attnum 1..relnatts, dropped ones
 * included (their slot still exists in old tuples).
 */
public record RelationDescriptor(int oid, String name, int namespaceOid, String namespaceName, char relkind,
                                 int relfilenode, int dbOid, List<Column> columns, List<Constraint> constraints,
                                 SequenceOptions sequence, List<String> reloptions, List<Index> indexes) {

    /** A relation without indexes. */
    public RelationDescriptor(int oid, String name, int namespaceOid, String namespaceName, char relkind, int relfilenode,
                              int dbOid, List<Column> columns, List<Constraint> constraints, SequenceOptions sequence,
                              List<String> reloptions) {
        this(oid, name, namespaceOid, namespaceName, relkind, relfilenode, dbOid, columns, constraints, sequence, reloptions, List.of());
    }

    /** A relation without storage parameters. */
    public RelationDescriptor(int oid, String name, int namespaceOid, String namespaceName, char relkind, int relfilenode,
                              int dbOid, List<Column> columns, List<Constraint> constraints, SequenceOptions sequence) {
        this(oid, name, namespaceOid, namespaceName, relkind, relfilenode, dbOid, columns, constraints, sequence, List.of());
    }

    /**
     * The storage parameter {@code name} (pg_class.reloptions holds "name=value" entries, as
     * PostgreSQL's text[]), or null when it is not set.
     */
    public String reloption(String name) {
        String prefix = name + "=";
        for (String o : reloptions) if (o.startsWith(prefix)) return o.substring(prefix.length());
        return null;
    }

    /** One pg_attribute row (plus its pg_attrdef default text). */
    public record Column(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped, String defaultExpr) {}

    /** One pg_constraint row: attnums of its columns, CHECK text for 'c'. */
    public record Constraint(int oid, String name, char type, List<Integer> attnums, String checkExpr) {}

    /**
     * One B-tree index of the relation (its pg_class row of relkind 'i' and its pg_index row):
     * {@code attnums} are the 1-based heap columns of the index columns in order,
     * {@code descending} their DESC flags (NULLs sort last ascending, first descending: the only
     * orders stored), {@code constraintOid} the PRIMARY KEY / UNIQUE constraint that owns the
     * index, 0 for a plain CREATE INDEX. Listed in oid order (creation order).
     */
    public record Index(int oid, String name, int relfilenode, List<Integer> attnums, boolean unique,
                        boolean primary, List<Boolean> descending, int constraintOid) {}

    /** The index with that oid among {@link #indexes()}, or null. */
    public Index index(int indexOid) {
        for (Index i : indexes) if (i.oid == indexOid) return i;
        return null;
    }

    public static final char RELKIND_TABLE = 'r';
    public static final char RELKIND_SEQUENCE = 'S';
    public static final char RELKIND_VIEW = 'v';
    public static final char RELKIND_INDEX = 'i';

    /** The tuple descriptor heap access uses (dropped columns included, as nulls). */
    public TupleDesc tupleDesc() {
        List<Attribute> attrs = new ArrayList<>();
        for (Column c : columns) {
            AttributeType t = AttributeType.byOid(c.typeOid);
            attrs.add(new Attribute(c.name, t, c.typmod, c.notNull, c.dropped));
        }
        return new TupleDesc(attrs);
    }

    public HeapRelation heapRelation() {
        return new HeapRelation(new RelFileLocator(dbOid, relfilenode), name, tupleDesc(), indexes.isEmpty());
    }

    /** The live (not dropped) column with that name, or null. */
    public Column column(String columnName) {
        for (Column c : columns) if (!c.dropped && c.name.equals(columnName)) return c;
        return null;
    }

    public String qualifiedName() { return namespaceName + "." + name; }
}
