<#--
  pgmini's PostgreSQL extensions to Calcite's grammar. Included into Parser.jj by FMPP
  (see ../config.fmpp). Each production builds one of our AST nodes
  (org.pgmini.executor.parser.ast) or a standard Calcite node.
-->

/** SHOW name | SHOW ALL | SHOW TIME ZONE */
SqlNode PgShow() :
{
    final Span s;
    SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        <ALL> { return new PgShowStatement(s.end(this), null); }
    |
        <TIME> <ZONE> { return new PgShowStatement(s.end(this), "timezone"); }
    |
        LOOKAHEAD(2) <TRANSACTION> <ISOLATION> <LEVEL> { return new PgShowStatement(s.end(this), "transaction_isolation"); }
    |
        LOOKAHEAD(2) <SESSION> <AUTHORIZATION> { return new PgShowStatement(s.end(this), "session_authorization"); }
    |
        name = CompoundIdentifier() { return new PgShowStatement(s.end(this), name.toString()); }
    )
}

/** BEGIN [WORK | TRANSACTION] | START TRANSACTION */
SqlNode PgBegin() :
{
    final Span s;
    final List<String> modes = new ArrayList<String>();
}
{
    (
        <BEGIN> { s = span(); } [ <WORK> | <TRANSACTION> ]
    |
        <START> { s = span(); } <TRANSACTION>
    )
    [ PgTransactionModes(modes) ]
    { return new PgTransactionStatement(s.end(this), PgTransactionStatement.Action.BEGIN, modes); }
}

/**
 * Transaction modes, separated by commas or blanks; each becomes a (GUC name, value) pair in
 * {@code modes}, as PostgreSQL applies them: transaction_isolation, transaction_read_only,
 * transaction_deferrable.
 */
void PgTransactionModes(List<String> modes) :
{
}
{
    PgTransactionMode(modes) ( [ <COMMA> ] PgTransactionMode(modes) )*
}

void PgTransactionMode(List<String> modes) :
{
    String level;
}
{
    (
        <ISOLATION> <LEVEL>
        (
            <SERIALIZABLE> { level = "serializable"; }
        |
            <REPEATABLE> <READ> { level = "repeatable read"; }
        |
            LOOKAHEAD(2) <READ> <COMMITTED> { level = "read committed"; }
        |
            <READ> <UNCOMMITTED> { level = "read uncommitted"; }
        )
        { modes.add("transaction_isolation"); modes.add(level); }
    |
        LOOKAHEAD(2) <READ> <ONLY> { modes.add("transaction_read_only"); modes.add("on"); }
    |
        <READ> <WRITE> { modes.add("transaction_read_only"); modes.add("off"); }
    |
        <DEFERRABLE> { modes.add("transaction_deferrable"); modes.add("on"); }
    |
        <NOT> <DEFERRABLE> { modes.add("transaction_deferrable"); modes.add("off"); }
    )
}

/** COMMIT [WORK | TRANSACTION] | END [WORK | TRANSACTION] */
SqlNode PgCommit() :
{
    final Span s;
}
{
    ( <COMMIT> | <END> ) { s = span(); } [ <WORK> | <TRANSACTION> ]
    { return new PgTransactionStatement(s.end(this), PgTransactionStatement.Action.COMMIT); }
}

/**
 * ROLLBACK [WORK | TRANSACTION] | ABORT [WORK | TRANSACTION], and
 * ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name (PgUtility.Savepoint).
 */
SqlNode PgRollback() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    ( <ROLLBACK> | <ABORT> ) { s = span(); } [ <WORK> | <TRANSACTION> ]
    (
        <TO> [ <SAVEPOINT> ] name = SimpleIdentifier() {
            return new PgUtility.Savepoint(s.end(this), PgUtility.Savepoint.Action.ROLLBACK_TO, name.getSimple());
        }
    |
        { return new PgTransactionStatement(s.end(this), PgTransactionStatement.Action.ROLLBACK); }
    )
}

/** $n: a parameter marker; SqlDynamicParam indexes are 0-based. */
SqlNode PgDollarParam() :
{
}
{
    <PG_PARAM> {
        return new SqlDynamicParam(Integer.parseInt(token.image.substring(1)) - 1, getPos());
    }
}

