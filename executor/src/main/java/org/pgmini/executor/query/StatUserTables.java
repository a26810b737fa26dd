package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.SystemCatalogs;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.RelationStats;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.xact.Transaction;

/**
 * pg_stat_user_tables with the columns whose values storage tracks ({@code Heap.stats}): relid,
 * schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del, n_dead_tup, last_vacuum. PostgreSQL's
 * other columns (scan counts, n_live_tup between vacuums, analyze and autovacuum times) are not
 * kept and therefore not shown. Counters are per table file (a TRUNCATE starts them again) and
 * count when the change happens, not at commit (see RelationStats). User tables are the ordinary
 * tables outside pg_catalog and information_schema.
 */
final class StatUserTables {
    private StatUserTables() {}

    static final List<String> COLUMNS = List.of("relid", "schemaname", "relname", "n_tup_ins", "n_tup_upd", "n_tup_del",
            "n_dead_tup", "last_vacuum");

    static List<PgType> types() {
        return List.of(PgTypes.OID, PgTypes.NAME, PgTypes.NAME, PgTypes.INT8, PgTypes.INT8, PgTypes.INT8, PgTypes.INT8,
                PgTypes.TIMESTAMPTZ);
    }

    private static List<Object[]> scan(DatabaseAccess db, Transaction tx, Snapshot snap, CatalogTable t) {
        List<Object[]> out = new ArrayList<>();
        HeapRelation rel = t.relation(db.catalog().dbOid());
        try (HeapScan s = db.heap().beginScan(rel, snap, tx)) {
            while (s.hasNext()) {
                HeapTuple tup = s.next();
                out.add(tup.values(t.desc()));
            }
        }
        return out;
    }

    static List<Object[]> rows(SessionContext session) {
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        Snapshot snap = tx.catalogSnapshot();
        CatalogTable nsp = SystemCatalogs.PG_NAMESPACE;
        Map<Integer, String> schemas = new HashMap<>();
        for (Object[] r : scan(db, tx, snap, nsp)) {
            schemas.put((Integer) r[nsp.col("oid")], (String) r[nsp.col("nspname")]);
        }
        CatalogTable cls = SystemCatalogs.PG_CLASS;
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : scan(db, tx, snap, cls)) {
            if ((byte) (Byte) r[cls.col("relkind")] != 'r') {
                continue;
            }
            String schema = schemas.get((Integer) r[cls.col("relnamespace")]);
            if (schema == null || schema.equals("pg_catalog") || schema.equals("information_schema")) {
                continue;
            }
            String name = (String) r[cls.col("relname")];
            int relfilenode = (Integer) r[cls.col("relfilenode")];
            RelationStats st = db.heap().stats(new HeapRelation(new RelFileLocator(db.catalog().dbOid(), relfilenode), name, null));
            out.add(new Object[] {r[cls.col("oid")], schema, name, st.tuplesInserted(), st.tuplesUpdated(), st.tuplesDeleted(),
                st.nDeadTup(), st.lastVacuum() == null ? null : st.lastVacuum().truncatedTo(java.time.temporal.ChronoUnit.MICROS)});
        }
        return out;
    }
}
