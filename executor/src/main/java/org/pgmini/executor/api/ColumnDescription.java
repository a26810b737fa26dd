package org.pgmini.executor.api;

import org.pgmini.executor.types.PgType;

/**
 * One field of a RowDescription.
 *
 * @param name         column label as PostgreSQL derives it ({@code ?column?} when none)
 * @param tableOid     the source table's OID, 0 when the column is computed
 * @param columnNumber the source column's attnum, 0 when computed
 * @param type         the column's type
 * @param typmod       the type modifier, -1 when none
 */
public record ColumnDescription(String name, int tableOid, short columnNumber, PgType type, int typmod) {
}
