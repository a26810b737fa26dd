package org.pgmini.storage.tuple;

import java.util.List;

/** The ordered columns of a relation's tuples (PostgreSQL's TupleDesc). Immutable. */
public final class TupleDesc {
    private final Attribute[] attrs;
    private final boolean hasVarlena;

    public TupleDesc(List<Attribute> attrs) {
        if (attrs.size() > HeapTupleHeader.MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("tables can have at most " + HeapTupleHeader.MAX_ATTRIBUTES + " columns");
        }
        this.attrs = attrs.toArray(new Attribute[0]);
        boolean v = false;
        for (Attribute a : this.attrs) v |= a.attlen() == -1;
        this.hasVarlena = v;
    }

    public static TupleDesc of(Attribute... attrs) { return new TupleDesc(List.of(attrs)); }

    public int natts() { return attrs.length; }
    /** 0-based column. */
    public Attribute attr(int i) { return attrs[i]; }
    public boolean hasVarlena() { return hasVarlena; }
    public List<Attribute> attributes() { return List.of(attrs); }
}
