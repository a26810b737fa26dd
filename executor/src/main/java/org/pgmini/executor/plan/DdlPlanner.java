package org.pgmini.executor.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.Notice;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.AssignmentCoercion;
import org.pgmini.executor.exec.modify.ExpressionText;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.ast.PgDdl;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.ConstraintDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.catalog.SequenceOptions;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;

/**
 * DDL: CREATE/DROP/ALTER TABLE, TRUNCATE, CREATE SCHEMA, CREATE/DROP SEQUENCE. Planning only
 * resolves type names; everything that reads the catalog happens when the plan runs (so a
 * cached plan never holds stale catalog state). Each statement runs in the session's storage
 * transaction; the catalog's DDL methods take AccessExclusiveLock and do the
 * CommandCounterIncrement themselves. Column DEFAULT and CHECK texts are analysed before
 * anything is created, so their errors come first, as in PostgreSQL.
 */
final class DdlPlanner {
    private final ExpressionAnalyzer.PositionMapper positions;
    private final ExpressionAnalyzer analyzer;
    private final SessionContext planningSession;

    DdlPlanner(ExpressionAnalyzer.PositionMapper positions, ExpressionAnalyzer analyzer, SessionContext planningSession) {
        this.positions = positions;
        this.analyzer = analyzer;
        this.planningSession = planningSession;
    }

