package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.exec.modify.IndexBuild;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.parser.ast.PgIndexDdl;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.IndexDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.index.KeyCodec;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * CREATE INDEX and DROP INDEX (B-tree only), and the index work of other DDL: a PRIMARY KEY or
 * UNIQUE constraint's index, TRUNCATE's fresh index files. What is not supported raises 0A000
 * at planning: CONCURRENTLY, expression and partial (WHERE) indexes, INCLUDE, WITH (...), an
 * explicit collation or operator class, NULLS FIRST on an ascending column or NULLS LAST on a
 * descending one (the B-tree stores NULLs last ascending, first descending). Catalog reads and
 * changes happen at execution, under the table's lock: ShareLock for CREATE INDEX (readers go
 * on, writers wait), AccessExclusiveLock for DROP INDEX.
 */
final class IndexDdl {
    private IndexDdl() {}

    private static PgException notSupported(String what, int position) {
        return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported", position);
    }

    /** maintenance_work_mem in bytes: the build's sort memory. */
    static long maintenanceWorkMem(SessionContext s) {
        return ExecState.memorySettingKB(s, "maintenance_work_mem", 65536) * 1024L;
    }

    static PreparedQuery createIndex(PgIndexDdl.CreateIndex st, RelationName rn, ExpressionAnalyzer.PositionMapper positions) {
        if (st.concurrently) {
            throw notSupported("CREATE INDEX CONCURRENTLY", positions.position(st.getParserPosition()));
        }
        if (st.method != null && !st.method.equals("btree")) {
            int at = positions.position(st.methodPos);
            if (List.of("hash", "gist", "gin", "spgist", "brin").contains(st.method)) {
                throw notSupported("index access method \"" + st.method + "\"", at);
            }
            throw new PgException(SqlState.UNDEFINED_OBJECT, "access method \"" + st.method + "\" does not exist");
        }
        if (st.includePos != null) {
            throw notSupported("INCLUDE in CREATE INDEX", positions.position(st.includePos));
        }
        if (st.withPos != null) {
            throw notSupported("CREATE INDEX ... WITH (storage parameters)", positions.position(st.withPos));
        }
        if (st.wherePos != null) {
            throw notSupported("partial index (CREATE INDEX ... WHERE)", positions.position(st.wherePos));
        }
        List<String> columns = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (PgIndexDdl.IndexElem e : st.elements) {
            int at = positions.position(e.pos());
            if (e.column() == null) {
                throw notSupported("index on an expression", at);
            }
            if (e.collation() != null) {
                throw notSupported("COLLATE in an index definition", at);
            }
            if (e.opclass() != null) {
                throw notSupported("operator class \"" + e.opclass() + "\"", at);
            }
            boolean desc = Boolean.TRUE.equals(e.descending());
            if (e.nullsFirst() != null && e.nullsFirst() != desc) {
                throw notSupported(desc ? "NULLS LAST on a descending index column" : "NULLS FIRST on an ascending index column", at);
            }
            columns.add(e.column());
            descending.add(desc);
        }
        return DdlAction.plan((s, db, tx, cat) -> {
            RelationDescriptor d;
            // PostgreSQL reports CREATE INDEX's relation errors without a position
            d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.SHARE);
            if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
                String kind = d.relkind() == RelationDescriptor.RELKIND_VIEW ? "views"
                        : d.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "sequences"
                        : d.relkind() == RelationDescriptor.RELKIND_INDEX ? "indexes" : "this relation";
                throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot create index on relation \"" + d.name() + "\"",
                        "This operation is not supported for " + kind + ".", null, 0, null, null);
            }
            List<Integer> attnums = new ArrayList<>();
            List<RelationDescriptor.Column> cols = new ArrayList<>();
            for (String c : columns) {
                RelationDescriptor.Column col = d.column(c);
                if (col == null) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + c + "\" does not exist");
                }
                AttributeType t = AttributeType.byOid(col.typeOid());
                if (t == null || !KeyCodec.isSupported(t)) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "B-tree indexes on columns of type "
                            + org.pgmini.executor.types.PgTypes.displayName(org.pgmini.executor.types.PgTypes.byOid(col.typeOid()))
                            + " are not supported");
                }
                attnums.add(col.attnum());
                cols.add(col);
            }
            String name = st.name;
            if (name != null && cat.relationOid(tx, d.namespaceOid(), name) != null) {
                if (st.ifNotExists) {
                    s.notice(new Notice("NOTICE", SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists, skipping",
                            null, null));
                    return WritePlan.command("CREATE INDEX");
                }
                throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            }
            if (name == null) {
                name = cat.chooseRelationName(tx, d.namespaceOid(), d.name(), Catalog.indexNameAddition(columns), "idx");
            }
            if (st.unique) {
                IndexBuild.checkUnique(s, db, tx, d, cols, false, name);
            }
            RelationDescriptor.Index idx = cat.createIndex(tx, d, new IndexDefinition(name, attnums, descending, st.unique, (char) 0));
            fill(db, s, tx, cat, d.oid(), idx);
            return WritePlan.command("CREATE INDEX");
        });
    }

    /**
     * Initialises a new index's file and loads the table's rows (an empty table gets just the
     * empty tree), then records the sizes in pg_class as PostgreSQL's build does.
     */
    static void fill(DatabaseAccess db, SessionContext s, Transaction tx, Catalog cat, int tableOid, RelationDescriptor.Index idx) {
        RelationDescriptor table = cat.relation(tx, tableOid);
        int tablePages = db.heap().nblocks(table.heapRelation());
        if (tablePages == 0) {
            IndexBuild.createEmpty(db, table, idx);
            return;
        }
        long tuples = IndexBuild.build(db, s, table, idx, maintenanceWorkMem(s));
        int pages = db.btree().nblocks(org.pgmini.executor.exec.modify.TableIndexes.relation(table, idx));
        cat.setIndexBuildStats(tx, table, idx.oid(), pages, tablePages, tuples);
    }

    /** After CREATE TABLE: the files of its PRIMARY KEY / UNIQUE indexes (the table is empty). */
    static void createKeyIndexFiles(DatabaseAccess db, Transaction tx, int tableOid) {
        RelationDescriptor table = db.catalog().relation(tx, tableOid);
        for (RelationDescriptor.Index idx : table.indexes()) {
            IndexBuild.createEmpty(db, table, idx);
        }
    }

    /** After TRUNCATE: every index of the table got a new, empty file; it gets its empty tree. */
    static void reinitialiseAfterTruncate(DatabaseAccess db, Transaction tx, int tableOid) {
        createKeyIndexFiles(db, tx, tableOid);
    }

    /**
     * DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]: every name is
     * looked up first (42704, or a NOTICE with IF EXISTS; 42809 with PostgreSQL's hint for
     * another kind of relation); an index that a constraint owns is 2BP01 unless CASCADE, which
     * drops the constraint with it. The table is locked AccessExclusive before its index goes.
     */
    static PreparedQuery dropIndexes(PgDdl.Drop st, List<RelationName> names) {
        return DdlAction.plan((s, db, tx, cat) -> {
            List<int[]> found = new ArrayList<>(); // {index oid, table oid}
            Set<Integer> seen = new HashSet<>();
            for (RelationName rn : names) {
                Integer oid = lookup(s, cat, tx, rn);
                if (oid == null) {
                    String msg = "index \"" + rn.display() + "\" does not exist";
                    if (!st.ifExists) {
                        throw new PgException(SqlState.UNDEFINED_OBJECT, msg);
                    }
                    s.notice(new Notice("NOTICE", "00000", msg + ", skipping", null, null));
                    continue;
                }
                RelationDescriptor r = cat.relation(tx, oid);
                if (r == null || r.relkind() != RelationDescriptor.RELKIND_INDEX) {
                    String hint = r == null ? null : r.relkind() == RelationDescriptor.RELKIND_TABLE ? "Use DROP TABLE to remove a table."
                            : r.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "Use DROP SEQUENCE to remove a sequence."
                            : r.relkind() == RelationDescriptor.RELKIND_VIEW ? "Use DROP VIEW to remove a view." : null;
                    throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + rn.name() + "\" is not an index", null, hint, 0, null, null);
                }
                Integer table = cat.indexTable(tx, oid);
                if (table == null) {
                    throw new PgException(SqlState.UNDEFINED_OBJECT, "index \"" + rn.display() + "\" does not exist");
                }
                if (seen.add(oid)) {
                    found.add(new int[] {oid, table});
                }
            }
            for (int[] f : found) {
                tx.lockRelation(f[1], LockMode.ACCESS_EXCLUSIVE);
                tx.lockRelation(f[0], LockMode.ACCESS_EXCLUSIVE);
                RelationDescriptor table = cat.relation(tx, f[1]);
                RelationDescriptor.Index idx = table == null ? null : table.index(f[0]);
                if (idx == null) {
                    continue; // dropped meanwhile (with its table, or by a concurrent DROP INDEX)
                }
                if (idx.constraintOid() != 0) {
                    RelationDescriptor.Constraint k = null;
                    for (RelationDescriptor.Constraint c : table.constraints()) {
                        if (c.oid() == idx.constraintOid()) {
                            k = c;
                        }
                    }
                    String con = k == null ? idx.name() : k.name();
                    if (!st.cascade) {
                        throw new PgException("2BP01", "cannot drop index " + idx.name() + " because constraint " + con
                                + " on table " + table.name() + " requires it", null, "You can drop constraint " + con
                                + " on table " + table.name() + " instead.", 0, null, null);
                    }
                    cat.dropConstraint(tx, table, con, false);
                    continue;
                }
                cat.dropIndex(tx, table, idx.oid());
            }
            return WritePlan.command("DROP INDEX");
        });
    }

    /** The oid of relation {@code rn} (any kind) along search_path, or null. */
    private static Integer lookup(org.pgmini.executor.api.SessionContext s, Catalog cat, Transaction tx, RelationName rn) {
        try {
            return cat.resolveRelation(tx, rn.schemaIn(s), rn.name());
        } catch (PgException e) {
            if (SqlState.UNDEFINED_TABLE.equals(e.sqlState()) || SqlState.INVALID_SCHEMA_NAME.equals(e.sqlState())) {
                return null;
            }
            throw e;
        }
    }
}
