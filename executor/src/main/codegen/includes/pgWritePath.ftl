<#--
  pgmini's grammar for the write path: DDL (CREATE/DROP/ALTER TABLE, TRUNCATE, schemas,
  sequences), DML (INSERT/UPDATE/DELETE with RETURNING) and utility statements (SAVEPOINT,
  RELEASE, VACUUM, CHECKPOINT, LOCK). Included into Parser.jj by FMPP (see ../config.fmpp); the
  statement productions are listed in statementParserMethods, which the template tries first
  with two tokens of lookahead. Words that Calcite has no token for (IF, RENAME, VACUUM, ...)
  are matched as identifiers through parser.PgWords, so they stay usable as names and no keyword is
  added. The AST classes are in org.pgmini.executor.parser.ast (PgDdl, PgDml, PgUtility).
-->

/** The exact source span from token {@code first} to the last consumed token. */
JAVACODE SqlParserPos pgSpan(Token first) {
    return new SqlParserPos(first.beginLine, first.beginColumn, token.endLine, token.endColumn);
}

/** IF NOT EXISTS, optional; true when present. */
boolean PgIfNotExists() :
{
}
{
    (
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "if") && getToken(2).kind == NOT })
        <IDENTIFIER> <NOT> <EXISTS> { return true; }
    |
        { return false; }
    )
}

/** IF EXISTS, optional; true when present. */
boolean PgIfExists() :
{
}
{
    (
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "if") && getToken(2).kind == EXISTS })
        <IDENTIFIER> <EXISTS> { return true; }
    |
        { return false; }
    )
}

/** CREATE TABLE | CREATE SCHEMA | CREATE SEQUENCE */
SqlNode PgCreate() :
{
    final Span s;
    final SqlNode n;
}
{
    <CREATE> { s = span(); }
    (
        n = PgCreateTable(s)
    |
        n = PgCreateSchema(s)
    |
        n = PgCreateSequence(s)
    |
        n = PgCreateView(s)
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "index")
            || (getToken(1).kind == UNIQUE && org.pgmini.executor.parser.PgWords.is(getToken(2), "index")) })
        n = PgCreateIndex(s)
    )
    { return n; }
}

/** CREATE TABLE [IF NOT EXISTS] name (elements) | CREATE TABLE [IF NOT EXISTS] name [(names)] AS query [WITH [NO] DATA] */
SqlNode PgCreateTable(Span s) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<PgDdl.ColumnDef> columns = new ArrayList<PgDdl.ColumnDef>();
    final List<PgDdl.Constraint> constraints = new ArrayList<PgDdl.Constraint>();
    SqlNodeList names = null;
    final SqlNode query;
    boolean withData = true;
    final List<PgDdl.RelOption> relOptions = new ArrayList<PgDdl.RelOption>();
}
{
    <TABLE> ifNotExists = PgIfNotExists() name = CompoundIdentifier()
    (
        LOOKAHEAD( [ ParenthesizedSimpleIdentifierList() ] ( <AS> | <WITH> ) )
        [ names = ParenthesizedSimpleIdentifierList() ]
        [ <WITH> PgRelOptions(relOptions) ]
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ <WITH> ( <NO> <DATA> { withData = false; } | <DATA> ) ]
        {
            return new PgDdl.CreateTableAs(s.end(this), name, ifNotExists, names == null ? null : pgNames(names), query,
                withData, relOptions);
        }
    |
        <LPAREN>
        [ PgTableElement(columns, constraints) ( <COMMA> PgTableElement(columns, constraints) )* ]
        <RPAREN>
        [ <WITH> PgRelOptions(relOptions) ]
        { return new PgDdl.CreateTable(s.end(this), name, ifNotExists, columns, constraints, relOptions); }
    )
}

/** ( name [= value] [, ...] ): storage parameters (PostgreSQL's reloptions; name may be ns.name). */
void PgRelOptions(List<PgDdl.RelOption> list) :
{
}
{
    <LPAREN> PgRelOption(list) ( <COMMA> PgRelOption(list) )* <RPAREN>
}

