package org.pgmini.executor.query;

import org.pgmini.error.PgException;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.xact.Transaction;

/**
 * When the engine may reuse a cached plan that reads tables: the plan key carries search_path
 * (the same text can name other tables under another path), and a plan is stale once the
 * catalog's {@code SharedInvalidation} counter moved past the value it was planned at (some DDL
 * committed), so every session sees committed DDL at its next statement. A plan made by a
 * transaction that changed the catalog itself is never cached (others must not see it).
 */
public final class PlanValidity {
    private PlanValidity() {}

    public static String searchPath(SessionContext session) {
        if (session == null) {
            return "";
        }
        try {
            String v = session.settings().currentSetting("search_path", true);
            return v == null ? "" : v;
        } catch (PgException e) {
            return "";
        }
    }

    private static long generation(SessionContext session) {
        return session.database().catalog().transactionManager().invalidation().current();
    }

    /** The catalog's invalidation counter now (read after binding: the plan reflects at least this state). */
    public static long currentGeneration(SessionContext session) {
        return generation(session);
    }

    public static boolean stillValid(PreparedQuery q, SessionContext session) {
        if (q instanceof ExplainQuery e) {
            q = e.query();
        }
        if (q instanceof TableQuery t && !t.parallelInputsHold(session)) {
            return false;
        }
        if (q instanceof SessionDependentPlan) {
            return false;
        }
        if (!(q instanceof CatalogDependent t) || t.catalogGeneration() < 0) {
            return true;
        }
        try {
            return generation(session) == t.catalogGeneration() && !ownCatalogChanges(session);
        } catch (PgException e) {
            return false;
        }
    }

    public static boolean cacheable(PreparedQuery q, SessionContext session) {
        if (q instanceof ExplainQuery e) {
            q = e.query();
        }
        if (q instanceof SessionDependentPlan) {
            return false;
        }
        if (!(q instanceof CatalogDependent t) || t.catalogGeneration() < 0) {
            return true;
        }
        try {
            return !ownCatalogChanges(session) && generation(session) == t.catalogGeneration();
        } catch (PgException e) {
            return false;
        }
    }

    private static boolean ownCatalogChanges(SessionContext session) {
        Transaction tx = session.database().transaction();
        return tx.catalogChanged();
    }

    /** Lets a plan over tables re-plan itself at execution when DDL made it stale (prepared statements). */
    public static void enableReplanning(PreparedQuery q, java.util.function.Function<SessionContext, PreparedQuery> replan) {
        if (q instanceof ExplainQuery e) {
            q = e.query();
        }
        if (q instanceof TableQuery t && t.catalogGeneration >= 0) {
            t.setReplanner(s -> {
                PreparedQuery p = replan.apply(s);
                return p instanceof ExplainQuery e ? e.query() : p;
            });
        }
    }
}