/** expr :: type, added to the operator list of Expression2 like any binary operator. */
void PgInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <DOUBLE_COLON> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, getPos()));
        list.add(dt);
    }
}

/**
 * SET [SESSION | LOCAL] name {TO | =} {value [, ...] | DEFAULT}, SET [SESSION | LOCAL] TIME
 * ZONE value, RESET name | ALL. After ALTER, scope is "SYSTEM" (ALTER SYSTEM SET/RESET).
 */
SqlAlter PgSetOption(Span s, String scope) :
{
    SqlIdentifier name;
    boolean local = false;
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode v;
}
{
    (
        <SET> { s.add(this); }
        (
            LOOKAHEAD(2) <TRANSACTION> {
                final List<String> modes = new ArrayList<String>();
            }
            PgTransactionModes(modes)
            { return new PgSetStatement(s.end(this), scope, modes); }
        |
        [ LOOKAHEAD(2) ( <SESSION> | <LOCAL> { local = true; } ) ]
        (
            LOOKAHEAD(2)
            <TIME> <ZONE> { name = new SqlIdentifier("timezone", getPos()); }
            (
                <LOCAL> { return new PgSetStatement(s.end(this), scope, name, null, local, false); }
            |
                <DEFAULT_> { return new PgSetStatement(s.end(this), scope, name, null, local, false); }
            |
                v = PgSetValue() { values.add(v); }
            )
        |
            name = CompoundIdentifier()
            ( <TO> | <EQ> )
            (
                <DEFAULT_> { return new PgSetStatement(s.end(this), scope, name, null, local, false); }
            |
                v = PgSetValue() { values.add(v); }
                ( <COMMA> v = PgSetValue() { values.add(v); } )*
            )
        )
        { return new PgSetStatement(s.end(this), scope, name, new SqlNodeList(values, s.pos()), local, false); }
        )
    |
        <RESET> { s.add(this); }
        (
            <ALL> { return new PgSetStatement(s.end(this), scope, null, null, false, true); }
        |
            LOOKAHEAD(2)
            <TIME> <ZONE> { return new PgSetStatement(s.end(this), scope, new SqlIdentifier("timezone", getPos()), null, false, true); }
        |
            name = CompoundIdentifier() { return new PgSetStatement(s.end(this), scope, name, null, false, true); }
        )
    )
}

/**
 * One value of SET: a string, a (signed) number, ON/TRUE/FALSE/ESCAPE (reserved words that are
 * setting values, e.g. bytea_output), or a name (folded to lower
 * case unless quoted, as PostgreSQL does). Always returned as a character literal.
 */
SqlNode PgSetValue() :
{
    final SqlNode lit;
    final SqlIdentifier id;
    String sign = "";
}
{
    (
        lit = StringLiteral() { return lit; }
    |
        [ <PLUS> | <MINUS> { sign = "-"; } ]
        lit = UnsignedNumericLiteral() {
            return SqlLiteral.createCharString(sign + ((SqlLiteral) lit).toValue(), getPos());
        }
    |
        ( <ON> | <TRUE> | <FALSE> | <ESCAPE> ) {
            return SqlLiteral.createCharString(token.image.toLowerCase(Locale.ROOT), getPos());
        }
    |
        id = SimpleIdentifier() { return SqlLiteral.createCharString(id.getSimple(), getPos()); }
    )
}

/** $$body$$ or $tag$body$tag$: the body verbatim, no escapes. */
SqlNode PgDollarQuotedString() :
{
}
{
    <PG_DOLLAR_QUOTE> {
        final String image = token.image;
        final int tagLength = image.indexOf('$', 1) + 1;
        return SqlLiteral.createCharString(
            image.substring(tagLength, image.length() - tagLength), getPos());
    }
}

/**
 * type 'string' (PostgreSQL's typed constant, e.g. int4 '1', double precision '2.5'): a cast
 * of the string. Reached through the built-in function hook, which Calcite tries with two
 * tokens of lookahead, so only "name 'string'" and the two-word type names qualify.
 */
