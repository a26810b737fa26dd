package org.pgmini.executor.plan;

import java.util.List;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.xact.Transaction;

/**
 * What a DDL statement does when it runs: in the session's transaction, with a statement
 * started ({@link DdlPlanner#begin}), against the catalog. Every DDL plan starts that way, so
 * {@link #plan} does it once.
 */
@FunctionalInterface
interface DdlAction {
    ResultCursor run(SessionContext s, DatabaseAccess db, Transaction tx, Catalog cat);

    /** The plan of a DDL statement (no parameters, no result columns) that runs {@code action}. */
    static WritePlan plan(DdlAction action) {
        return new WritePlan(new int[0], List.of(), (params, s) -> {
            DatabaseAccess db = s.database();
            Transaction tx = DdlPlanner.begin(db);
            return action.run(s, db, tx, db.catalog());
        });
    }
}
