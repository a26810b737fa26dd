package org.pgmini.executor.copy;

import java.util.List;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.PreparedQuery;

/**
 * What Describe reports for every COPY plan: no parameters (COPY takes none) and no result
 * columns (COPY answers with its command tag, or through the copy sub-protocol).
 */
abstract class RowlessPlan implements PreparedQuery {
    @Override
    public final int[] parameterTypeOids() {
        return new int[0];
    }

    @Override
    public final List<ColumnDescription> columns() {
        return List.of();
    }

    @Override
    public final boolean returnsRows() {
        return false;
    }
}
