package org.pgmini.executor.expr;

import java.util.List;
import org.pgmini.executor.types.PgType;

/** The columns an expression may name: those of the FROM source (empty without FROM). */
public record Scope(String relation, List<String> names, List<PgType> types) {
    public static final Scope EMPTY = new Scope(null, List.of(), List.of());

    public int indexOf(String name) {
        return names.indexOf(name);
    }
}