void PgRelOption(List<PgDdl.RelOption> list) :
{
    final Span s;
    final SqlIdentifier first;
    SqlIdentifier second = null;
    String value = null;
}
{
    first = SimpleIdentifier() { s = span(); }
    [ <DOT> second = SimpleIdentifier() ]
    [ <EQ> value = PgRelOptionValue() ]
    {
        list.add(new PgDdl.RelOption(s.end(this), second == null ? null : first.getSimple(),
            second == null ? first.getSimple() : second.getSimple(), value));
    }
}

/** A storage parameter's value as PostgreSQL's def_arg keeps it: a number as written, a string, a word. */
String PgRelOptionValue() :
{
    String sign = "";
    final SqlNumericLiteral num;
    final SqlNode str;
    final SqlIdentifier word;
}
{
    (
        [ <PLUS> | <MINUS> { sign = "-"; } ] num = UnsignedNumericLiteral() { return sign + num.toValue(); }
    |
        str = StringLiteral() { return ((SqlLiteral) str).getValueAs(String.class); }
    |
        <TRUE> { return "true"; }
    |
        <FALSE> { return "false"; }
    |
        <ON> { return "on"; }
    |
        word = SimpleIdentifier() { return word.getSimple(); }
    )
}

void PgTableElement(List<PgDdl.ColumnDef> columns, List<PgDdl.Constraint> constraints) :
{
    final PgDdl.ColumnDef c;
}
{
    (
        PgTableConstraint(constraints)
    |
        c = PgColumnDef() { columns.add(c); }
    )
}

PgDdl.ColumnDef PgColumnDef() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final List<PgDdl.Constraint> cons = new ArrayList<PgDdl.Constraint>();
}
{
    name = SimpleIdentifier() type = DataType()
    ( PgColumnConstraint(cons) )*
    { return new PgDdl.ColumnDef(name, type, cons); }
}

/** [CONSTRAINT name] {NOT NULL | NULL | DEFAULT b_expr | CHECK (expr) | PRIMARY KEY | UNIQUE | REFERENCES t [(c)]} */
void PgColumnConstraint(List<PgDdl.Constraint> list) :
{
    String cname = null;
    SqlIdentifier id;
    final Span s;
    SqlNode e;
    Token first;
    SqlParserPos span;
}
{
    { s = Span.of(); }
    [ <CONSTRAINT> id = SimpleIdentifier() { cname = id.getSimple(); } ]
    (
        { first = getToken(1); } <NOT> <NULL> {
            list.add(new PgDdl.Constraint(pgSpan(first), cname, PgDdl.Constraint.Type.NOT_NULL, null, null, null));
        }
    |
        <NULL> {
            list.add(new PgDdl.Constraint(getPos(), cname, PgDdl.Constraint.Type.NULL, null, null, null));
        }
    |
        <DEFAULT_> { s.add(this); first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.DEFAULT, e, pgSpan(first), null));
        }
    |
        <CHECK> { s.add(this); } <LPAREN> { first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            span = pgSpan(first);
        }
        <RPAREN> {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.CHECK, e, span, null));
        }
    |
        { first = getToken(1); } <PRIMARY> <KEY> {
            list.add(new PgDdl.Constraint(pgSpan(first), cname, PgDdl.Constraint.Type.PRIMARY_KEY, null, null, null));
        }
    |
        <UNIQUE> {
            list.add(new PgDdl.Constraint(getPos(), cname, PgDdl.Constraint.Type.UNIQUE, null, null, null));
        }
    |
        <REFERENCES> { s.add(this); } id = CompoundIdentifier() [ ParenthesizedSimpleIdentifierList() ] {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.REFERENCES, null, null, null));
        }
    )
}

