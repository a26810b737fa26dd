package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.ExpressionText;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgSessionStatements;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * CREATE [OR REPLACE] VIEW and DROP VIEW. The view's query is planned when the statement runs
 * (so its errors come first and its output columns are known), and stored as its SQL text with
 * the output columns in the catalog ({@code Catalog.createView}); queries expand it where it is
 * used ({@code query.ViewExpansion}). OR REPLACE keeps PostgreSQL's rule: the existing columns
 * must stay (same names and types, in order), new ones may only be appended (42P16 otherwise).
 * Columns of type unknown become text, as in PostgreSQL 15.
 */
final class Views {
    private Views() {}

    static PreparedQuery create(PgSessionStatements.CreateView st, ExpressionAnalyzer.PositionMapper positions,
                                SessionContext planning) {
        RelationName rn = RelationName.of(st.name, positions.position(st.name.getParserPosition()),
                planning == null ? null : planning.databaseName());
        String definition = ExpressionText.sourceText(positions, st.querySpan);
        return DdlAction.plan((s, db, tx, cat) -> {
            // planned as where it is used (query.ViewExpansion), which also gives the relations it reads
            org.pgmini.executor.query.Planned q = new org.pgmini.executor.query.SelectPlanner(
                    new ExpressionAnalyzer(positions, new ArrayList<>()), positions, s).plan(st.query);
            String relations = org.pgmini.executor.query.ViewExpansion.relations(q);
            List<ColumnDefinition> cols = DdlPlanner.queryColumns(q.columns(), st.columns,
                    "CREATE VIEW specifies more column names than columns");
            RelationDescriptor existing = st.replace ? existing(s, cat, tx, rn) : null;
            if (existing == null) {
                cat.createView(tx, rn.creationSchema(s), rn.name(), cols, definition, relations);
                return WritePlan.command("CREATE VIEW");
            }
            if (existing.relkind() != RelationDescriptor.RELKIND_VIEW) {
                throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + rn.name() + "\" is not a view");
            }
            checkReplacement(existing, cols);
            cat.replaceView(tx, existing, cols, definition, relations);
            return WritePlan.command("CREATE VIEW");
        });
    }

    private static RelationDescriptor existing(SessionContext s, Catalog cat, Transaction tx, RelationName rn) {
        try {
            return cat.openRelation(tx, rn.creationSchema(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
        } catch (PgException e) {
            if (SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                return null;
            }
            throw e;
        }
    }

    /** PostgreSQL's checkViewColumns: the old columns must be kept as they are; more may follow. */
    private static void checkReplacement(RelationDescriptor old, List<ColumnDefinition> cols) {
        List<RelationDescriptor.Column> was = old.columns();
        if (cols.size() < was.size()) {
            throw new PgException("42P16", "cannot drop columns from view");
        }
        for (int i = 0; i < was.size(); i++) {
            RelationDescriptor.Column w = was.get(i);
            ColumnDefinition c = cols.get(i);
            if (!w.name().equals(c.name())) {
                throw new PgException("42P16", "cannot change name of view column \"" + w.name() + "\" to \"" + c.name() + "\"",
                        null, "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.", 0, null, null);
            }
            if (w.typeOid() != c.typeOid() || w.typmod() != c.typmod()) {
                throw new PgException("42P16", "cannot change data type of view column \"" + w.name() + "\" from "
                        + typeText(w.typeOid(), w.typmod()) + " to " + typeText(c.typeOid(), c.typmod()));
            }
        }
    }

    private static String typeText(int oid, int typmod) {
        PgType t = PgTypes.byOid(oid);
        String base = t == null ? String.valueOf(oid) : PgTypes.displayName(t);
        if (typmod >= 4 && (t == PgTypes.VARCHAR || t == PgTypes.BPCHAR)) {
            return base + "(" + (typmod - 4) + ")";
        }
        if (typmod >= 4 && t == PgTypes.NUMERIC) {
            return base + "(" + ((typmod - 4) >> 16) + "," + ((typmod - 4) & 0xffff) + ")";
        }
        return base;
    }

    /** DROP VIEW [IF EXISTS] v, ...: every name looked up (and locked) before any is dropped. */
    static PreparedQuery drop(List<RelationName> names, boolean ifExists) {
        return DdlAction.plan((s, db, tx, cat) -> {
            List<RelationDescriptor> found = new ArrayList<>();
            for (RelationName rn : names) {
                RelationDescriptor d;
                try {
                    d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
                } catch (PgException e) {
                    if (!SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                        throw e;
                    }
                    String msg = "view \"" + rn.display() + "\" does not exist";
                    if (!ifExists) {
                        throw new PgException(SqlState.UNDEFINED_TABLE, msg);
                    }
                    s.notice(new Notice("NOTICE", "00000", msg + ", skipping", null, null));
                    continue;
                }
                if (d.relkind() != RelationDescriptor.RELKIND_VIEW) {
                    String hint = d.relkind() == RelationDescriptor.RELKIND_TABLE ? "Use DROP TABLE to remove a table."
                            : d.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "Use DROP SEQUENCE to remove a sequence." : null;
                    throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + rn.name() + "\" is not a view", null, hint, 0, null, null);
                }
                found.add(d);
            }
            for (RelationDescriptor d : found) {
                cat.dropView(tx, d);
            }
            return WritePlan.command("DROP VIEW");
        });
    }
}
