package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.exec.HashJoinNode;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.ConstraintDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * ALTER TABLE t ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols): the existing rows are
 * checked first, as building PostgreSQL's index would (a NULL in a primary-key column: 23502
 * "column "c" of relation "t" contains null values"; a repeated key: 23505 "could not create
 * unique index "t_pkey"" with "Key (c)=(v) is duplicated."), then the catalog records the
 * constraint (and NOT NULL for a primary key), under AccessExclusiveLock. CHECK and FOREIGN KEY
 * added later are 0A000.
 */
final class AddTableConstraint {
    private AddTableConstraint() {}

    static PreparedQuery plan(PgDdl.AlterTableAddConstraint st, RelationName rn, ExpressionAnalyzer.PositionMapper positions) {
        PgDdl.Constraint k = st.constraint;
        if (k.type() != PgDdl.Constraint.Type.PRIMARY_KEY && k.type() != PgDdl.Constraint.Type.UNIQUE) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ADD "
                    + (k.type() == PgDdl.Constraint.Type.CHECK ? "CHECK" : "FOREIGN KEY") + " is not supported",
                    positions.position(k.pos()));
        }
        boolean primary = k.type() == PgDdl.Constraint.Type.PRIMARY_KEY;
        return new WritePlan(new int[0], List.of(), (params, s) -> {
            DatabaseAccess db = s.database();
            Transaction tx = DdlPlanner.begin(db);
            RelationDescriptor d;
            try {
                d = db.catalog().openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
            } catch (PgException e) {
                if (st.ifExists && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                    s.notice(new Notice("NOTICE", "00000", "relation \"" + rn.display() + "\" does not exist, skipping", null, null));
                    return WritePlan.command("ALTER TABLE");
                }
                throw e;
            }
            if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
                throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + d.name() + "\" is not a table");
            }
            List<RelationDescriptor.Column> cols = new ArrayList<>();
            for (String name : k.columns()) {
                RelationDescriptor.Column c = d.column(name);
                if (c == null) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + d.name()
                            + "\" does not exist");
                }
                if (cols.contains(c)) {
                    throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears twice in "
                            + (primary ? "primary key" : "unique") + " constraint");
                }
                cols.add(c);
            }
            String conname = k.name() != null ? k.name()
                    : d.name() + (primary ? "_pkey" : "_" + String.join("_", k.columns()) + "_key");
            checkRows(s, db, tx, d, cols, primary, conname);
            db.catalog().addConstraint(tx, d, primary ? ConstraintDefinition.primaryKey(k.name(), k.columns())
                    : ConstraintDefinition.unique(k.name(), k.columns()));
            return WritePlan.command("ALTER TABLE");
        });
    }

    private static void checkRows(org.pgmini.executor.api.SessionContext s, DatabaseAccess db, Transaction tx,
                                  RelationDescriptor d, List<RelationDescriptor.Column> cols, boolean primary, String conname) {
        Set<Object> seen = new HashSet<>();
        long n = 0;
        try (HeapScan scan = db.heap().beginScan(d.heapRelation(), tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                Object[] stored = t.values(d.heapRelation().desc());
                Object[] key = new Object[cols.size()];
                boolean hasNull = false;
                for (int i = 0; i < key.length; i++) {
                    RelationDescriptor.Column c = cols.get(i);
                    key[i] = StorageValues.fromStorage(c.typeOid(), stored[c.attnum() - 1]);
                    if (key[i] == null) {
                        if (primary) {
                            throw new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + c.name() + "\" of relation \""
                                    + d.name() + "\" contains null values");
                        }
                        hasNull = true;
                    }
                }
                if ((++n & 4095) == 0) {
                    s.checkForInterrupts();
                }
                if (hasNull) {
                    continue; // NULLs never conflict in a unique constraint
                }
                Object[] norm = new Object[key.length];
                for (int i = 0; i < key.length; i++) {
                    norm[i] = HashJoinNode.normalizeKey(key[i]);
                }
                if (!seen.add(Arrays.asList(norm))) {
                    throw new PgException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + conname + "\"",
                            "Key (" + names(cols) + ")=(" + values(cols, key, s) + ") is duplicated.", null, 0, null, null);
                }
            }
        }
    }

    private static String names(List<RelationDescriptor.Column> cols) {
        List<String> out = new ArrayList<>();
        for (RelationDescriptor.Column c : cols) {
            out.add(c.name());
        }
        return String.join(", ", out);
    }

    private static String values(List<RelationDescriptor.Column> cols, Object[] key, org.pgmini.executor.api.SessionContext s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < key.length; i++) {
            PgType t = PgTypes.byOid(cols.get(i).typeOid());
            out.add(t.output(key[i], s));
        }
        return String.join(", ", out);
    }
}