/** [CONSTRAINT name] {CHECK (expr) | PRIMARY KEY (cols) | UNIQUE (cols) | FOREIGN KEY (cols) REFERENCES t [(cols)]} */
void PgTableConstraint(List<PgDdl.Constraint> list) :
{
    String cname = null;
    SqlIdentifier id;
    Span s;
    SqlNode e;
    Token first;
    SqlParserPos span;
    SqlNodeList cols;
}
{
    (
        <CONSTRAINT> { s = span(); } id = SimpleIdentifier() { cname = id.getSimple(); }
    |
        { s = Span.of(); }
    )
    (
        <CHECK> { s.add(this); } <LPAREN> { first = getToken(1); }
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            span = pgSpan(first);
        }
        <RPAREN> {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.CHECK, e, span, null));
        }
    |
        <PRIMARY> { s.add(this); } <KEY> cols = ParenthesizedSimpleIdentifierList() {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.PRIMARY_KEY, null, null, pgNames(cols)));
        }
    |
        <UNIQUE> { s.add(this); } cols = ParenthesizedSimpleIdentifierList() {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.UNIQUE, null, null, pgNames(cols)));
        }
    |
        <FOREIGN> { s.add(this); } <KEY> cols = ParenthesizedSimpleIdentifierList()
        <REFERENCES> id = CompoundIdentifier() [ ParenthesizedSimpleIdentifierList() ] {
            list.add(new PgDdl.Constraint(s.end(this), cname, PgDdl.Constraint.Type.REFERENCES, null, null, pgNames(cols)));
        }
    )
}

JAVACODE List<String> pgNames(SqlNodeList ids) {
    final List<String> out = new ArrayList<String>();
    for (SqlNode n : ids) {
        out.add(((SqlIdentifier) n).getSimple());
    }
    return out;
}

/** CREATE SCHEMA [IF NOT EXISTS] name */
SqlNode PgCreateSchema(Span s) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
}
{
    <SCHEMA> ifNotExists = PgIfNotExists() name = SimpleIdentifier()
    { return new PgDdl.CreateSchema(s.end(this), name, ifNotExists); }
}

/**
 * CREATE SEQUENCE [IF NOT EXISTS] name [AS type] [INCREMENT [BY] n] [MINVALUE n | NO MINVALUE]
 * [MAXVALUE n | NO MAXVALUE] [START [WITH] n] [CACHE n] [[NO] CYCLE] [OWNED BY NONE]
 */
SqlNode PgCreateSequence(Span s) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<PgDdl.SequenceOption> opts = new ArrayList<PgDdl.SequenceOption>();
}
{
    <SEQUENCE> ifNotExists = PgIfNotExists() name = CompoundIdentifier()
    ( PgSequenceOption(opts) )*
    { return new PgDdl.CreateSequence(s.end(this), name, ifNotExists, opts); }
}

void PgSequenceOption(List<PgDdl.SequenceOption> list) :
{
    final Long v;
    final SqlDataTypeSpec type;
    final SqlIdentifier id;
}
{
    (
        <AS> type = DataType() {
            list.add(new PgDdl.SequenceOption(getPos(), "as " + type.getTypeNameSpec().getTypeName().getSimple().toLowerCase(Locale.ROOT), null));
        }
    |
        <INCREMENT> [ <BY> ] v = PgSignedLong() { list.add(new PgDdl.SequenceOption(getPos(), "increment", v)); }
    |
        <MINVALUE> v = PgSignedLong() { list.add(new PgDdl.SequenceOption(getPos(), "minvalue", v)); }
    |
        <MAXVALUE> v = PgSignedLong() { list.add(new PgDdl.SequenceOption(getPos(), "maxvalue", v)); }
    |
        <START> [ <WITH> ] v = PgSignedLong() { list.add(new PgDdl.SequenceOption(getPos(), "start", v)); }
    |
        <CYCLE> { list.add(new PgDdl.SequenceOption(getPos(), "cycle", 1L)); }
    |
        <NO>
        (
            <MINVALUE> { list.add(new PgDdl.SequenceOption(getPos(), "minvalue", null)); }
        |
            <MAXVALUE> { list.add(new PgDdl.SequenceOption(getPos(), "maxvalue", null)); }
        |
            <CYCLE> { list.add(new PgDdl.SequenceOption(getPos(), "cycle", 0L)); }
        )
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "cache") })
        <IDENTIFIER> v = PgSignedLong() { list.add(new PgDdl.SequenceOption(getPos(), "cache", v)); }
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "owned") })
        <IDENTIFIER> <BY> id = CompoundIdentifier() {
            list.add(new PgDdl.SequenceOption(getPos(), "owned by " + id, null));
        }
    )
}

