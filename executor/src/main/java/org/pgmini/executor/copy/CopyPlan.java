package org.pgmini.executor.copy;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.CopyStatement;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.TargetTable;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.parser.ast.PgCopy;
import org.pgmini.executor.plan.Planner;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * A planned COPY (the options checked at planning, as PostgreSQL checks them before any data
 * moves). Everything that depends on the catalog (the table, its columns, the query's plan) is
 * looked up when it runs, so the cached plan holds no catalog state. Immutable and shareable.
 * Only the copy sub-protocol runs it ({@link CopyStatement}); {@link #execute} refuses. With a
 * server-side file or program, {@link #plan} wraps it in a {@link CopyFilePlan}, an ordinary statement.
 */
public final class CopyPlan extends RowlessPlan implements CopyStatement {
    private final PgCopy st;
    private final CopyOptions options;
    private final ExpressionAnalyzer.PositionMapper positions;

    private CopyPlan(PgCopy st, CopyOptions options, ExpressionAnalyzer.PositionMapper positions) {
        this.st = st;
        this.options = options;
        this.positions = positions;
    }

    /** Checks the statement's form and options (errors before any protocol message). */
    public static PreparedQuery plan(PgCopy st, ExpressionAnalyzer.PositionMapper positions) {
        if (st.wherePosition > 0 && !st.from) {
            throw PgException.atPosition(SqlState.SYNTAX_ERROR, "WHERE clause not allowed with COPY TO", st.wherePosition);
        }
        if (st.query != null && st.from) {
            throw new PgException(SqlState.SYNTAX_ERROR, "COPY (query) FROM is not possible");
        }
        CopyPlan copy = new CopyPlan(st, CopyOptions.of(st.options, st.from), positions);
        return st.file != null ? new CopyFilePlan(copy, st.file, st.program, st.from) : copy;
    }

    @Override
    public boolean copyIn() {
        return st.from;
    }

    @Override
    public int format() {
        return options.binary ? 1 : 0;
    }

    @Override
    public ResultCursor execute(Object[] parameters, SessionContext session) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "COPY " + (st.from ? "FROM STDIN" : "TO STDOUT") + " is supported only in the simple query protocol");
    }

    private RelationDescriptor open(SessionContext session, Transaction tx, LockMode mode) {
        String schema = st.table.names.size() > 1 ? st.table.names.get(st.table.names.size() - 2) : null;
        String name = st.table.names.get(st.table.names.size() - 1);
        if (schema == null) {
            // unqualified: along search_path (psqlcat's fix; the catalog alone would look only in public)
            schema = org.pgmini.executor.query.CatalogAccess.relationSchema(session, name);
            if (schema == null) {
                throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
            }
        }
        // PostgreSQL reports COPY's relation errors without a position
        return session.database().catalog().openRelation(tx, schema, name, mode);
    }

    private static boolean[] flags(RelationDescriptor rel, int[] attnums, List<String> names, String option) {
        boolean[] out = new boolean[attnums.length];
        for (String n : names) {
            RelationDescriptor.Column col = rel.column(n);
            int at = -1;
            for (int i = 0; col != null && i < attnums.length; i++) {
                if (attnums[i] == col.attnum()) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, option + " column \"" + n + "\" not referenced by COPY");
            }
            out[at] = true;
        }
        return out;
    }

    @Override
    public CopyIn startCopyIn(SessionContext session) {
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        RelationDescriptor rel = open(session, tx, LockMode.ROW_EXCLUSIVE);
        if (rel.relkind() == RelationDescriptor.RELKIND_VIEW) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy to view \"" + rel.name() + "\"", null,
                    "To enable copying to a view, provide an INSTEAD OF INSERT trigger.", 0, null, null);
        }
        if (rel.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy to "
                    + (rel.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "sequence" : "non-table relation")
                    + " \"" + rel.name() + "\"");
        }
        tx.startStatement();
        int[] attnums = CopyFromStdin.attnums(rel, st.columns);
        boolean[] notNull = flags(rel, attnums, options.forceNotNull, "FORCE_NOT_NULL");
        boolean[] forceNull = flags(rel, attnums, options.forceNull, "FORCE_NULL");
        TargetTable table = TargetTable.bind(rel, null);
        CopyWhere where = st.whereCondition == null ? null : CopyWhere.compile(st.whereCondition, table, positions);
        CopyFromStdin in = new CopyFromStdin(session, tx, table, attnums, options, notNull, forceNull, where);
        if (options.freeze && !newInCurrentSubtransaction(db, tx, rel)) {
            // PostgreSQL checks this once COPY has started (after CopyInResponse): the client's data is read first
            in.failOnData(new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "cannot perform COPY FREEZE because "
                    + "the table was not created or truncated in the current subtransaction"));
        }
        return in;
    }

    /**
     * Whether CREATE TABLE or TRUNCATE of {@code rel} happened in the current subtransaction:
     * both write the table's pg_class row (TRUNCATE gives it a new relfilenode), so its visible
     * version then has the current subtransaction's xid as xmin. (Other DDL in the same
     * subtransaction that rewrote the row counts too, where PostgreSQL would refuse FREEZE.)
     */
    private static boolean newInCurrentSubtransaction(DatabaseAccess db, Transaction tx, RelationDescriptor rel) {
        org.pgmini.storage.catalog.CatalogTable pgClass = org.pgmini.storage.catalog.SystemCatalogs.PG_CLASS;
        int oidColumn = pgClass.col("oid");
        int current = tx.currentXid();
        try (HeapScan scan = db.heap().beginScan(pgClass.relation(db.catalog().dbOid()), tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                if (Integer.valueOf(rel.oid()).equals(t.values(pgClass.desc())[oidColumn])) {
                    return t.xmin() == current;
                }
            }
        }
        return false;
    }

    @Override
    public long copyOut(SessionContext session, CopyOut target) {
        CopyOut out = options.encoding == null || options.binary ? target : new CopyOut() {
            // ENCODING: each line converted from the server encoding
            @Override
            public void begin(int columnCount) {
                target.begin(columnCount);
            }

            @Override
            public void data(byte[] payload) {
                target.data(options.encoding.encode(new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
            }
        };
        if (st.query != null) {
            return queryOut(session, out);
        }
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        RelationDescriptor rel = open(session, tx, LockMode.ACCESS_SHARE);
        if (rel.relkind() == RelationDescriptor.RELKIND_VIEW) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy from view \"" + rel.name() + "\"",
                    null, "Try the COPY (SELECT ...) TO variant.", 0, null, null);
        }
        if (rel.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "cannot copy from "
                    + (rel.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "sequence" : "non-table relation")
                    + " \"" + rel.name() + "\"");
        }
        tx.startStatement();
        int[] attnums = CopyFromStdin.attnums(rel, st.columns);
        PgType[] types = new PgType[attnums.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attnums.length; i++) {
            RelationDescriptor.Column col = rel.columns().get(attnums[i] - 1);
            types[i] = PgTypes.byOid(col.typeOid());
            names.add(col.name());
        }
        CopyRowWriter w = new CopyRowWriter(options, types, forceQuote(rel, attnums, names));
        CopyBinaryWriter bw = options.binary ? new CopyBinaryWriter(types) : null;
        out.begin(attnums.length);
        if (options.header != CopyOptions.Header.NONE) {
            out.data(w.header(names));
        }
        long n = 0;
        Object[] values = new Object[attnums.length];
        // per-row work only: the relation's tuple descriptor and the column types are looked up once
        org.pgmini.storage.heap.HeapRelation heapRel = rel.heapRelation();
        org.pgmini.storage.tuple.TupleDesc desc = heapRel.desc();
        int[] typeOids = new int[attnums.length];
        for (int i = 0; i < attnums.length; i++) {
            typeOids[i] = rel.columns().get(attnums[i] - 1).typeOid();
        }
        try (HeapScan scan = db.heap().beginScan(heapRel, tx.snapshot(), tx)) {
            while (scan.hasNext()) {
                HeapTuple t = scan.next();
                Object[] stored = t.values(desc);
                for (int i = 0; i < attnums.length; i++) {
                    values[i] = StorageValues.fromStorage(typeOids[i], stored[attnums[i] - 1]);
                }
                out.data(bw != null ? bw.row(values) : w.row(values, session));
                if ((++n & 1023) == 0) {
                    session.checkForInterrupts();
                }
            }
        }
        if (bw != null) {
            out.data(bw.trailer());
        }
        return n;
    }

    private boolean[] forceQuote(RelationDescriptor rel, int[] attnums, List<String> names) {
        boolean[] q = new boolean[attnums.length];
        if ("*".equals(options.forceQuote)) {
            java.util.Arrays.fill(q, true);
        } else if (options.forceQuote instanceof List<?> cols) {
            for (Object c : cols) {
                int at = names.indexOf((String) c);
                if (at < 0) {
                    throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, "FORCE_QUOTE column \"" + c
                            + "\" not referenced by COPY");
                }
                q[at] = true;
            }
        }
        return q;
    }

    private long queryOut(SessionContext session, CopyOut out) {
        PreparedQuery q = new Planner(positions, new int[0], session).plan(st.query);
        if (!q.returnsRows()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY query must have a RETURNING clause");
        }
        List<ColumnDescription> cols = q.columns();
        PgType[] types = new PgType[cols.size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            types[i] = cols.get(i).type();
            names.add(cols.get(i).name());
        }
        boolean[] quote = new boolean[types.length];
        if ("*".equals(options.forceQuote)) {
            java.util.Arrays.fill(quote, true);
        } else if (options.forceQuote instanceof List<?> fq) {
            for (Object c : fq) {
                int at = names.indexOf((String) c);
                if (at < 0) {
                    throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, "FORCE_QUOTE column \"" + c
                            + "\" not referenced by COPY");
                }
                quote[at] = true;
            }
        }
        CopyRowWriter w = new CopyRowWriter(options, types, quote);
        CopyBinaryWriter bw = options.binary ? new CopyBinaryWriter(types) : null;
        long n = 0;
        try (ResultCursor cursor = q.execute(new Object[0], session)) {
            out.begin(types.length);
            if (options.header != CopyOptions.Header.NONE) {
                out.data(w.header(names));
            }
            Object[] row;
            while ((row = cursor.next()) != null) {
                out.data(bw != null ? bw.row(row) : w.row(row, session));
                if ((++n & 1023) == 0) {
                    session.checkForInterrupts();
                }
            }
            if (bw != null) {
                out.data(bw.trailer());
            }
        }
        return n;
    }
}
