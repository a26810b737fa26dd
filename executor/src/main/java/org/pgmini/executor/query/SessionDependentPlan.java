package org.pgmini.executor.query;

/**
 * A plan that depends on its session's own state (e.g. EXECUTE of a session's prepared
 * statement): the engine's plan cache, which all sessions share, never keeps it.
 */
public interface SessionDependentPlan {
}