/** An optionally signed integer literal that fits in a long. */
Long PgSignedLong() :
{
    boolean negative = false;
    final SqlLiteral lit;
}
{
    [ <PLUS> | <MINUS> { negative = true; } ]
    lit = UnsignedNumericLiteral() {
        final java.math.BigDecimal v = lit.getValueAs(java.math.BigDecimal.class);
        try {
            return (negative ? v.negate() : v).longValueExact();
        } catch (ArithmeticException e) {
            throw SqlUtil.newContextException(lit.getParserPosition(),
                RESOURCE.numberLiteralOutOfRange(v.toString()));
        }
    }
}

/** DROP {TABLE | SEQUENCE | SCHEMA} [IF EXISTS] name [, ...] [CASCADE | RESTRICT] */
SqlNode PgDrop() :
{
    final Span s;
    final PgDdl.ObjectType type;
    final boolean ifExists;
    boolean cascade = false;
    boolean concurrently = false;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
}
{
    <DROP> { s = span(); }
    (
        <TABLE> { type = PgDdl.ObjectType.TABLE; }
    |
        <SEQUENCE> { type = PgDdl.ObjectType.SEQUENCE; }
    |
        <SCHEMA> { type = PgDdl.ObjectType.SCHEMA; }
    |
        <VIEW> { type = PgDdl.ObjectType.VIEW; }
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "index") })
        <IDENTIFIER> { type = PgDdl.ObjectType.INDEX; }
        [
            LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "concurrently") })
            <IDENTIFIER> { concurrently = true; }
        ]
    )
    ifExists = PgIfExists()
    id = CompoundIdentifier() { names.add(id); }
    ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    { return new PgDdl.Drop(s.end(this), type, names, ifExists, cascade, concurrently); }
}

/** ALTER TABLE [IF EXISTS] [ONLY] name action [, ...] */
SqlNode PgAlterTable() :
{
    final Span s;
    final boolean ifExists;
    final SqlIdentifier name;
    final List<PgDdl.AlterAction> actions = new ArrayList<PgDdl.AlterAction>();
    final List<PgDdl.Constraint> constraints = new ArrayList<PgDdl.Constraint>();
}
{
    <ALTER> { s = span(); } <TABLE> ifExists = PgIfExists() [ <ONLY> ] name = CompoundIdentifier()
    (
        // ADD table_constraint, as the statement's only action
        LOOKAHEAD(2, <ADD> ( <CONSTRAINT> | <PRIMARY> | <UNIQUE> | <CHECK> | <FOREIGN> ))
        <ADD> PgTableConstraint(constraints)
        { return new PgDdl.AlterTableAddConstraint(s.end(this), name, ifExists, constraints.get(0)); }
    |
        PgAlterAction(actions) ( <COMMA> PgAlterAction(actions) )*
        { return new PgDdl.AlterTable(s.end(this), name, ifExists, actions); }
    )
}

