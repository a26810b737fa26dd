package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.exec.modify.IndexBuild;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.ConstraintDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;

/**
 * ALTER TABLE t ADD [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols): the existing rows are
 * checked first, as building PostgreSQL's index would (a NULL in a primary-key column: 23502
 * "column "c" of relation "t" contains null values"; a repeated key: 23505 "could not create
 * unique index "t_pkey"" with "Key (c)=(v) is duplicated."), then the catalog records the
 * constraint with its index (and NOT NULL for a primary key), and the index is built from the
 * table's rows, all under AccessExclusiveLock. CHECK and FOREIGN KEY added later are 0A000.
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
        return DdlAction.plan((s, db, tx, cat) -> {
            RelationDescriptor d = DdlPlanner.tableToAlter(s, cat, tx, rn, st.ifExists);
            if (d == null) {
                return WritePlan.command("ALTER TABLE");
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
            ConstraintDefinition def = primary ? ConstraintDefinition.primaryKey(k.name(), k.columns())
                    : ConstraintDefinition.unique(k.name(), k.columns());
            org.pgmini.storage.catalog.IndexDefinition index = db.catalog().keyIndexDefinition(tx, d, def);
            if (k.name() != null && db.catalog().relationOid(tx, d.namespaceOid(), k.name()) != null) {
                throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + k.name() + "\" already exists");
            }
            if (primary) {
                for (RelationDescriptor.Constraint existing : d.constraints()) {
                    if (existing.type() == 'p') {
                        throw new PgException("42P16", "multiple primary keys for table \"" + d.name() + "\" are not allowed");
                    }
                }
            }
            IndexBuild.checkUnique(s, db, tx, d, cols, primary, index.name());
            RelationDescriptor.Index idx = db.catalog().createIndex(tx, d, index);
            IndexDdl.fill(db, s, tx, db.catalog(), d.oid(), idx);
            return WritePlan.command("ALTER TABLE");
        });
    }
}