SqlNode PgTypedLiteral() :
{
    final Span s;
    final String typeName;
    final SqlNode value;
}
{
    (
        <DOUBLE> { s = span(); } <PRECISION> { typeName = "double precision"; }
    |
        <CHARACTER> { s = span(); } <VARYING> { typeName = "character varying"; }
    |
        // plain unquoted names and the one-word SQL type keywords; not SimpleIdentifier,
        // whose non-reserved keywords would collide with other built-in calls
        ( <IDENTIFIER> | <INTEGER> | <INT> | <BIGINT> | <SMALLINT> | <REAL> | <BOOLEAN>
        | <NUMERIC> | <DECIMAL> | <FLOAT> | <VARCHAR> | <CHAR> )
        { s = span(); typeName = token.image.toLowerCase(Locale.ROOT); }
    )
    value = StringLiteral()
    {
        final SqlParserPos typePos = s.pos();
        return SqlStdOperatorTable.CAST.createCall(s.end(this), value,
            new SqlDataTypeSpec(
                new SqlUserDefinedTypeNameSpec(new SqlIdentifier(typeName, typePos), typePos), typePos));
    }
}

/**
 * True when the next token is a keyword (a token whose image is a word, like SELECT), reserved
 * or not. Used as semantic lookahead for PostgreSQL's ColLabel after AS; getToken follows the
 * scan position during syntactic lookahead, so this also works inside LOOKAHEAD scans.
 */
JAVACODE boolean pgNextIsKeyword() {
    final Token t = getToken(1);
    final String image = tokenImage[t.kind];
    if (image.length() < 3 || image.charAt(0) != '"' || image.charAt(image.length() - 1) != '"') {
        return false;
    }
    for (int i = 1; i < image.length() - 1; i++) {
        final char c = image.charAt(i);
        if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '_' && !(i > 1 && c >= '0' && c <= '9')) {
            return false;
        }
    }
    return true;
}

/**
 * Consumes one keyword token as a column label, folded like an unquoted identifier. Only
 * called behind LOOKAHEAD({ pgNextIsKeyword() }).
 */
JAVACODE SqlIdentifier PgKeywordAsLabel() {
    getNextToken();
    return new SqlIdentifier(unquotedIdentifier(), getPos());
}

/** interval as a type name without fields or precision (PostgreSQL's plain interval type). */
SqlTypeNameSpec PgIntervalTypeName() :
{
    final Span s;
}
{
    <INTERVAL> { s = span(); }
    { return new SqlUserDefinedTypeNameSpec(new SqlIdentifier("interval", s.pos()), s.pos()); }
}

/** x AT TIME ZONE zone: an operator of Expression2's list (see PgAtTimeZoneOperator for its precedence). */
void PgAtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <AT> <TIME> <ZONE> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(PgAtTimeZoneOperator.INSTANCE, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * timestamptz(p): PostgreSQL's short name with a precision (Calcite reads an identifier type
 * without one). Only tried when the identifier is timestamptz and "(" follows.
 */
SqlTypeNameSpec PgTimestamptzTypeName() :
{
    final Span s;
    final int p;
}
{
    LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.equalsIgnoreCase("timestamptz")
        && getToken(2).kind == LPAREN })
    <IDENTIFIER> { s = span(); }
    <LPAREN> p = UnsignedIntLiteral() <RPAREN>
    { return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_TZ, p, s.end(this)); }
}

/**
 * WITH name AS [NOT] MATERIALIZED (query): TRUE, FALSE, or null when neither is written.
 * MATERIALIZED is not a Calcite keyword, so it arrives as an identifier.
 */
Boolean PgMaterializedOption() :
{
}
{
    LOOKAHEAD(1, { org.pgmini.executor.parser.PgWords.is(getToken(1), "materialized") })
    <IDENTIFIER> { return Boolean.TRUE; }
|
    LOOKAHEAD(2, { getToken(1).kind == NOT && org.pgmini.executor.parser.PgWords.is(getToken(2), "materialized") })
    <NOT> <IDENTIFIER> { return Boolean.FALSE; }
|
    { return null; }
}

