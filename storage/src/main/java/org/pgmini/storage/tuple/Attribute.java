package org.pgmini.storage.tuple;

/**
 * One column of a tuple descriptor: the pg_attribute fields storage needs. {@code typmod} is kept
 * for the layers above (varchar(n), numeric(p,s)); storage does not interpret it. A dropped
 * column keeps its slot (old tuples still hold its bytes) and always reads as null.
 */
public record Attribute(String name, AttributeType type, int typmod, boolean notNull, boolean dropped) {

    public Attribute(String name, AttributeType type) { this(name, type, -1, false, false); }

    public int attlen() { return type.typlen(); }
    public char attalign() { return type.typalign(); }
    public boolean attbyval() { return type.byval(); }
    public boolean nullable() { return !notNull; }
}
