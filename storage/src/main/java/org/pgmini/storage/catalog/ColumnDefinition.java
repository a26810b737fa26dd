package org.pgmini.storage.catalog;

/**
 * A column as CREATE TABLE / ALTER TABLE ADD COLUMN give it: type oid and typmod (-1 = none),
 * NOT NULL, and the DEFAULT expression's SQL text (null = none; the executor parses and
 * evaluates it, storage only keeps it in pg_attrdef).
 */
public record ColumnDefinition(String name, int typeOid, int typmod, boolean notNull, String defaultExpr) {
    public static ColumnDefinition of(String name, int typeOid) { return new ColumnDefinition(name, typeOid, -1, false, null); }
}