/**
 * WITH ... INSERT INTO t ... : PostgreSQL's WITH on an INSERT. The WITH list is moved onto the
 * INSERT's source query (what it can reference there is the same), so the write path needs no
 * WITH of its own. Chosen only when the statement after the WITH list is an INSERT
 * (parser.PgWithWrite); WITH before UPDATE/DELETE stays a syntax error.
 */
SqlNode PgWithInsert() :
{
    final SqlNodeList withList;
    final SqlNode insert;
}
{
    LOOKAHEAD({ org.pgmini.executor.parser.PgWithWrite.precedesInsert(this) })
    withList = WithList()
    insert = PgInsert()
    { return org.pgmini.executor.parser.PgWithWrite.attach(withList, insert); }
}

/**
 * unnest(array [, ...]) as an ordinary function call in expressions (the select list):
 * Calcite reserves UNNEST for its FROM-clause form only.
 */
SqlNode PgUnnestCall() :
{
    final Span s;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <UNNEST> { s = span(); } <LPAREN>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    ( <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); } )*
    <RPAREN>
    {
        return new org.apache.calcite.sql.SqlUnresolvedFunction(new SqlIdentifier("unnest", s.pos()), null, null, null, null,
            SqlFunctionCategory.USER_DEFINED_FUNCTION).createCall(s.end(this), args);
    }
}

/**
 * expr COLLATE name, where name may be schema-qualified and may be the reserved word default
 * (psql writes COLLATE pg_catalog.default). A postfix operator item of Expression2's list.
 */
void PgCollate(List<Object> list, ExprContext exprContext, Span s) :
{
    String schema = null;
    String name;
    SqlIdentifier id;
}
{
    <COLLATE> {
        checkNonQueryExpression(exprContext);
    }
    [
        LOOKAHEAD(2) id = SimpleIdentifier() <DOT> { schema = id.getSimple(); }
    ]
    (
        id = SimpleIdentifier() { name = id.getSimple(); }
    |
        <DEFAULT_> { name = "default"; }
    )
    {
        list.add(new SqlParserUtil.ToTreeListItem(new PgCollateOperator(schema, name), getPos()));
    }
}

/**
 * a OPERATOR(schema.op) b: PostgreSQL's explicit operator form. OPERATOR is not a keyword here
 * (it arrives as an identifier, so it stays usable as a name); the operator symbol is made of
 * the operator tokens written between the parentheses.
 */
void PgQualifiedOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    String schema = null;
    final StringBuilder symbol = new StringBuilder();
    SqlIdentifier id;
}
{
    LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "operator") && getToken(2).kind == LPAREN })
    <IDENTIFIER> <LPAREN> {
        checkNonQueryExpression(exprContext);
    }
    [
        id = SimpleIdentifier() <DOT> { schema = id.getSimple(); }
    ]
    (
        ( <TILDE> | <NEGATE> | <STAR> | <EQ> | <NE> | <NE2> | <LT> | <GT> | <LE> | <GE> | <PLUS> | <MINUS>
        | <SLASH> | <PERCENT_REMAINDER> | <CONCAT> | <CARET> | <PG_LIKE_OP> )
        { symbol.append(token.image); }
    )+
    <RPAREN> {
        list.add(new SqlParserUtil.ToTreeListItem(new PgNamedOperator(schema, symbol.toString()), getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** a ~~ b, a ~~* b, a !~~ b, a !~~* b: LIKE and ILIKE written as PostgreSQL's operators. */
void PgLikeSymbolOperator(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <PG_LIKE_OP> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(PgNamedOperator.bare(token.image), getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * stmtperf: readies a parser that finished a parse for the next statement (parser.impl.ParserReuse).
 * JavaCC's ReInit resets the token stream and lookahead state; this resets what the template
 * adds on top: the `?` parameter counter, the row-value-star depth, the original text and the
 * warnings list. A fresh instance costs an Error (JavaCC's LookaheadSuccess, with its stack
 * trace) and ~40 KiB of buffers, more than parsing a short statement.
 */
JAVACODE void pgReadyForReuse(String sql) {
    ReInit(new SourceStringReader(sql));
    setOriginalSql(sql);
    nDynamicParams = 0;
    rowValueStarCount = 0;
    warnings.clear();
}
