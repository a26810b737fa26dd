package org.pgmini.executor.expr;

import org.pgmini.executor.types.PgType;

/**
 * One entry of the function/operator catalog (like a pg_proc row): name, argument types,
 * result type and implementation. Strict functions return NULL for any NULL argument without
 * being called; that is what most of PostgreSQL's built-ins are.
 */
public record FunctionDef(String name, PgType[] args, PgType result, Impl impl, boolean strict, boolean volatileFn)
        implements java.io.Serializable {
    /** Serializable so that expressions calling it can be shipped to parallel workers. */
    @FunctionalInterface
    public interface Impl extends java.io.Serializable {
        Object apply(Object[] args, EvalContext c);
    }
}
