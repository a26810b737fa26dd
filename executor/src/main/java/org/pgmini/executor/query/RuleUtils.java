package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.ExpressionText;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.FunctionDef;
import org.pgmini.executor.expr.Resolver;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.catalog.SystemCatalogs;

/**
 * pg_get_expr and pg_get_constraintdef: the catalog keeps defaults and CHECK expressions as the
 * SQL text the user wrote; these print them the way PostgreSQL's ruleutils prints the analysed
 * expression. Constants carry their type ({@code 'x'::text}, {@code '-1'::integer},
 * {@code 0::numeric}; int4 and numbers with a point bare), implicit casts are shown inside
 * operator arguments ({@code y > 0::double precision}) and hidden at the top, negative numbers
 * are constants, IN lists become {@code = ANY (ARRAY[...])}, SQL value functions are upper
 * case. Pretty mode (psql's) drops the parentheses PostgreSQL's pretty mode drops; the plain
 * mode wraps every operator. Expressions outside what is handled here raise 0A000.
 */
final class RuleUtils {
    private final SessionContext session;
    private final List<RelationDescriptor.Column> columns;
    private final boolean pretty;

    /** Column references of a query over several relations (view definitions); null: the one relation's columns. */
    private final ColumnScope scope;

    /**
     * The indentation a CASE starts its lines at (ruleutils' indentLevel, pretty-indent is always on
     * here): 8 inside a view's query, 0 in a lone expression; a CASE's WHEN/ELSE lines are 4 deeper.
     */
    private int indent;

    /** Resolves a column reference to its printed form (qualified by its FROM item) and type; null if unknown. */
    interface ColumnScope {
        ScopedColumn find(SqlIdentifier id);
    }

    record ScopedColumn(String text, PgType type, int typmod) {}

    private RuleUtils(SessionContext session, List<RelationDescriptor.Column> columns, boolean pretty) {
        this(session, columns, pretty, null);
    }

    private RuleUtils(SessionContext session, List<RelationDescriptor.Column> columns, boolean pretty, ColumnScope scope) {
        this.session = session;
        this.columns = columns;
        this.pretty = pretty;
        this.scope = scope;
    }

    /**
     * An expression of a view's query (ViewDefinition): columns through {@code scope}; an untyped
     * literal at the top takes {@code type} (the view column's), when given.
     */
    static String queryExpression(SessionContext s, SqlNode node, ColumnScope scope, boolean pretty, PgType type) {
        RuleUtils r = new RuleUtils(s, List.of(), pretty, scope);
        r.indent = QUERY_INDENT;
        Out o = r.deparse(node);
        if (o.unknown) {
            if (type == null) {
                throw unsupported("an untyped literal");
            }
            return constText(o.text, type, -1);
        }
        return o.text;
    }

    /** ruleutils' indentation of a SELECT's expressions (PRETTYINDENT_STD). */
    private static final int QUERY_INDENT = 8;

