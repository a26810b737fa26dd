package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgUtility;
import org.pgmini.executor.parser.ast.PgWriteStatement;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.catalog.SystemCatalogs;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * SAVEPOINT / RELEASE / ROLLBACK TO (through the session's TransactionControl, which owns the
 * transaction block), VACUUM, CHECKPOINT and LOCK TABLE.
 */
final class UtilityStatements {
    private final ExpressionAnalyzer.PositionMapper positions;
    private final SessionContext planningSession;

    UtilityStatements(ExpressionAnalyzer.PositionMapper positions, SessionContext planningSession) {
        this.positions = positions;
        this.planningSession = planningSession;
    }

    private static WritePlan plan(WritePlan.Action a) {
        return new WritePlan(new int[0], List.of(), a);
    }

    private List<RelationName> names(List<SqlIdentifier> ids) {
        List<RelationName> out = new ArrayList<>();
        for (SqlIdentifier id : ids) {
            out.add(RelationName.of(id, positions.position(id.getParserPosition()),
                    planningSession == null ? null : planningSession.databaseName()));
        }
        return out;
    }

    PreparedQuery plan(PgWriteStatement st) {
        if (st instanceof PgUtility.Savepoint) {
            PgUtility.Savepoint sp = (PgUtility.Savepoint) st;
            return plan((params, s) -> WritePlan.command(switch (sp.action) {
                case SAVEPOINT -> s.transaction().savepoint(sp.name);
                case RELEASE -> s.transaction().releaseSavepoint(sp.name);
                case ROLLBACK_TO -> s.transaction().rollbackToSavepoint(sp.name);
            }));
        }
        if (st instanceof PgUtility.Checkpoint) {
            return plan((params, s) -> {
                s.database().checkpoint();
                return WritePlan.command("CHECKPOINT");
            });
        }
        if (st instanceof PgUtility.Vacuum) {
            return vacuum((PgUtility.Vacuum) st);
        }
        if (st instanceof PgUtility.Analyze) {
            return analyze((PgUtility.Analyze) st);
        }
        if (st instanceof PgUtility.Lock) {
            return lock((PgUtility.Lock) st);
        }
        throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, st.commandName() + " is not supported",
                positions.position(st.getParserPosition()));
    }

    /**
     * VACUUM [table, ...]: Heap.vacuum on each (ShareUpdateExclusiveLock, so it runs beside
     * DML but not beside DDL or another VACUUM of the table); without names every table of the
     * database, catalogs included. It records n_dead_tup / last_vacuum in the table's stats.
     */
    /** VACUUM's option words (old and parenthesized forms); the ones PostgreSQL 15 knows are accepted. */
    private static final java.util.Set<String> VACUUM_OPTIONS = java.util.Set.of("full", "freeze", "verbose", "analyze",
            "analyse", "disable_page_skipping", "skip_locked", "index_cleanup", "process_toast", "truncate", "parallel");

    /**
     * ANALYZE [table, ...]: the planner keeps no column statistics (its estimates use PostgreSQL's
     * defaults for tables without statistics), so there is nothing to compute; the tables are
     * checked and locked as ANALYZE would (ShareUpdateExclusiveLock).
     */
    private PreparedQuery analyze(PgUtility.Analyze st) {
        List<RelationName> names = names(st.tables);
        return plan((params, s) -> {
            DatabaseAccess db = s.database();
            Transaction tx = db.transaction();
            tx.startStatement();
            for (RelationName rn : names) {
                db.catalog().openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
            }
            return WritePlan.command("ANALYZE");
        });
    }

    private PreparedQuery vacuum(PgUtility.Vacuum st) {
        boolean full = st.full;
        for (String o : st.options) {
            String word = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            String value = o.contains("=") ? o.substring(o.indexOf('=') + 1) : "true";
            if (!VACUUM_OPTIONS.contains(word)) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "unrecognized VACUUM option \"" + word + "\"",
                        positions.position(st.getParserPosition()));
            }
            if (word.equals("full")) {
                full = !(value.equals("false") || value.equals("off") || value.equals("0"));
            }
        }
        if (full) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "VACUUM FULL is not supported yet",
                    positions.position(st.getParserPosition()));
        }
        List<RelationName> names = names(st.tables);
        return plan((params, s) -> {
            if (s.transaction().inBlock()) {
                throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
            }
            DatabaseAccess db = s.database();
            Transaction tx = db.transaction();
            Catalog cat = db.catalog();
            List<RelationDescriptor> targets = new ArrayList<>();
            if (names.isEmpty()) {
                for (int oid : tableOids(db, tx)) {
                    RelationDescriptor d = cat.relation(tx, oid);
                    if (d != null) {
                        tx.lockRelation(oid, LockMode.SHARE_UPDATE_EXCLUSIVE);
                        targets.add(d);
                    }
                }
            } else {
                for (RelationName rn : names) {
                    RelationDescriptor d;
                    d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.SHARE_UPDATE_EXCLUSIVE);
                    if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
                        s.notice(new org.pgmini.executor.api.Notice("WARNING", "01000", "skipping \"" + d.name()
                                + "\" --- cannot vacuum non-tables or special system tables", null, null));
                        continue;
                    }
                    targets.add(d);
                }
            }
            for (RelationDescriptor d : targets) {
                s.checkForInterrupts();
                RelationDescriptor current = cat.relation(tx, d.oid());
                db.heap().vacuum(current.heapRelation(), org.pgmini.executor.exec.modify.IndexVacuum.cleanup(db, current, s));
            }
            return WritePlan.command("VACUUM");
        });
    }

    /** Every ordinary table of the database (pg_class rows with relkind 'r'), as the catalog snapshot sees them. */
    private static List<Integer> tableOids(DatabaseAccess db, Transaction tx) {
        List<Integer> out = new ArrayList<>();
        var pgClass = SystemCatalogs.PG_CLASS;
        int oidCol = pgClass.col("oid");
        int kindCol = pgClass.col("relkind");
        try (HeapScan scan = db.heap().beginScan(pgClass.relation(db.catalog().dbOid()), tx.catalogSnapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                Object[] v = t.values(pgClass.desc());
                if (((Byte) v[kindCol]) == (byte) 'r') {
                    out.add((Integer) v[oidCol]);
                }
            }
        }
        return out;
    }

    /** LOCK [TABLE] name [, ...] [IN mode MODE] [NOWAIT]: only inside a transaction block, as PostgreSQL. */
    private PreparedQuery lock(PgUtility.Lock st) {
        List<RelationName> names = names(st.tables);
        LockMode mode = lockMode(st);
        return plan((params, s) -> {
            if (!s.transaction().inBlock()) {
                throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks");
            }
            DatabaseAccess db = s.database();
            Transaction tx = db.transaction();
            Catalog cat = db.catalog();
            for (RelationName rn : names) {
                int oid = cat.resolveRelation(tx, rn.schemaIn(s), rn.name());
                if (st.nowait) {
                    if (!tx.tryLockRelation(oid, mode)) {
                        throw new PgException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"" + rn.name() + "\"");
                    }
                } else {
                    cat.openRelation(tx, rn.schemaIn(s), rn.name(), mode);
                }
            }
            return WritePlan.command("LOCK TABLE");
        });
    }

    private LockMode lockMode(PgUtility.Lock st) {
        if (st.mode.isEmpty()) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
        String m = st.mode;
        int at = positions.position(st.getParserPosition());
        if (!m.endsWith(" MODE")) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + m.substring(m.lastIndexOf(' ') + 1)
                    .toLowerCase(java.util.Locale.ROOT) + "\"", at);
        }
        switch (m.substring(0, m.length() - " MODE".length())) {
            case "ACCESS SHARE": return LockMode.ACCESS_SHARE;
            case "ROW SHARE": return LockMode.ROW_SHARE;
            case "ROW EXCLUSIVE": return LockMode.ROW_EXCLUSIVE;
            case "SHARE UPDATE EXCLUSIVE": return LockMode.SHARE_UPDATE_EXCLUSIVE;
            case "SHARE": return LockMode.SHARE;
            case "SHARE ROW EXCLUSIVE": return LockMode.SHARE_ROW_EXCLUSIVE;
            case "EXCLUSIVE": return LockMode.EXCLUSIVE;
            case "ACCESS EXCLUSIVE": return LockMode.ACCESS_EXCLUSIVE;
            default:
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error in lock mode \"" + m + "\"", at);
        }
    }
}