/** ADD [COLUMN] [IF NOT EXISTS] coldef | DROP [COLUMN] [IF EXISTS] c [CASCADE|RESTRICT] | RENAME [COLUMN] a TO b | RENAME TO n */
void PgAlterAction(List<PgDdl.AlterAction> list) :
{
    final Span s;
    final boolean flag;
    final PgDdl.ColumnDef c;
    SqlIdentifier a;
    SqlIdentifier b;
    final List<PgDdl.RelOption> relOptions = new ArrayList<PgDdl.RelOption>();
}
{
    (
        LOOKAHEAD(2) <DROP> { s = span(); } <CONSTRAINT> flag = PgIfExists() a = SimpleIdentifier() [ <CASCADE> | <RESTRICT> ] {
            list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.DROP_CONSTRAINT, null, a.getSimple(), null, flag));
        }
    |
        <ADD> { s = span(); } [ <COLUMN> ] flag = PgIfNotExists() c = PgColumnDef() {
            list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.ADD_COLUMN, c, null, null, flag));
        }
    |
        <DROP> { s = span(); } [ <COLUMN> ] flag = PgIfExists() a = SimpleIdentifier() [ <CASCADE> | <RESTRICT> ] {
            list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.DROP_COLUMN, null, a.getSimple(), null, flag));
        }
    |
        <SET> { s = span(); } PgRelOptions(relOptions) {
            list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.SET_OPTIONS, null, null, null, false, relOptions));
        }
    |
        <RESET> { s = span(); } PgRelOptions(relOptions) {
            list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.RESET_OPTIONS, null, null, null, false, relOptions));
        }
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "rename") })
        <IDENTIFIER> { s = span(); }
        (
            <TO> b = SimpleIdentifier() {
                list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.RENAME_TABLE, null, null, b.getSimple(), false));
            }
        |
            [ <COLUMN> ] a = SimpleIdentifier() <TO> b = SimpleIdentifier() {
                list.add(new PgDdl.AlterAction(s.end(this), PgDdl.AlterAction.Kind.RENAME_COLUMN, null, a.getSimple(), b.getSimple(), false));
            }
        )
    )
}

/** TRUNCATE [TABLE] [ONLY] name [, ...] [CONTINUE IDENTITY] [RESTRICT] */
SqlNode PgTruncate() :
{
    final Span s;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
}
{
    <TRUNCATE> { s = span(); } [ <TABLE> ] [ <ONLY> ]
    id = CompoundIdentifier() { names.add(id); }
    ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    [ <CONTINUE> <IDENTITY> ]
    [ <RESTRICT> ]
    { return new PgDdl.Truncate(s.end(this), names); }
}

/** The target table's alias: AS name, or a bare name that is not RETURNING (reserved in PostgreSQL). */
SqlIdentifier PgTargetAlias() :
{
    final SqlIdentifier alias;
}
{
    (
        <AS> alias = SimpleIdentifier() { return alias; }
    |
        LOOKAHEAD(1, { getToken(1).kind != RETURNING && getToken(1).kind != SET })
        alias = SimpleIdentifier() { return alias; }
    |
        { return null; }
    )
}

/** RETURNING output items (like a select list). */
SqlNodeList PgReturning() :
{
    final List<SqlNode> list = new ArrayList<SqlNode>();
    final Span s;
}
{
    <RETURNING> { s = span(); }
    AddSelectItem(list) ( <COMMA> AddSelectItem(list) )*
    { return new SqlNodeList(list, s.end(this)); }
}

