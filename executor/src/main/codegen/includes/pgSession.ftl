<#--
  pgmini: session-level SQL statements (prepared statements) and views, included into Parser.jj
  by FMPP (see ../config.fmpp). AST in org.pgmini.executor.parser.ast.PgSessionStatements.
-->

/** PREPARE name [ ( type [, ...] ) ] AS statement */
SqlNode PgPrepare() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlDataTypeSpec> types = new ArrayList<SqlDataTypeSpec>();
    SqlDataTypeSpec t;
    final SqlNode statement;
}
{
    <PREPARE> { s = span(); } name = SimpleIdentifier()
    [
        <LPAREN> t = DataType() { types.add(t); }
        ( <COMMA> t = DataType() { types.add(t); } )*
        <RPAREN>
    ]
    <AS> statement = SqlStmt()
    { return new PgSessionStatements.Prepare(s.end(this), name.getSimple(), types, statement); }
}

/** EXECUTE name [ ( expression [, ...] ) ] */
SqlNode PgExecute() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <EXECUTE> { s = span(); } name = SimpleIdentifier()
    [
        <LPAREN> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
        ( <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); } )*
        <RPAREN>
    ]
    { return new PgSessionStatements.Execute(s.end(this), name.getSimple(), args); }
}

/** DEALLOCATE [ PREPARE ] { name | ALL } */
SqlNode PgDeallocate() :
{
    final Span s;
    SqlIdentifier name = null;
}
{
    <DEALLOCATE> { s = span(); } [ <PREPARE> ]
    ( <ALL> | name = SimpleIdentifier() )
    { return new PgSessionStatements.Deallocate(s.end(this), name == null ? null : name.getSimple()); }
}

/** (after CREATE) [ OR REPLACE ] VIEW name [ ( column [, ...] ) ] AS query */
SqlNode PgCreateView(Span s) :
{
    boolean replace = false;
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
    final Token first;
}
{
    [ <OR> <REPLACE> { replace = true; } ]
    <VIEW> name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> { first = getToken(1); } query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new PgSessionStatements.CreateView(s.end(this), name, replace,
            columns == null ? null : pgNames(columns), query, pgSpan(first));
    }
}
