package org.pgmini.storage.catalog;

import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleDesc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One system catalog: its fixed oid (also its relfilenode), name, row type oid and columns.
 * {@link #row} builds a row from name/value pairs (unnamed columns are null), {@link #col}
 * finds a column's index, so catalog code reads like the catalog's documentation.
 */
public final class CatalogTable {
    private final int oid;
    private final String name;
    private final int rowTypeOid;
    private final TupleDesc desc;
    private final Map<String, Integer> index = new HashMap<>();

    CatalogTable(int oid, String name, int rowTypeOid, Object... columns) {
        this.oid = oid;
        this.name = name;
        this.rowTypeOid = rowTypeOid;
        List<Attribute> attrs = new ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            String col = (String) columns[i];
            index.put(col, attrs.size());
            attrs.add(new Attribute(col, (AttributeType) columns[i + 1], -1, false, false));
        }
        this.desc = new TupleDesc(attrs);
    }

    public int oid() { return oid; }
    public String name() { return name; }
    public int rowTypeOid() { return rowTypeOid; }
    public TupleDesc desc() { return desc; }

    /** The catalog's heap (catalogs have no indexes: pruning may reuse dead slots at once). */
    public HeapRelation relation(int dbOid) { return new HeapRelation(new RelFileLocator(dbOid, oid), name, desc, true); }

    /** 0-based index of a column. */
    public int col(String column) {
        Integer i = index.get(column);
        if (i == null) throw new IllegalArgumentException(name + " has no column " + column);
        return i;
    }

    /** A row from (column name, value) pairs; other columns are null. */
    public Object[] row(Object... pairs) {
        Object[] r = new Object[desc.natts()];
        for (int i = 0; i < pairs.length; i += 2) r[col((String) pairs[i])] = pairs[i + 1];
        return r;
    }
}
