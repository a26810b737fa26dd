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

    /**
     * The schema this name means in the session: the written one, else the first schema of
     * search_path holding a relation of this name. 42P01 when none does (the catalog's own
     * unqualified lookup would try public even when search_path does not list it).
     */
    String schemaIn(org.pgmini.executor.api.SessionContext s) {
        if (schema != null) {
            return schema;
        }
        String found = org.pgmini.executor.query.CatalogAccess.relationSchema(s, name);
        if (found == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return found;
    }

    /** Where CREATE puts this relation: the written schema, else the first existing schema of search_path (3F000). */
    String creationSchema(org.pgmini.executor.api.SessionContext s) {
        return schema != null ? schema : org.pgmini.executor.query.CatalogAccess.creationSchema(s);
    }

    /** As PostgreSQL prints it in messages: schema.name when qualified. */
    String display() {
        return schema == null ? name : schema + "." + name;
    }
}
