package org.pgmini.executor.plan;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * A possibly qualified relation name as a statement wrote it: [database.]schema.name or name
 * (RangeVar). {@code position} is where it was written (1-based, 0 if unknown), for errors.
 */
record RelationName(String schema, String name, int position) {
    static RelationName of(SqlIdentifier id, int position, String databaseName) {
        List<String> n = id.names;
        if (id.isStar() || n.size() > 3) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): "
                    + String.join(".", n), position);
        }
        if (n.size() == 3 && databaseName != null && !n.get(0).equals(databaseName)) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", n), position);
        }
        return n.size() == 1 ? new RelationName(null, n.get(0), position)
                : new RelationName(n.get(n.size() - 2), n.get(n.size() - 1), position);
    }

    /** As PostgreSQL prints it in messages: schema.name when qualified. */
    String display() {
        return schema == null ? name : schema + "." + name;
    }
}
