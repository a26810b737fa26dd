<#--
  Index DDL: CREATE [UNIQUE] INDEX. INDEX, CONCURRENTLY and the other words Calcite has no token
  for arrive as identifiers and are recognised through parser.PgWords (no keywords added).
  DROP INDEX is an alternative of PgDrop, ALTER TABLE DROP CONSTRAINT one of PgAlterAction
  (includes/pgWritePath.ftl). AST: org.pgmini.executor.parser.ast.PgIndexDdl.
-->

/** CREATE [UNIQUE] INDEX ... after CREATE. */
SqlNode PgCreateIndex(Span s) :
{
    boolean unique = false;
    boolean concurrently = false;
    boolean ifNotExists = false;
    String name = null;
    final SqlIdentifier table;
    String method = null;
    SqlParserPos methodPos = null;
    SqlIdentifier id;
    final List<PgIndexDdl.IndexElem> elems = new ArrayList<PgIndexDdl.IndexElem>();
    SqlParserPos includePos = null;
    SqlParserPos withPos = null;
    SqlParserPos wherePos = null;
    final List<PgDdl.RelOption> relOptions = new ArrayList<PgDdl.RelOption>();
    SqlNodeList ignored;
    SqlNode ignoredExpr;
}
{
    [ <UNIQUE> { unique = true; } ]
    <IDENTIFIER>
    [
        LOOKAHEAD({ org.pgmini.executor.parser.PgWords.is(getToken(1), "concurrently") })
        <IDENTIFIER> { concurrently = true; }
    ]
    [
        LOOKAHEAD({ getToken(1).kind != ON })
        ifNotExists = PgIfNotExists()
        id = SimpleIdentifier() { name = id.getSimple(); }
    ]
    <ON> [ <ONLY> ] table = CompoundIdentifier()
    [ <USING> id = SimpleIdentifier() { method = id.getSimple(); methodPos = id.getParserPosition(); } ]
    <LPAREN> PgIndexElem(elems) ( <COMMA> PgIndexElem(elems) )* <RPAREN>
    [ <INCLUDE> { includePos = getPos(); } ignored = ParenthesizedSimpleIdentifierList() ]
    [ <WITH> { withPos = getPos(); } PgRelOptions(relOptions) ]
    [ <WHERE> { wherePos = getPos(); } ignoredExpr = Expression(ExprContext.ACCEPT_NON_QUERY) ]
    {
        return new PgIndexDdl.CreateIndex(s.end(this), unique, concurrently, ifNotExists, name, table, method, methodPos,
            elems, includePos, withPos, wherePos);
    }
}

/** column | (expression) | function(...) , then [COLLATE c] [opclass] [ASC | DESC] [NULLS {FIRST | LAST}] */
void PgIndexElem(List<PgIndexDdl.IndexElem> list) :
{
    final Span s;
    String column = null;
    SqlNode expr = null;
    Boolean desc = null;
    Boolean nullsFirst = null;
    String collation = null;
    String opclass = null;
    SqlIdentifier id;
}
{
    { s = span(); }
    (
        <LPAREN> expr = Expression(ExprContext.ACCEPT_NON_QUERY) <RPAREN>
    |
        LOOKAHEAD({ getToken(2).kind == LPAREN }) expr = NamedFunctionCall()
    |
        id = SimpleIdentifier() { column = id.getSimple(); }
    )
    [ <COLLATE> id = CompoundIdentifier() { collation = id.toString(); } ]
    [
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER })
        id = CompoundIdentifier() { opclass = id.toString(); }
    ]
    [ <ASC> { desc = false; } | <DESC> { desc = true; } ]
    [ <NULLS> ( <FIRST> { nullsFirst = true; } | <LAST> { nullsFirst = false; } ) ]
    { list.add(new PgIndexDdl.IndexElem(s.end(this), column, expr, desc, nullsFirst, collation, opclass)); }
}
