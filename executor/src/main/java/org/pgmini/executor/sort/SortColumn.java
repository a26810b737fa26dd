package org.pgmini.executor.sort;

import java.util.Objects;

/**
 * One key of an ORDER BY over {@code Object[]} rows: the column's index, its type's comparison,
 * direction, NULL placement (PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC),
 * and whether the column is known not to contain NULLs (lets an int8 key's prefix decide alone).
 */
public record SortColumn(int index, SortKeyType type, boolean descending, boolean nullsFirst, boolean notNull) {
    public SortColumn {
        Objects.requireNonNull(type);
        if (index < 0) throw new IllegalArgumentException("negative column index");
    }

    public static SortColumn asc(int index, SortKeyType type) { return new SortColumn(index, type, false, false, false); }

    public static SortColumn desc(int index, SortKeyType type) { return new SortColumn(index, type, true, true, false); }

    public SortColumn withNullsFirst(boolean first) { return new SortColumn(index, type, descending, first, notNull); }

    public SortColumn withNotNull() { return new SortColumn(index, type, descending, nullsFirst, true); }
}
