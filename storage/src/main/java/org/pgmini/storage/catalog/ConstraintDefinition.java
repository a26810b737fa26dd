package org.pgmini.storage.catalog;

import java.util.List;

/**
 * A table constraint kept as catalog data (pg_constraint): CHECK ({@code type} 'c', with the
 * expression's SQL text in {@code checkExpr}), PRIMARY KEY ('p') or UNIQUE ('u'). {@code columns}
 * are the columns it involves (for CHECK: those its expression references); dropping any of them
 * drops the constraint. Enforcement is the executor's job (no indexes yet).
 */
public record ConstraintDefinition(String name, char type, List<String> columns, String checkExpr) {
    public static ConstraintDefinition check(String name, String expr, List<String> columns) {
        return new ConstraintDefinition(name, 'c', columns, expr);
    }

    public static ConstraintDefinition primaryKey(String name, List<String> columns) {
        return new ConstraintDefinition(name, 'p', columns, null);
    }

    public static ConstraintDefinition unique(String name, List<String> columns) {
        return new ConstraintDefinition(name, 'u', columns, null);
    }
}