    PreparedQuery plan(org.pgmini.executor.parser.ast.PgWriteStatement st) {
        if (st instanceof PgDdl.CreateTable) {
            return createTable((PgDdl.CreateTable) st);
        }
        if (st instanceof PgDdl.CreateTableAs) {
            return createTableAs((PgDdl.CreateTableAs) st);
        }
        if (st instanceof PgDdl.Drop) {
            return drop((PgDdl.Drop) st);
        }
        if (st instanceof PgDdl.AlterTable) {
            return alterTable((PgDdl.AlterTable) st);
        }
        if (st instanceof PgDdl.AlterTableAddConstraint add) {
            return AddTableConstraint.plan(add, name(add.name), positions);
        }
        if (st instanceof PgDdl.Truncate) {
            return truncate((PgDdl.Truncate) st);
        }
        if (st instanceof PgDdl.CreateSchema) {
            return createSchema((PgDdl.CreateSchema) st);
        }
        if (st instanceof PgDdl.CreateSequence) {
            return createSequence((PgDdl.CreateSequence) st);
        }
        throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, st.commandName() + " is not supported", pos(st));
    }

    private int pos(SqlNode n) {
        return positions.position(n.getParserPosition());
    }

    private RelationName name(SqlIdentifier id) {
        return RelationName.of(id, pos(id), planningSession == null ? null : planningSession.databaseName());
    }

    /** The session's transaction with a statement started (new snapshot under READ COMMITTED). */
    static Transaction begin(DatabaseAccess db) {
        Transaction tx = db.transaction();
        tx.startStatement();
        return tx;
    }

    // ------------------------------------------------------------------ CREATE TABLE

    /** A column of CREATE TABLE / ADD COLUMN after type resolution, before it reaches the catalog. */
    private record ColumnPlan(String name, PgType type, int typmod, boolean notNull, String defaultText,
                              String serialSequenceType, int position) {}

    /** A CHECK constraint: its name if given, text, tree and position. */
    private record CheckPlan(String name, String text, SqlNode expr, int position) {}

    private static final Set<String> SERIALS = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

    private ColumnPlan column(PgDdl.ColumnDef c, List<CheckPlan> checks, List<PgDdl.Constraint> keys) {
        String name = c.name().getSimple();
        SqlDataTypeSpec spec = c.type();
        PgType type;
        int typmod;
        String serial = null;
        List<String> typeNames = spec.getTypeNameSpec().getTypeName().names;
        String simple = typeNames.get(typeNames.size() - 1).toLowerCase(Locale.ROOT);
        if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec && typeNames.size() == 1 && SERIALS.contains(simple)) {
            serial = simple;
            type = simple.startsWith("big") || simple.equals("serial8") ? PgTypes.INT8
                    : simple.startsWith("small") || simple.equals("serial2") ? PgTypes.INT2 : PgTypes.INT4;
            typmod = -1;
        } else {
            ExpressionAnalyzer.TypeRef t = analyzer.typeOf(spec);
            type = t.type();
            typmod = t.typmod();
        }
        boolean notNull = false;
        boolean explicitNull = false;
        String defaultText = null;
        for (PgDdl.Constraint k : c.constraints()) {
            int at = positions.position(k.pos());
            switch (k.type()) {
                case NOT_NULL:
                case NULL:
                    if ((k.type() == PgDdl.Constraint.Type.NOT_NULL && explicitNull)
                            || (k.type() == PgDdl.Constraint.Type.NULL && notNull)) {
                        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column \""
                                + name + "\" of table", at);
                    }
                    notNull |= k.type() == PgDdl.Constraint.Type.NOT_NULL;
                    explicitNull |= k.type() == PgDdl.Constraint.Type.NULL;
                    break;
                case DEFAULT:
                    if (defaultText != null) {
                        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                                + name + "\" of table", at);
                    }
                    defaultText = ExpressionText.sourceText(positions, k.exprSpan());
                    checkDefault(k.expr(), type, typmod, name);
                    break;
                case CHECK:
                    checks.add(new CheckPlan(k.name(), ExpressionText.sourceText(positions, k.exprSpan()), k.expr(), at));
                    break;
                case PRIMARY_KEY:
                case UNIQUE:
                    if (keys == null) {
                        throw notSupportedConstraint(k, at);
                    }
                    keys.add(new PgDdl.Constraint(k.pos(), k.name(), k.type(), null, null, List.of(name)));
                    if (k.type() == PgDdl.Constraint.Type.PRIMARY_KEY) {
                        notNull = true;
                    }
                    break;
                default:
                    throw notSupportedConstraint(k, at);
            }
        }
        if (serial != null) {
            if (defaultText != null) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                        + name + "\" of table", pos(c.name()));
            }
            notNull = true;
        }
        return new ColumnPlan(name, type, typmod, notNull, defaultText, serial, pos(c.name()));
    }

    private static PgException notSupportedConstraint(PgDdl.Constraint k, int at) {
        String what = switch (k.type()) {
            case PRIMARY_KEY -> "PRIMARY KEY constraints";
            case UNIQUE -> "UNIQUE constraints";
            case REFERENCES -> "FOREIGN KEY constraints";
            default -> k.type() + " constraints";
        };
        return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, what + " are not supported yet", at);
    }

    /** A DEFAULT must be a constant-free-of-columns expression assignable to the column (checked at CREATE, as PostgreSQL). */
    private void checkDefault(SqlNode expr, PgType type, int typmod, String column) {
        ExpressionAnalyzer a = new ExpressionAnalyzer(positions, new ArrayList<>());
        Typed t;
        try {
            t = a.analyze(expr);
        } catch (PgException e) {
            if (SqlState.UNDEFINED_COLUMN.equals(e.sqlState())) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression",
                        e.position());
            }
            throw e;
        }
        try {
            AssignmentCoercion.coerce(t, type, typmod, column, pos(expr));
        } catch (PgException e) {
            if (SqlState.DATATYPE_MISMATCH.equals(e.sqlState())) {
                throw new PgException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
                        + PgTypes.displayName(type) + " but default expression is of type " + PgTypes.displayName(t.type),
                        null, e.hint(), 0, null, null);
            }
            throw e;
        }
    }

    /** Analyses a CHECK expression over the new table's columns; returns the columns it uses. */
    private List<String> checkColumns(CheckPlan k, String table, List<String> names, List<PgType> types) {
        ExpressionAnalyzer a = new ExpressionAnalyzer(positions, new ArrayList<>());
        a.setScope(new Scope(table, names, types));
        Typed t = a.analyze(k.expr());
        if (t.isUnknown()) {
            t = Casts.coerce(t, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        }
        if (t.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type "
                    + PgTypes.displayName(t.type), pos(k.expr()));
        }
        Set<String> used = new LinkedHashSet<>();
        k.expr().accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                String n = id.names.get(id.names.size() - 1);
                if (names.contains(n)) {
                    used.add(n);
                }
                return null;
            }
        });
        return new ArrayList<>(used);
    }

    private PreparedQuery createTable(PgDdl.CreateTable st) {
        RelationName rn = name(st.name);
        List<String> reloptions = StorageParameters.forCreate(st.options);
        List<CheckPlan> checks = new ArrayList<>();
        List<ColumnPlan> cols = new ArrayList<>();
        List<PgDdl.Constraint> keys = new ArrayList<>();
        for (PgDdl.ColumnDef c : st.columns) {
            cols.add(column(c, checks, keys));
        }
        for (PgDdl.Constraint k : st.constraints) {
            if (k.type() == PgDdl.Constraint.Type.PRIMARY_KEY || k.type() == PgDdl.Constraint.Type.UNIQUE) {
                keys.add(k);
                continue;
            }
            if (k.type() != PgDdl.Constraint.Type.CHECK) {
                throw notSupportedConstraint(k, positions.position(k.pos()));
            }
            checks.add(new CheckPlan(k.name(), ExpressionText.sourceText(positions, k.exprSpan()), k.expr(),
                    positions.position(k.pos())));
        }
        Set<String> seen = new HashSet<>();
        for (ColumnPlan c : cols) {
            if (!seen.add(c.name)) {
                throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name + "\" specified more than once");
            }
        }
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (ColumnPlan c : cols) {
            names.add(c.name);
            types.add(c.type);
        }
        List<ConstraintDefinition> constraints = new ArrayList<>();
        Set<String> constraintNames = new HashSet<>();
        for (CheckPlan k : checks) {
            if (k.name != null && !constraintNames.add(k.name)) {
                throw new PgException(SqlState.DUPLICATE_OBJECT, "constraint \"" + k.name + "\" for relation \""
                        + rn.name() + "\" already exists");
            }
        }
        for (CheckPlan k : checks) {
            List<String> used = checkColumns(k, rn.name(), names, types);
            String cname = k.name;
            if (cname == null) {
                String base = rn.name() + "_" + (used.size() == 1 ? used.get(0) + "_" : "") + "check";
                cname = base;
                for (int i = 1; constraintNames.contains(cname); i++) {
                    cname = base + i;
                }
                constraintNames.add(cname);
            }
            constraints.add(ConstraintDefinition.check(cname, k.text, used));
        }
        boolean hasPrimary = false;
        for (PgDdl.Constraint k : keys) {
            for (String col : k.columns()) {
                if (!names.contains(col)) {
                    throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist",
                            positions.position(k.pos()));
                }
            }
            if (k.type() == PgDdl.Constraint.Type.PRIMARY_KEY) {
                if (hasPrimary) {
                    throw PgException.atPosition("42P16", "multiple primary keys for table \""
                            + rn.name() + "\" are not allowed", positions.position(k.pos()));
                }
                hasPrimary = true;
                for (int i = 0; i < cols.size(); i++) {
                    ColumnPlan c = cols.get(i);
                    if (k.columns().contains(c.name) && !c.notNull) {
                        cols.set(i, new ColumnPlan(c.name, c.type, c.typmod, true, c.defaultText, c.serialSequenceType, c.position));
                    }
                }
                constraints.add(ConstraintDefinition.primaryKey(k.name(), k.columns()));
            } else {
                constraints.add(ConstraintDefinition.unique(k.name(), k.columns()));
            }
        }
        return DdlAction.plan((s, db, tx, cat) -> {
            // PostgreSQL reports CREATE TABLE's namespace errors at the table name
            String schema;
            try {
                schema = rn.creationSchema(s);
            } catch (PgException e) {
                throw e.position() == 0 ? e.withPosition(rn.position()) : e;
            }
            int nsp = creationNamespace(cat, tx, schema, rn);
            if (skipExisting(s, cat, tx, nsp, rn, st.ifNotExists)) {
                return WritePlan.command("CREATE TABLE");
            }
            List<ColumnDefinition> defs = new ArrayList<>();
            for (ColumnPlan c : cols) {
                String def = c.defaultText;
                if (c.serialSequenceType != null) {
                    String seq = createSerialSequence(cat, tx, schema, nsp, rn.name(), c);
                    def = "nextval('" + quoteIdent(schema) + "." + quoteIdent(seq).replace("'", "''") + "')";
                }
                defs.add(new ColumnDefinition(c.name, c.type.oid(), c.typmod, c.notNull, def));
            }
            int oid = cat.createTable(tx, schema, rn.name(), defs, constraints, reloptions);
            IndexDdl.createKeyIndexFiles(db, tx, oid);
            return WritePlan.command("CREATE TABLE");
        });
    }

    /**
     * CREATE TABLE AS: the read path plans the query (at prepare, so its errors come first);
     * columns take its output names (or the given ones) and types with typmods; at execution
     * the table is created, then filled from the query. Tag "SELECT n" (CREATE TABLE AS WITH NO DATA).
     */
    private PreparedQuery createTableAs(PgDdl.CreateTableAs st) {
        RelationName rn = name(st.name);
        List<String> reloptions = StorageParameters.forCreate(st.options);
        List<org.pgmini.executor.expr.ParamSlot> slots = new ArrayList<>();
        QuerySource q = QuerySource.plan(st.query, positions, slots, planningSession);
        List<ColumnDefinition> defs = queryColumns(q.columns, st.columnNames, "too many column names were specified");
        int[] paramOids = new int[slots.size()];
        for (int i = 0; i < paramOids.length; i++) {
            paramOids[i] = slots.get(i).type == null ? PgTypes.TEXT.oid() : slots.get(i).type.oid();
        }
        return new WritePlan(paramOids, List.of(), (params, s) -> {
            DatabaseAccess db = s.database();
            Transaction tx = begin(db);
            Catalog cat = db.catalog();
            String schema = rn.creationSchema(s);
            int nsp = creationNamespace(cat, tx, schema, rn);
            if (skipExisting(s, cat, tx, nsp, rn, st.ifNotExists)) {
                return WritePlan.command("CREATE TABLE AS");
            }
            int oid = cat.createTable(tx, schema, rn.name(), defs, List.of(), reloptions);
            if (!st.withData) {
                return WritePlan.command("CREATE TABLE AS");
            }
            tx.startStatement();
            org.pgmini.executor.exec.modify.TargetTable table = org.pgmini.executor.exec.modify.TargetTable.bind(cat.relation(tx, oid), null);
            org.pgmini.executor.expr.EvalContext c = new org.pgmini.executor.expr.EvalContext(params, s);
            org.pgmini.executor.exec.modify.RowModifier m = new org.pgmini.executor.exec.modify.RowModifier(db.heap(), tx, table, s, c);
            long count = 0;
            List<Object[]> batch = new ArrayList<>();
            // ptapes: the rows are consumed whole, so a parallel sort may merge the workers' tapes
            try (org.pgmini.executor.api.ResultCursor cur = org.pgmini.executor.query.WholeResultSorts.execute(q.plan, params, s)) {
                Object[] row;
                while ((row = cur.next()) != null) {
                    s.checkForInterrupts();
                    batch.add(row.clone());
                    if (batch.size() == 4096) {
                        count += m.insert(batch, r -> { });
                        batch = new ArrayList<>();
                    }
                }
            }
            count += m.insert(batch, r -> { });
            if (count > 0) {
                tx.commandCounterIncrement();
            }
            return WritePlan.command("SELECT " + count);
        });
    }

    /**
     * The columns of a relation made from a query's output (CREATE TABLE AS, CREATE VIEW): the
     * given names where there are some (more than columns: 42601 {@code tooManyNames}), else the
     * output names, which must differ (42701); types and typmods of the output, unknown as text.
     */
    static List<ColumnDefinition> queryColumns(List<org.pgmini.executor.api.ColumnDescription> out, List<String> names,
                                               String tooManyNames) {
        if (names != null && names.size() > out.size()) {
            throw new PgException(SqlState.SYNTAX_ERROR, tooManyNames);
        }
        List<ColumnDefinition> defs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            String n = names != null && i < names.size() ? names.get(i) : out.get(i).name();
            if (!seen.add(n)) {
                throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + n + "\" specified more than once");
            }
            PgType t = out.get(i).type();
            defs.add(new ColumnDefinition(n, (t == PgTypes.UNKNOWN ? PgTypes.TEXT : t).oid(), out.get(i).typmod(), false, null));
        }
        return defs;
    }

    /** The OID of the schema a new relation {@code rn} goes into; its errors point at the name. */
    private static int creationNamespace(Catalog cat, Transaction tx, String schema, RelationName rn) {
        try {
            return cat.requireNamespace(tx, schema);
        } catch (PgException e) {
            throw e.withPosition(rn.position());
        }
    }

    /**
     * Whether CREATE of relation {@code rn} in {@code nsp} is skipped because the name is taken:
     * with IF NOT EXISTS after a NOTICE (true); without, the 42P07 error. False: the name is free.
     */
    private static boolean skipExisting(SessionContext s, Catalog cat, Transaction tx, int nsp, RelationName rn,
                                        boolean ifNotExists) {
        if (cat.relationOid(tx, nsp, rn.name()) == null) {
            return false;
        }
        if (ifNotExists) {
            s.notice(new Notice("NOTICE", SqlState.DUPLICATE_TABLE, "relation \"" + rn.name()
                    + "\" already exists, skipping", null, null));
            return true;
        }
        throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + rn.name() + "\" already exists");
    }

    /** serial: the sequence table_column_seq (a free name, with a number appended if taken). */
    private static String createSerialSequence(Catalog cat, Transaction tx, String schema, int nsp, String table, ColumnPlan c) {
        String base = table + "_" + c.name + "_seq";
        String name = base;
        for (int i = 1; cat.relationOid(tx, nsp, name) != null; i++) {
            name = base + i;
        }
        long max = c.type == PgTypes.INT8 ? Long.MAX_VALUE : c.type == PgTypes.INT2 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        cat.createSequence(tx, schema, name, new SequenceOptions(1, 1, 1, max, 1, false, c.type.oid()));
        return name;
    }

    static String quoteIdent(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_');
        for (int i = 0; i < s.length() && plain; i++) {
            char ch = s.charAt(i);
            plain = Character.isLowerCase(ch) || Character.isDigit(ch) || ch == '_';
        }
        return plain ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ DROP

    /** DROP SCHEMA [IF EXISTS] a, b (RESTRICT): all names are checked before any is dropped. */
    private PreparedQuery dropSchemas(PgDdl.Drop st, List<RelationName> names) {
        if (st.cascade) {
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "DROP SCHEMA ... CASCADE is not supported yet", pos(st));
        }
        return DdlAction.plan((s, db, tx, cat) -> {
            List<String> present = new ArrayList<>();
            for (RelationName rn : names) {
                if (cat.namespaceOid(tx, rn.name()) != null) {
                    present.add(rn.name());
                } else if (st.ifExists) {
                    s.notice(new Notice("NOTICE", "00000", "schema \"" + rn.name() + "\" does not exist, skipping", null, null));
                } else {
                    throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + rn.name() + "\" does not exist");
                }
            }
            for (String name : present) {
                cat.dropSchema(tx, name, false);
            }
            return WritePlan.command("DROP SCHEMA");
        });
    }

    private PreparedQuery drop(PgDdl.Drop st) {
        List<RelationName> names = new ArrayList<>();
        for (SqlIdentifier id : st.names) {
            names.add(name(id));
        }
        if (st.type == PgDdl.ObjectType.SCHEMA) {
            return dropSchemas(st, names);
        }
        if (st.type == PgDdl.ObjectType.VIEW) {
            return Views.drop(names, st.ifExists);
        }
        if (st.type == PgDdl.ObjectType.INDEX) {
            return IndexDdl.dropIndexes(st, names);
        }
        if (st.cascade && st.type != PgDdl.ObjectType.TABLE) {
            // a table has no dependents we know of besides its owned sequences, which go with it anyway
            throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "DROP " + st.type.name() + " ... CASCADE is not supported yet",
                    pos(st));
        }
        String word = st.type.word;
        String tag = "DROP " + st.type.name();
        return DdlAction.plan((s, db, tx, cat) -> {
            // PostgreSQL looks every name up (and locks it) before dropping any
            List<RelationDescriptor> found = new ArrayList<>();
            for (RelationName rn : names) {
                RelationDescriptor d;
                try {
                    d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
                } catch (PgException e) {
                    if (!SqlState.UNDEFINED_TABLE.equals(e.sqlState()) && !SqlState.INVALID_SCHEMA_NAME.equals(e.sqlState())) {
                        throw e;
                    }
                    String msg = SqlState.INVALID_SCHEMA_NAME.equals(e.sqlState()) ? "schema \"" + rn.schema() + "\" does not exist"
                            : word + " \"" + rn.display() + "\" does not exist";
                    if (!st.ifExists) {
                        throw new PgException(e.sqlState(), msg);
                    }
                    s.notice(new Notice("NOTICE", "00000", msg + ", skipping", null, null));
                    continue;
                }
                char want = st.type == PgDdl.ObjectType.TABLE ? RelationDescriptor.RELKIND_TABLE : RelationDescriptor.RELKIND_SEQUENCE;
                if (d.relkind() != want) {
                    String hint = d.relkind() == RelationDescriptor.RELKIND_SEQUENCE ? "Use DROP SEQUENCE to remove a sequence."
                            : d.relkind() == RelationDescriptor.RELKIND_TABLE ? "Use DROP TABLE to remove a table."
                            : d.relkind() == RelationDescriptor.RELKIND_VIEW ? "Use DROP VIEW to remove a view."
                            : d.relkind() == RelationDescriptor.RELKIND_INDEX ? "Use DROP INDEX to remove an index." : null;
                    throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + rn.name() + "\" is not a " + word, null, hint, 0, null, null);
                }
                found.add(d);
            }
            if (st.type == PgDdl.ObjectType.SEQUENCE) {
                for (RelationDescriptor d : found) {
                    checkNoDefaultUses(db, tx, d, found);
                }
            }
            for (RelationDescriptor d : found) {
                List<String> owned = st.type == PgDdl.ObjectType.TABLE ? ownedSequences(d) : List.of();
                if (st.type == PgDdl.ObjectType.TABLE) {
                    cat.dropTable(tx, d.namespaceName(), d.name(), false);
                } else {
                    cat.dropSequence(tx, d.namespaceName(), d.name(), false);
                }
                for (String seq : owned) {
                    cat.dropSequence(tx, d.namespaceName(), seq, true);
                }
            }
            return WritePlan.command(tag);
        });
    }

    /**
     * DROP SEQUENCE while a column DEFAULT calls nextval on it: 2BP01, as PostgreSQL's dependency
     * check (we have no pg_depend: the defaults' text in pg_attrdef is searched for the name).
     */
    private static void checkNoDefaultUses(DatabaseAccess db, Transaction tx, RelationDescriptor seq, List<RelationDescriptor> dropped) {
        var attrdef = org.pgmini.storage.catalog.SystemCatalogs.PG_ATTRDEF;
        int relCol = attrdef.col("adrelid");
        int numCol = attrdef.col("adnum");
        int binCol = attrdef.col("adbin");
        String plain = "nextval('" + quoteIdent(seq.name()).replace("'", "''") + "')";
        String qualified = "nextval('" + quoteIdent(seq.namespaceName()) + "." + quoteIdent(seq.name()).replace("'", "''") + "')";
        try (org.pgmini.storage.heap.HeapScan scan = db.heap().beginScan(attrdef.relation(db.catalog().dbOid()),
                tx.catalogSnapshot(), tx)) {
            while (scan.hasNext()) {
                Object[] v = scan.next().values(attrdef.desc());
                String bin = (String) v[binCol];
                if (bin == null || !(bin.contains(plain) || bin.contains(qualified))) {
                    continue;
                }
                RelationDescriptor t = db.catalog().relation(tx, (Integer) v[relCol]);
                if (t == null || dropped.contains(t)) {
                    continue;
                }
                String column = t.columns().get((Short) v[numCol] - 1).name();
                throw new PgException("2BP01", "cannot drop sequence " + seq.name()
                        + " because other objects depend on it", "default value for column " + column + " of table " + t.name()
                        + " depends on sequence " + seq.name(), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null, null);
            }
        }
    }

    /**
     * The sequences a table's serial columns own (PostgreSQL records OWNED BY in pg_depend; we
     * have no pg_depend, so ownership is recognised by the default CREATE TABLE wrote for a
     * serial column: nextval('table_column_seq[N]')).
     */
    private static List<String> ownedSequences(RelationDescriptor d) {
        List<String> out = new ArrayList<>();
        for (RelationDescriptor.Column c : d.columns()) {
            String def = c.defaultExpr();
            if (c.dropped() || def == null || !def.startsWith("nextval('") || !def.endsWith("')")) {
                continue;
            }
            String seq = def.substring("nextval('".length(), def.length() - 2);
            int dot = seq.lastIndexOf('.');
            seq = dot >= 0 ? seq.substring(dot + 1) : seq;
            if (seq.startsWith("\"")) {
                seq = seq.substring(1, seq.length() - 1).replace("\"\"", "\"");
            }
            if (seq.startsWith(d.name() + "_" + c.name() + "_seq")) {
                out.add(seq);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ ALTER TABLE, TRUNCATE

    private PreparedQuery alterTable(PgDdl.AlterTable st) {
        RelationName rn = name(st.name);
        List<ColumnPlan> added = new ArrayList<>();
        for (PgDdl.AlterAction a : st.actions) {
            if (a.kind() == PgDdl.AlterAction.Kind.ADD_COLUMN) {
                List<CheckPlan> checks = new ArrayList<>();
                ColumnPlan c = column(a.column(), checks, null);
                if (!checks.isEmpty() || c.serialSequenceType != null) {
                    throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                            "ADD COLUMN with a CHECK constraint or serial type is not supported yet", positions.position(a.pos()));
                }
                added.add(c);
            } else {
                added.add(null);
            }
            if (a.kind() == PgDdl.AlterAction.Kind.RENAME_TABLE && st.actions.size() > 1) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \",\"", positions.position(a.pos()));
            }
        }
        return DdlAction.plan((s, db, tx, cat) -> {
            RelationDescriptor d = tableToAlter(s, cat, tx, rn, st.ifExists);
            if (d == null) {
                return WritePlan.command("ALTER TABLE");
            }
            for (int i = 0; i < st.actions.size(); i++) {
                PgDdl.AlterAction a = st.actions.get(i);
                d = cat.relation(tx, d.oid());
                switch (a.kind()) {
                    case ADD_COLUMN: {
                        ColumnPlan c = added.get(i);
                        if (d.column(c.name) != null && a.ifExistsOrNot()) {
                            s.notice(new Notice("NOTICE", SqlState.DUPLICATE_COLUMN, "column \"" + c.name + "\" of relation \""
                                    + d.name() + "\" already exists, skipping", null, null));
                            break;
                        }
                        cat.addColumn(tx, d, new ColumnDefinition(c.name, c.type.oid(), c.typmod, c.notNull, c.defaultText));
                        break;
                    }
                    case DROP_COLUMN:
                        if (d.column(a.name()) == null) {
                            String msg = "column \"" + a.name() + "\" of relation \"" + d.name() + "\" does not exist";
                            if (!a.ifExistsOrNot()) {
                                throw new PgException(SqlState.UNDEFINED_COLUMN, msg);
                            }
                            s.notice(new Notice("NOTICE", "00000", msg + ", skipping", null, null));
                            break;
                        }
                        cat.dropColumn(tx, d, a.name(), false);
                        break;
                    case RENAME_COLUMN:
                        cat.renameColumn(tx, d, a.name(), a.newName());
                        break;
                    case DROP_CONSTRAINT:
                        if (!cat.dropConstraint(tx, d, a.name(), a.ifExistsOrNot())) {
                            s.notice(new Notice("NOTICE", "00000", "constraint \"" + a.name() + "\" of relation \""
                                    + d.name() + "\" does not exist, skipping", null, null));
                        }
                        break;
                    case RENAME_TABLE:
                        cat.renameTable(tx, d.namespaceName(), d.name(), a.newName());
                        break;
                    case SET_OPTIONS:
                        cat.setRelOptions(tx, d, StorageParameters.set(d.reloptions(), a.options()));
                        break;
                    case RESET_OPTIONS:
                        cat.setRelOptions(tx, d, StorageParameters.reset(d.reloptions(), a.options()));
                        break;
                    default:
                        throw new IllegalStateException(a.kind().toString());
                }
            }
            return WritePlan.command("ALTER TABLE");
        });
    }

    /**
     * The table ALTER TABLE changes, locked AccessExclusive, or null when it does not exist and
     * IF EXISTS says to skip it (after the NOTICE). Another kind of relation is 42809.
     */
    static RelationDescriptor tableToAlter(SessionContext s, Catalog cat, Transaction tx, RelationName rn, boolean ifExists) {
        RelationDescriptor d;
        try {
            d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
        } catch (PgException e) {
            if (ifExists && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) {
                s.notice(new Notice("NOTICE", "00000", "relation \"" + rn.display() + "\" does not exist, skipping", null, null));
                return null;
            }
            throw e;
        }
        if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + d.name() + "\" is not a table");
        }
        return d;
    }

    private PreparedQuery truncate(PgDdl.Truncate st) {
        List<RelationName> names = new ArrayList<>();
        for (SqlIdentifier id : st.names) {
            names.add(name(id));
        }
        return DdlAction.plan((s, db, tx, cat) -> {
            List<RelationDescriptor> found = new ArrayList<>();
            for (RelationName rn : names) {
                RelationDescriptor d = cat.openRelation(tx, rn.schemaIn(s), rn.name(), LockMode.ACCESS_EXCLUSIVE);
                if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
                    throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + d.name() + "\" is not a table");
                }
                found.add(d);
            }
            for (RelationDescriptor d : found) {
                cat.truncate(tx, d);
                IndexDdl.reinitialiseAfterTruncate(db, tx, d.oid());
            }
            return WritePlan.command("TRUNCATE TABLE");
        });
    }

    // ------------------------------------------------------------------ schemas, sequences

    private PreparedQuery createSchema(PgDdl.CreateSchema st) {
        String name = st.name.getSimple();
        return DdlAction.plan((s, db, tx, cat) -> {
            if (st.ifNotExists && cat.namespaceOid(tx, name) != null) {
                s.notice(new Notice("NOTICE", SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists, skipping", null, null));
                return WritePlan.command("CREATE SCHEMA");
            }
            if (name.startsWith("pg_")) {
                throw new PgException("42939", "unacceptable schema name \"" + name + "\"", "The prefix \"pg_\" is reserved for system schemas.", null, 0, null, null);
            }
            cat.createSchema(tx, name);
            return WritePlan.command("CREATE SCHEMA");
        });
    }

    private PreparedQuery createSequence(PgDdl.CreateSequence st) {
        RelationName rn = name(st.name);
        SequenceOptions opts = sequenceOptions(st.options);
        return DdlAction.plan((s, db, tx, cat) -> {
            String schema = rn.creationSchema(s);
            int nsp = cat.requireNamespace(tx, schema);
            if (st.ifNotExists && cat.relationOid(tx, nsp, rn.name()) != null) {
                s.notice(new Notice("NOTICE", SqlState.DUPLICATE_TABLE, "relation \"" + rn.name() + "\" already exists, skipping",
                        null, null));
                return WritePlan.command("CREATE SEQUENCE");
            }
            cat.createSequence(tx, schema, rn.name(), opts);
            return WritePlan.command("CREATE SEQUENCE");
        });
    }

    /** PostgreSQL's init_params: defaults by direction and type, then the checks storage does not make. */
    private SequenceOptions sequenceOptions(List<PgDdl.SequenceOption> options) {
        long typeMin = Long.MIN_VALUE;
        long typeMax = Long.MAX_VALUE;
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        long cache = 1;
        boolean cycle = false;
        Set<String> seen = new HashSet<>();
        for (PgDdl.SequenceOption o : options) {
            String key = o.option().startsWith("as ") ? "as" : o.option().startsWith("owned by") ? "owned" : o.option();
            if (!seen.add(key)) {
                throw PgException.atPosition(SqlState.SYNTAX_ERROR, "conflicting or redundant options", positions.position(o.pos()));
            }
            switch (key) {
                case "as" -> {
                    String t = o.option().substring(3);
                    switch (t) {
                        case "smallint", "int2" -> { typeMin = Short.MIN_VALUE; typeMax = Short.MAX_VALUE; }
                        case "integer", "int", "int4" -> { typeMin = Integer.MIN_VALUE; typeMax = Integer.MAX_VALUE; }
                        case "bigint", "int8" -> { }
                        default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                                "sequence type must be smallint, integer, or bigint");
                    }
                }
                case "increment" -> increment = o.value();
                case "minvalue" -> min = o.value();
                case "maxvalue" -> max = o.value();
                case "start" -> start = o.value();
                case "cache" -> {
                    cache = o.value();
                    if (cache <= 0) {
                        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache + ") must be greater than zero");
                    }
                }
                case "cycle" -> cycle = o.value() == 1L;
                case "owned" -> {
                    if (!o.option().equals("owned by none")) {
                        throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "OWNED BY a column is not supported yet",
                                positions.position(o.pos()));
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
        long inc = increment == null ? 1 : increment;
        if (inc == 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long mx = max != null ? max : inc > 0 ? typeMax : -1;
        long mn = min != null ? min : inc > 0 ? 1 : typeMin;
        if (mx > typeMax || mx < typeMin) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + mx + ") is out of range for sequence data type "
                    + (typeMax == Short.MAX_VALUE ? "smallint" : typeMax == Integer.MAX_VALUE ? "integer" : "bigint"));
        }
        if (mn < typeMin || mn > typeMax) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + mn + ") is out of range for sequence data type "
                    + (typeMax == Short.MAX_VALUE ? "smallint" : typeMax == Integer.MAX_VALUE ? "integer" : "bigint"));
        }
        long st = start != null ? start : inc > 0 ? mn : mx;
        return new SequenceOptions(st, inc, mn, mx, cache, cycle,
                typeMax == Short.MAX_VALUE ? 21 : typeMax == Integer.MAX_VALUE ? 23 : 20);
    }
}
