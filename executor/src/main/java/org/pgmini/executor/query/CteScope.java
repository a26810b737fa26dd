package org.pgmini.executor.query;

/**
 * The WITH queries visible at some point of a statement, innermost first: one link per WITH item,
 * so an item's own query sees only the items before it (or, under WITH RECURSIVE, itself too).
 */
final class CteScope {
    final CteScope parent;
    final CteDef def;

    CteScope(CteScope parent, CteDef def) {
        this.parent = parent;
        this.def = def;
    }

    /** The innermost visible WITH query of that name, or null. */
    static CteDef lookup(CteScope scope, String name) {
        for (CteScope s = scope; s != null; s = s.parent) {
            if (s.def.name.equals(name)) {
                return s.def;
            }
        }
        return null;
    }
}
