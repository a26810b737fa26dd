package org.pgmini.executor.query;

/**
 * A cached plan bound to the catalog as it was when it was planned: the shared invalidation
 * counter's value then, or -1 for a plan that looks everything up when it runs. The engine
 * re-plans it once the counter has moved (see {@link PlanValidity}).
 */
public interface CatalogDependent {
    long catalogGeneration();
}