    /**
     * ruleutils removes the spaces at the end of its buffer before it starts a new line (a CASE
     * after {@code WHERE } or {@code = }); the deparsers here build pieces independently, so the
     * finished text gets the same treatment, outside quoted literals and identifiers.
     */
    static String trimBeforeNewlines(String text) {
        if (text == null || text.indexOf('\n') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0; // a doubled quote re-opens at the next character: same result
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '\n') {
                int end = out.length();
                while (end > 0 && out.charAt(end - 1) == ' ') {
                    end--;
                }
                out.setLength(end);
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** Whether the deparsed node is a plain column or constant (no parentheses needed around it). */
    static boolean isSimple(SqlNode node) {
        return node instanceof SqlIdentifier || node instanceof SqlLiteral;
    }

    /** pg_get_expr(text, relation): the stored text of a default or check, deparsed. */
    static String expression(SessionContext s, String text, int relid, boolean pretty) {
        RelationDescriptor rel = relid == 0 ? null : s.database().catalog().relation(s.database().transaction(), relid);
        if (relid != 0 && rel == null) {
            return null;
        }
        RuleUtils r = new RuleUtils(s, rel == null ? List.of() : rel.columns(), pretty);
        SqlNode node = ExpressionText.parse(text);
        return trimBeforeNewlines(r.top(node, rel == null ? null : defaultType(rel, text)));
    }

    /**
     * The type an untyped literal default takes: that of the column whose stored default this
     * text is (pg_get_expr gets only the text and the relation, where PostgreSQL's stored tree
     * already carries the type). Null when no column, or columns of different types, have it.
     */
    private static RelationDescriptor.Column defaultType(RelationDescriptor rel, String text) {
        RelationDescriptor.Column found = null;
        for (RelationDescriptor.Column c : rel.columns()) {
            if (!c.dropped() && text.equals(c.defaultExpr())) {
                if (found != null && (found.typeOid() != c.typeOid())) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    static String expression(SessionContext s, String text, int relid) {
        return expression(s, text, relid, false);
    }

    /** pg_get_constraintdef: CHECK (...), PRIMARY KEY (...), UNIQUE (...). */
    static String constraint(SessionContext s, int oid, boolean pretty) {
        CatalogTable t = SystemCatalogs.PG_CONSTRAINT;
        Object[] row = CatalogAccess.row(s, t, "oid", oid);
        if (row == null) {
            return null;
        }
        char type = (char) (byte) (Byte) row[t.col("contype")];
        int relid = (Integer) row[t.col("conrelid")];
        RelationDescriptor rel = s.database().catalog().relation(s.database().transaction(), relid);
        switch (type) {
            case 'c': {
                String body = new RuleUtils(s, rel.columns(), pretty).top(ExpressionText.parse((String) row[t.col("conbin")]), null);
                // a CASE starts on its own line and is not wrapped (jdbcmeta)
                boolean bare = pretty || body.startsWith("(") || body.startsWith("\n");
                return trimBeforeNewlines("CHECK (" + (bare ? body : "(" + body + ")") + ")");
            }
            case 'p':
            case 'u': {
                List<String> names = new ArrayList<>();
                String keys = (String) row[t.col("conkey")];
                for (String k : keys.substring(1, keys.length() - 1).split(",")) {
                    names.add(CatalogAccess.quoteIdent(rel.columns().get(Integer.parseInt(k.trim()) - 1).name()));
                }
                return (type == 'p' ? "PRIMARY KEY (" : "UNIQUE (") + String.join(", ", names) + ")";
            }
            default:
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "pg_get_constraintdef of constraint type '" + type
                        + "' is not supported");
        }
    }

    static String constraint(SessionContext s, int oid) {
        return constraint(s, oid, false);
    }

    // ------------------------------------------------------------------ typed expression tree

    /** A deparsed node: its text, type, and what kind of node it is (for parentheses). */
    private record Out(String text, PgType type, int typmod, Kind kind, String op, boolean unknown) {}

    private enum Kind { SIMPLE, CONST, OP, AND, OR, NOT, TEST, ANY }

    /** The whole expression; an untyped literal takes the column's type (bpchar and varchar without typmod). */
    private String top(SqlNode node, RelationDescriptor.Column column) {
        Out o = deparse(node);
        if (o.unknown) {
            if (column == null) {
                throw unsupported("an untyped literal whose column is not known");
            }
            PgType type = PgTypes.byOid(column.typeOid());
            if (type == null) {
                throw unsupported("a default of type " + column.typeOid());
            }
            return constText(o.text, type, -1);
        }
        return o.text;
    }

    private Out deparse(SqlNode n) {
        if (n instanceof SqlIdentifier id && scope != null) {
            ScopedColumn c = scope.find(id);
            if (c != null) {
                return new Out(c.text(), c.type(), c.typmod(), Kind.SIMPLE, null, false);
            }
        }
        if (n instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            for (RelationDescriptor.Column c : columns) {
                if (!c.dropped() && c.name().equals(name)) {
                    return new Out(CatalogAccess.quoteIdent(name), PgTypes.byOid(c.typeOid()), c.typmod(), Kind.SIMPLE, null, false);
                }
            }
            String fn = name.toLowerCase(Locale.ROOT);
            switch (fn) {
                case "current_date": return new Out("CURRENT_DATE", PgTypes.DATE, -1, Kind.SIMPLE, null, false);
                case "current_timestamp": return new Out("CURRENT_TIMESTAMP", PgTypes.TIMESTAMPTZ, -1, Kind.SIMPLE, null, false);
                case "localtimestamp": return new Out("LOCALTIMESTAMP", PgTypes.TIMESTAMP, -1, Kind.SIMPLE, null, false);
                case "current_time": throw unsupported("CURRENT_TIME");
                case "localtime": return new Out("LOCALTIME", PgTypes.TIME, -1, Kind.SIMPLE, null, false);
                case "current_user": return new Out("CURRENT_USER", PgTypes.NAME, -1, Kind.SIMPLE, null, false);
                case "session_user": return new Out("SESSION_USER", PgTypes.NAME, -1, Kind.SIMPLE, null, false);
                case "user": return new Out("CURRENT_USER", PgTypes.NAME, -1, Kind.SIMPLE, null, false);
                default: throw unsupported("column reference " + name);
            }
        }
        if (n instanceof SqlNumericLiteral lit) {
            Typed t = numberType(lit);
            return new Out(numberText(lit.toValue(), t.type), t.type, -1, Kind.CONST, null, false);
        }
        if (n instanceof SqlLiteral lit) {
            switch (lit.getTypeName()) {
                case NULL: return new Out("NULL", PgTypes.UNKNOWN, -1, Kind.CONST, null, true);
                case BOOLEAN: return new Out(Boolean.TRUE.equals(lit.getValue()) ? "true" : "false", PgTypes.BOOL, -1,
                        Kind.CONST, null, false);
                case CHAR: return new Out(lit.getValueAs(String.class), PgTypes.UNKNOWN, -1, Kind.CONST, null, true);
                default: throw unsupported("literal " + lit.getTypeName());
            }
        }
        if (!(n instanceof SqlCall call)) {
            throw unsupported(n.getKind().toString());
        }
        List<SqlNode> ops = call.getOperandList();
        String opName = call.getOperator().getName();
        switch (call.getKind()) {
            case AND:
            case OR: {
                Kind k = call.getKind() == SqlKind.AND ? Kind.AND : Kind.OR;
                List<String> parts = new ArrayList<>();
                // PostgreSQL's grammar flattens a AND b AND c (a left operand of the same kind) into one list
                List<SqlNode> flat = new ArrayList<>(ops);
                while (flat.get(0).getKind() == call.getKind()) {
                    List<SqlNode> inner = ((SqlCall) flat.remove(0)).getOperandList();
                    flat.addAll(0, inner);
                }
                for (SqlNode o : flat) {
                    Out a = deparse(o);
                    parts.add(childOfBool(a, k));
                }
                String body = String.join(k == Kind.AND ? " AND " : " OR ", parts);
                return new Out(pretty ? body : "(" + body + ")", PgTypes.BOOL, -1, k, null, false);
            }
            case NOT: {
                Out a = deparse(ops.get(0));
                return new Out(pretty ? "NOT " + childOfBool(a, Kind.NOT) : "(NOT " + a.text + ")", PgTypes.BOOL, -1,
                        Kind.NOT, null, false);
            }
            case IS_NULL:
            case IS_NOT_NULL: {
                Out a = deparse(ops.get(0));
                String arg = pretty && a.kind != Kind.SIMPLE && a.kind != Kind.CONST ? "(" + a.text + ")" : a.text;
                String body = arg + (call.getKind() == SqlKind.IS_NULL ? " IS NULL" : " IS NOT NULL");
                return new Out(pretty ? body : "(" + body + ")", PgTypes.BOOL, -1, Kind.TEST, null, false);
            }
            case MINUS_PREFIX:
                if (ops.get(0) instanceof SqlNumericLiteral lit) {
                    Typed t = numberType(lit);
                    String v = "-" + lit.toValue();
                    return new Out(literal(v, t.type, -1), t.type, -1, Kind.CONST, null, false);
                }
                return operator("-", null, ops.get(0));
            case CAST: {
                Out a = deparse(ops.get(0));
                SqlDataTypeSpec spec = (SqlDataTypeSpec) ops.get(1);
                ExpressionAnalyzer.TypeRef target = new ExpressionAnalyzer(ExpressionText.NO_POSITIONS, new ArrayList<>())
                        .typeOf(spec);
                if (a.unknown) {
                    // a cast of an untyped literal is a constant of the target type
                    return new Out(constText(a.text, target.type(), target.typmod()), target.type(), target.typmod(),
                            Kind.CONST, null, false);
                }
                return new Out(cast(a, target.type(), target.typmod()), target.type(), target.typmod(), Kind.SIMPLE, null, false);
            }
            case LIKE:
                if (call.getOperator() instanceof org.apache.calcite.sql.fun.SqlLikeOperator like && ops.size() == 2) {
                    String sym = (like.isNegated() ? "!" : "") + (like.isCaseSensitive() ? "~~" : "~~*");
                    return operator(sym, ops.get(0), ops.get(1));
                }
                throw unsupported("LIKE ... ESCAPE");
            case BETWEEN: {
                // x BETWEEN a AND b is stored as x >= a AND x <= b (NOT: x < a OR x > b)
                boolean negated = ((org.apache.calcite.sql.fun.SqlBetweenOperator) call.getOperator()).isNegated();
                if (((org.apache.calcite.sql.fun.SqlBetweenOperator) call.getOperator()).flag
                        == org.apache.calcite.sql.fun.SqlBetweenOperator.Flag.SYMMETRIC) {
                    throw unsupported("BETWEEN SYMMETRIC");
                }
                Out lo = operator(negated ? "<" : ">=", ops.get(0), ops.get(1));
                Out hi = operator(negated ? ">" : "<=", ops.get(0), ops.get(2));
                Kind k = negated ? Kind.OR : Kind.AND;
                String body = childOfBool(lo, k) + (negated ? " OR " : " AND ") + childOfBool(hi, k);
                return new Out(pretty ? body : "(" + body + ")", PgTypes.BOOL, -1, k, null, false);
            }
            case CASE:
                return caseExpr((org.apache.calcite.sql.fun.SqlCase) call);
            case COALESCE:
                return coalesce(ops);
            case IN:
            case NOT_IN:
                return inList(call.getKind() == SqlKind.NOT_IN, ops);
            case EQUALS: case NOT_EQUALS: case LESS_THAN: case LESS_THAN_OR_EQUAL: case GREATER_THAN:
            case GREATER_THAN_OR_EQUAL: case PLUS: case MINUS: case TIMES: case DIVIDE: case MOD:
                return operator(opName.equals("!=") ? "<>" : opName, ops.get(0), ops.get(1));
            default:
                break;
        }
        if (opName.equals("||") && ops.size() == 2) {
            return operator("||", ops.get(0), ops.get(1));
        }
        if (call.getOperator() instanceof org.apache.calcite.sql.SqlFunction) {
            String fn = opName.toLowerCase(Locale.ROOT);
            if (fn.equals("coalesce")) {
                return coalesce(ops);
            }
            if (scope != null && (fn.equals("count") || fn.equals("sum") || fn.equals("avg") || fn.equals("min")
                    || fn.equals("max"))) {
                return aggregate(fn, ops, call.getFunctionQuantifier() != null);
            }
            if (call.getFunctionQuantifier() != null) {
                throw unsupported("DISTINCT in " + fn);
            }
            return function(fn, ops);
        }
        throw unsupported("operator " + opName);
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "deparsing " + what + " is not supported");
    }

    private static Typed numberType(SqlNumericLiteral lit) {
        java.math.BigDecimal v = lit.getValueAs(java.math.BigDecimal.class);
        boolean integral = lit.isExact() && v.scale() <= 0 && !lit.toString().contains(".");
        if (integral && v.toBigInteger().bitLength() < 32) {
            return Typed.constant(PgTypes.INT4, -1, v.intValueExact());
        }
        if (integral && v.toBigInteger().bitLength() < 64) {
            return Typed.constant(PgTypes.INT8, -1, v.longValueExact());
        }
        return Typed.constant(PgTypes.NUMERIC, -1, v);
    }

    /** A number constant of its own type: int4 and numerics with a point bare, others labelled. */
    private static String numberText(String v, PgType type) {
        if (v.startsWith("-")) {
            return literal(v, type, -1);
        }
        if (type == PgTypes.INT4) {
            return v;
        }
        if (type == PgTypes.NUMERIC && (v.contains(".") || v.contains("e") || v.contains("E"))) {
            return v;
        }
        return v + "::" + FormatType.name(type, -1);
    }

    /** A constant of a given type written from its text (get_const_expr). */
    private static String constText(String v, PgType type, int typmod) {
        if (type == PgTypes.INT4 && !v.isEmpty() && Character.isDigit(v.charAt(0)) && v.chars().allMatch(Character::isDigit)) {
            return v;
        }
        if (type == PgTypes.NUMERIC && !v.isEmpty() && Character.isDigit(v.charAt(0))
                && v.chars().allMatch(ch -> "0123456789+-eE.".indexOf(ch) >= 0)) {
            return v.contains(".") || v.contains("e") || v.contains("E") ? v : v + "::numeric";
        }
        if (type == PgTypes.BOOL) {
            return v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true") ? "true" : "false";
        }
        return literal(v, type, typmod);
    }

    private static String literal(String v, PgType type, int typmod) {
        return "'" + v.replace("'", "''") + "'::" + FormatType.name(type, typmod);
    }

    /** An implicit or explicit cast of a non-constant: x::type (pretty) or (x)::type. */
    private String cast(Out a, PgType type, int typmod) {
        if (pretty && a.kind == Kind.CONST && !a.unknown && !a.text.startsWith("'") && !a.text.contains("::")) {
            return a.text + "::" + FormatType.name(type, typmod);
        }
        String arg = pretty && (a.kind == Kind.SIMPLE || a.kind == Kind.CONST) ? a.text : "(" + a.text + ")";
        return arg + "::" + FormatType.name(type, typmod);
    }

    private String childOfBool(Out a, Kind parent) {
        boolean simple = switch (a.kind) {
            case SIMPLE, CONST, OP, TEST -> true;
            case ANY -> false;
            case NOT, AND -> parent == Kind.AND || parent == Kind.OR;
            case OR -> parent == Kind.OR;
        };
        return pretty && !simple ? "(" + a.text + ")" : a.text;
    }

    private static Typed typedArg(Out o) {
        return o.unknown ? Typed.unknownLiteral(o.text.equals("NULL") ? null : o.text) : Typed.constant(o.type, o.typmod, null);
    }

    /** An argument as the resolved operator/function takes it: constants typed, implicit casts shown. */
    private String argument(Out o, PgType wanted) {
        if (o.unknown) {
            return o.text.equals("NULL") ? "NULL::" + FormatType.name(wanted, -1) : constText(o.text, wanted, -1);
        }
        if (o.type == wanted || wanted == null || wanted == PgTypes.UNKNOWN) {
            return o.text;
        }
        return cast(o, wanted, -1);
    }

    private Out operator(String op, SqlNode left, SqlNode right) {
        Out r = deparse(right);
        if (left == null) {
            FunctionDef f = Resolver.resolve(op, List.of(typedArg(r)), true);
            String arg = argument(r, f.args()[0]);
            return new Out(pretty ? op + " " + arg : "(" + op + " " + arg + ")", f.result(), -1, Kind.OP, op, false);
        }
        Out l = deparse(left);
        FunctionDef f = Resolver.resolve(op, List.of(typedArg(l), typedArg(r)), true);
        String ls = argument(l, f.args()[0]);
        String rs = argument(r, f.args()[1]);
        if (pretty) {
            ls = needsParens(l, op, true) ? "(" + ls + ")" : ls;
            rs = needsParens(r, op, false) ? "(" + rs + ")" : rs;
            return new Out(ls + " " + op + " " + rs, f.result(), -1, Kind.OP, op, false);
        }
        return new Out("(" + ls + " " + op + " " + rs + ")", f.result(), -1, Kind.OP, op, false);
    }

    /** Pretty mode: an operator child needs parentheses unless it binds tighter (+- under * / %, or the left of equals). */
    private static boolean needsParens(Out child, String parentOp, boolean leftChild) {
        if (child.kind != Kind.OP && child.kind != Kind.AND && child.kind != Kind.OR && child.kind != Kind.NOT
                && child.kind != Kind.TEST && child.kind != Kind.ANY) {
            return false;
        }
        if (child.kind != Kind.OP || child.op == null) {
            return true;
        }
        boolean childLo = child.op.equals("+") || child.op.equals("-");
        boolean childHi = child.op.equals("*") || child.op.equals("/") || child.op.equals("%");
        boolean parentLo = parentOp.equals("+") || parentOp.equals("-");
        boolean parentHi = parentOp.equals("*") || parentOp.equals("/") || parentOp.equals("%");
        if (!(childLo || childHi) || !(parentLo || parentHi)) {
            return true;
        }
        if (childHi && parentLo) {
            return false;
        }
        if (childLo && parentHi) {
            return true;
        }
        return !leftChild;
    }

    private Out function(String name, List<SqlNode> ops) {
        return function(name, ops, null);
    }

    /**
     * The aggregates views use most: count, sum, avg, min, max, with their result types as
     * PostgreSQL resolves them (sum of int2/int4 is bigint, of int8 numeric; avg of integers and
     * numeric is numeric, of floats double precision).
     */
    private Out aggregate(String name, List<SqlNode> ops, boolean distinct) {
        String q = distinct ? "DISTINCT " : "";
        if (name.equals("count") && (ops.isEmpty() || (ops.size() == 1 && ops.get(0) instanceof SqlIdentifier id && id.isStar()))) {
            return new Out("count(*)", PgTypes.INT8, -1, Kind.SIMPLE, null, false);
        }
        if (ops.size() != 1) {
            throw unsupported("aggregate " + name + " with " + ops.size() + " arguments");
        }
        Out a = deparse(ops.get(0));
        if (a.unknown) {
            throw unsupported("an aggregate of an untyped literal");
        }
        PgType t = a.type;
        PgType result;
        switch (name) {
            case "count": result = PgTypes.INT8; break;
            case "min": case "max": result = t; break;
            case "sum":
                result = t == PgTypes.INT2 || t == PgTypes.INT4 ? PgTypes.INT8
                        : t == PgTypes.INT8 || t == PgTypes.NUMERIC ? PgTypes.NUMERIC
                        : t == PgTypes.FLOAT4 || t == PgTypes.FLOAT8 || t == PgTypes.INTERVAL ? t : null;
                break;
            case "avg":
                result = t == PgTypes.INT2 || t == PgTypes.INT4 || t == PgTypes.INT8 || t == PgTypes.NUMERIC ? PgTypes.NUMERIC
                        : t == PgTypes.FLOAT4 || t == PgTypes.FLOAT8 ? PgTypes.FLOAT8 : t == PgTypes.INTERVAL ? t : null;
                break;
            default: throw unsupported("aggregate " + name);
        }
        if (result == null) {
            throw unsupported(name + " of " + FormatType.name(t, -1));
        }
        return new Out(name + "(" + q + a.text + ")", result, -1, Kind.SIMPLE, null, false);
    }

    private Out function(String name, List<SqlNode> ops, Object unused) {
        List<Out> args = new ArrayList<>();
        for (SqlNode o : ops) {
            args.add(deparse(o));
        }
        // sequence functions take regclass in PostgreSQL: the name prints as a regclass constant
        if ((name.equals("nextval") || name.equals("currval")) && args.size() == 1 && args.get(0).unknown) {
            // the name as regclass output shows it: qualified only when not visible on search_path
            String shown = args.get(0).text;
            try {
                shown = CatalogAccess.regclassOut(session, CatalogAccess.regclassIn(session, shown));
            } catch (PgException missing) {
                // a sequence that no longer exists keeps the stored text
            }
            return new Out(name + "(" + literal(shown, PgTypes.REGCLASS, -1) + ")", PgTypes.INT8, -1,
                    Kind.SIMPLE, null, false);
        }
        List<Typed> typed = new ArrayList<>();
        for (Out a : args) {
            typed.add(typedArg(a));
        }
        FunctionDef f = Resolver.resolve(name, typed, false);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            texts.add(argument(args.get(i), f.args()[i]));
        }
        return new Out(CatalogAccess.quoteIdent(name) + "(" + String.join(", ", texts) + ")", f.result(), -1, Kind.SIMPLE,
                null, false);
    }

    /** COALESCE(a, b, ...): untyped arguments take the type of the typed ones (all of one type here). */
    private Out coalesce(List<SqlNode> ops) {
        List<Out> args = new ArrayList<>();
        PgType type = null;
        int typmod = -1;
        for (SqlNode o : ops) {
            Out a = deparse(o);
            args.add(a);
            if (!a.unknown) {
                if (type != null && type != a.type) {
                    throw unsupported("COALESCE over different types");
                }
                typmod = type == null ? a.typmod : typmod == a.typmod ? typmod : -1;
                type = a.type;
            }
        }
        if (type == null) {
            type = PgTypes.TEXT;
        }
        List<String> texts = new ArrayList<>();
        for (Out a : args) {
            texts.add(a.unknown ? (a.text.equals("NULL") ? "NULL::" + FormatType.name(type, -1) : constText(a.text, type, -1)) : a.text);
        }
        return new Out("COALESCE(" + String.join(", ", texts) + ")", type, typmod, Kind.SIMPLE, null, false);
    }

    /**
     * CASE as ruleutils prints it (always pretty-indented): {@code CASE} on a new line at the
     * current indentation, each {@code WHEN c THEN r} and the {@code ELSE} on lines 4 deeper,
     * {@code END} back at the CASE's. A missing ELSE is shown as the NULL constant PostgreSQL's
     * parser puts there. Results take the CASE's common type: untyped literals become constants of
     * it, other results show their implicit casts. In the simple form {@code CASE x WHEN v} only
     * v is shown, with the coercion the = operator gives it, implicit casts of a non-constant hidden.
     */
    private Out caseExpr(org.apache.calcite.sql.fun.SqlCase c) {
        int level = indent;
        indent = level + 4;
        try {
            SqlNode value = switchedValue(c);
            Out arg = value == null ? null : deparse(value);
            List<Out> conditions = new ArrayList<>();
            for (SqlNode w : c.getWhenOperands()) {
                Out cond = deparse(value == null ? w : ((SqlCall) w).operand(1));
                if (arg != null) {
                    FunctionDef eq = Resolver.resolve("=", List.of(typedArg(arg), typedArg(cond)), true);
                    String text = cond.unknown ? argument(cond, eq.args()[1]) : cond.text;
                    cond = new Out(text, eq.args()[1], -1, cond.kind, cond.op, false);
                }
                conditions.add(cond);
            }
            List<Out> results = new ArrayList<>();
            for (SqlNode r : c.getThenOperands()) {
                results.add(deparse(r));
            }
            SqlNode elseNode = c.getElseOperand();
            boolean noElse = elseNode == null || (elseNode instanceof SqlLiteral l && l.getTypeName()
                    == org.apache.calcite.sql.type.SqlTypeName.NULL);
            results.add(noElse ? new Out("NULL", PgTypes.UNKNOWN, -1, Kind.CONST, null, true) : deparse(elseNode));
            List<Typed> typed = new ArrayList<>();
            for (Out r : results) {
                typed.add(typedArg(r));
            }
            ExpressionAnalyzer.TypeRef common = new ExpressionAnalyzer(ExpressionText.NO_POSITIONS, new ArrayList<>())
                    .commonType(typed, "CASE", c);
            PgType type = common.type() == PgTypes.UNKNOWN ? PgTypes.TEXT : common.type();
            String inner = "\n" + " ".repeat(level + 4);
            StringBuilder sb = new StringBuilder("\n").append(" ".repeat(level)).append("CASE");
            if (arg != null) {
                sb.append(' ').append(arg.text);
            }
            for (int i = 0; i < conditions.size(); i++) {
                sb.append(inner).append("WHEN ").append(conditions.get(i).text).append(" THEN ")
                        .append(argument(results.get(i), type));
            }
            sb.append(inner).append("ELSE ").append(argument(results.get(results.size() - 1), type));
            sb.append("\n").append(" ".repeat(level)).append("END");
            int typmod = -1;
            return new Out(sb.toString(), type, typmod, Kind.SIMPLE, null, false);
        } finally {
            indent = level;
        }
    }

    /**
     * The x of a simple {@code CASE x WHEN v ...}, or null for a searched CASE. Calcite's parser
     * turns the simple form into {@code WHEN x = v} conditions that share one x node and carry the
     * whole CASE's position; a condition the user wrote has its own position.
     */
    private static SqlNode switchedValue(org.apache.calcite.sql.fun.SqlCase c) {
        SqlNode value = null;
        for (SqlNode w : c.getWhenOperands()) {
            if (!(w instanceof SqlCall eq) || eq.getKind() != SqlKind.EQUALS
                    || !eq.getParserPosition().equals(c.getParserPosition())
                    || (value != null && eq.operand(0) != value)) {
                return null;
            }
            value = eq.operand(0);
        }
        return value;
    }

    /** x IN (a, b) as PostgreSQL stores it: x = ANY (ARRAY[a, b]). */
    private Out inList(boolean negated, List<SqlNode> ops) {
        if (!(ops.get(1) instanceof SqlNodeList list)) {
            throw unsupported("IN with a subquery");
        }
        Out l = deparse(ops.get(0));
        List<String> items = new ArrayList<>();
        for (SqlNode item : list) {
            Out o = deparse(item);
            FunctionDef f = Resolver.resolve("=", List.of(typedArg(l), typedArg(o)), true);
            items.add(argument(o, f.args()[1]));
        }
        String body = l.text + (negated ? " <> ALL (ARRAY[" : " = ANY (ARRAY[") + String.join(", ", items) + "])";
        return new Out(pretty ? body : "(" + body + ")", PgTypes.BOOL, -1, Kind.ANY, "= ANY", false);
    }
}
