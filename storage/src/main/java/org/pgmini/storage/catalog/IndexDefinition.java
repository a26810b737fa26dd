package org.pgmini.storage.catalog;

import java.util.List;

/**
 * What CREATE INDEX, or a PRIMARY KEY / UNIQUE constraint, asks the catalog to record: the
 * index's name (already chosen, see {@link Catalog#chooseRelationName}), its heap columns
 * (1-based attnums, in index column order) with their DESC flags, uniqueness, and whether a
 * constraint owns it: {@code constraintType} 'p' or 'u' (the constraint gets the index's name),
 * or 0 for a plain index.
 */
public record IndexDefinition(String name, List<Integer> attnums, List<Boolean> descending, boolean unique,
                              char constraintType) {
    public IndexDefinition {
        if (attnums.size() != descending.size()) throw new IllegalArgumentException("one DESC flag per index column");
        if (constraintType != 0 && constraintType != 'p' && constraintType != 'u') {
            throw new IllegalArgumentException("constraint type " + constraintType);
        }
        attnums = List.copyOf(attnums);
        descending = List.copyOf(descending);
    }

    public boolean primary() { return constraintType == 'p'; }
}