/** INSERT INTO table [AS alias] [(columns)] {DEFAULT VALUES | query} [RETURNING ...] */
SqlNode PgInsert() :
{
    final Span s;
    final SqlIdentifier table;
    SqlIdentifier alias = null;
    SqlNodeList columns = null;
    final SqlNode source;
    SqlNodeList returning = null;
}
{
    <INSERT> { s = span(); } <INTO> table = CompoundIdentifier()
    [ <AS> alias = SimpleIdentifier() ]
    [ LOOKAHEAD(2) columns = ParenthesizedSimpleIdentifierList() ]
    (
        <DEFAULT_> <VALUES> { source = null; }
    |
        source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    [ returning = PgReturning() ]
    { return new PgDml.Insert(s.end(this), table, alias, columns, source, returning); }
}

/** UPDATE table [[AS] alias] SET c = {expr | DEFAULT} [, ...] [FROM ...] [WHERE ...] [RETURNING ...] */
SqlNode PgUpdate() :
{
    final Span s;
    final SqlIdentifier table;
    final SqlIdentifier alias;
    final List<SqlIdentifier> targets = new ArrayList<SqlIdentifier>();
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode from = null;
    SqlNode where = null;
    SqlNodeList returning = null;
}
{
    <UPDATE> { s = span(); } [ <ONLY> ] table = CompoundIdentifier()
    alias = PgTargetAlias()
    <SET> PgSetClause(targets, values) ( <COMMA> PgSetClause(targets, values) )*
    [ <FROM> from = FromClause() ]
    [ where = Where() ]
    [ returning = PgReturning() ]
    { return new PgDml.Update(s.end(this), table, alias, targets, values, from, where, returning); }
}

void PgSetClause(List<SqlIdentifier> targets, List<SqlNode> values) :
{
    final SqlIdentifier id;
    final SqlNode e;
}
{
    id = SimpleIdentifier() <EQ>
    (
        e = Default()
    |
        e = Expression(ExprContext.ACCEPT_SUB_QUERY)
    )
    { targets.add(id); values.add(e); }
}

/** DELETE FROM table [[AS] alias] [USING ...] [WHERE ...] [RETURNING ...] */
SqlNode PgDelete() :
{
    final Span s;
    final SqlIdentifier table;
    final SqlIdentifier alias;
    SqlNode using = null;
    SqlNode where = null;
    SqlNodeList returning = null;
}
{
    <DELETE> { s = span(); } <FROM> [ <ONLY> ] table = CompoundIdentifier()
    alias = PgTargetAlias()
    [ <USING> using = FromClause() ]
    [ where = Where() ]
    [ returning = PgReturning() ]
    { return new PgDml.Delete(s.end(this), table, alias, using, where, returning); }
}

/** SAVEPOINT name */
SqlNode PgSavepoint() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SAVEPOINT> { s = span(); } name = SimpleIdentifier()
    { return new PgUtility.Savepoint(s.end(this), PgUtility.Savepoint.Action.SAVEPOINT, name.getSimple()); }
}

/** RELEASE [SAVEPOINT] name */
SqlNode PgRelease() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <RELEASE> { s = span(); } [ <SAVEPOINT> ] name = SimpleIdentifier()
    { return new PgUtility.Savepoint(s.end(this), PgUtility.Savepoint.Action.RELEASE, name.getSimple()); }
}

/** Statements that start with a word Calcite has no token for: VACUUM, CHECKPOINT, LOCK. */
SqlNode PgWordStatement() :
{
    final SqlNode n;
}
{
    (
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "vacuum") }) n = PgVacuum()
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "analyze")
            || org.pgmini.executor.parser.PgWords.is(getToken(1), "analyse") }) n = PgAnalyze()
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "checkpoint") })
        <IDENTIFIER> { n = new PgUtility.Checkpoint(getPos()); }
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "lock") }) n = PgLock()
    )
    { return n; }
}

/**
 * VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [name [, ...]] or VACUUM (option [, ...]) [name [, ...]];
 * the options as words (FULL, FREEZE, VERBOSE, ANALYZE, ...), checked by the planner.
 */
SqlNode PgVacuum() :
{
    final Span s;
    boolean full = false;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    final List<String> words = new ArrayList<String>();
    SqlIdentifier id;
}
{
    <IDENTIFIER> { s = span(); }
    (
        <LPAREN> PgVacuumOption(words) ( <COMMA> PgVacuumOption(words) )* <RPAREN>
    |
        [ <FULL> { full = true; } ]
        (
            LOOKAHEAD(1, { org.pgmini.executor.parser.PgWords.is(getToken(1), "freeze")
                || org.pgmini.executor.parser.PgWords.is(getToken(1), "verbose")
                || org.pgmini.executor.parser.PgWords.is(getToken(1), "analyze")
                || org.pgmini.executor.parser.PgWords.is(getToken(1), "analyse") })
            <IDENTIFIER> { words.add(token.image.toLowerCase(Locale.ROOT)); }
        )*
    )
    [
        id = CompoundIdentifier() { names.add(id); }
        ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    ]
    {
        if (full) {
            words.add(0, "full");
        }
        return new PgUtility.Vacuum(s.end(this), words.contains("full"), names, words);
    }
}

/** One parenthesized VACUUM option: a word and an optional value (kept as "word" or "word=value"). */
void PgVacuumOption(List<String> words) :
{
    String w;
    String v = null;
}
{
    ( <FULL> { w = "full"; } | <TRUNCATE> { w = "truncate"; } | <IDENTIFIER> { w = token.image.toLowerCase(Locale.ROOT); } )
    [
        ( <TRUE> { v = "true"; } | <FALSE> { v = "false"; } | <ON> { v = "on"; }
        | <UNSIGNED_INTEGER_LITERAL> { v = token.image; } | <IDENTIFIER> { v = token.image.toLowerCase(Locale.ROOT); } )
    ]
    { words.add(v == null ? w : w + "=" + v); }
}

/** ANALYZE [VERBOSE] [name [(columns)] [, ...]] */
SqlNode PgAnalyze() :
{
    final Span s;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
}
{
    <IDENTIFIER> { s = span(); }
    [ LOOKAHEAD(1, { org.pgmini.executor.parser.PgWords.is(getToken(1), "verbose") }) <IDENTIFIER> ]
    [
        id = CompoundIdentifier() { names.add(id); } [ ParenthesizedSimpleIdentifierList() ]
        ( <COMMA> id = CompoundIdentifier() { names.add(id); } [ ParenthesizedSimpleIdentifierList() ] )*
    ]
    { return new PgUtility.Analyze(s.end(this), names); }
}

/** LOCK [TABLE] [ONLY] name [, ...] [IN lockmode MODE] [NOWAIT] */
SqlNode PgLock() :
{
    final Span s;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
    final StringBuilder mode = new StringBuilder();
    boolean nowait = false;
}
{
    <IDENTIFIER> { s = span(); } [ <TABLE> ] [ <ONLY> ]
    id = CompoundIdentifier() { names.add(id); }
    ( <COMMA> id = CompoundIdentifier() { names.add(id); } )*
    [
        <IN>
        (
            LOOKAHEAD(1, { !org.pgmini.executor.parser.PgWords.is(getToken(1), "nowait") })
            ( <ROW> | <UPDATE> | <IDENTIFIER> )
            { mode.append(mode.length() == 0 ? "" : " ").append(token.image.toUpperCase(Locale.ROOT)); }
        )+
    ]
    [
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "nowait") })
        <IDENTIFIER> { nowait = true; }
    ]
    { return new PgUtility.Lock(s.end(this), names, mode.toString(), nowait); }
}

/**
 * A locking clause after a statement (reached through the statement-locking-clause patch of
 * SqlStmtEof): FOR {UPDATE | NO KEY UPDATE | SHARE | KEY SHARE} [OF t, ...] [NOWAIT | SKIP LOCKED].
 * The planner checks that the statement is a query.
 */
SqlNode PgLockingClause(SqlNode query) :
{
    final Span s;
    String strength;
    final List<SqlIdentifier> of = new ArrayList<SqlIdentifier>();
    SqlIdentifier id;
    boolean nowait = false;
    boolean skipLocked = false;
}
{
    <FOR> { s = span(); }
    (
        <UPDATE> { strength = "UPDATE"; }
    |
        <NO> <KEY> <UPDATE> { strength = "NO KEY UPDATE"; }
    |
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "share") })
        <IDENTIFIER> { strength = "SHARE"; }
    |
        <KEY> { strength = "KEY SHARE"; }
        (
            LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "share") })
            <IDENTIFIER>
        )
    )
    [
        <OF> id = CompoundIdentifier() { of.add(id); }
        ( <COMMA> id = CompoundIdentifier() { of.add(id); } )*
    ]
    [
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "nowait") })
        <IDENTIFIER> { nowait = true; }
    |
        <SKIP_>
        (
            LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "locked") })
            <IDENTIFIER> { skipLocked = true; }
        )
    ]
    { return new PgDml.LockingSelect(s.end(this), query, strength, of, nowait, skipLocked); }
}
