package org.pgmini.executor.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.NumericType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Parse analysis of one expression with PostgreSQL's rules: literal typing (unknown for quoted
 * strings, int4/int8/numeric for numbers), operator and function resolution through
 * {@link Resolver}, casts through {@link Casts}, three-valued boolean logic, CASE/COALESCE/NULLIF
 * with common-type resolution. The result is a {@link Typed} whose closure evaluates it.
 * One instance per statement analysis (it holds the parameter slots); not thread-safe.
 */
public final class ExpressionAnalyzer {
    private final PositionMapper positions;
    private final List<ParamSlot> params;
    private Scope scope = Scope.EMPTY;
    /** Multi-relation name resolution and aggregate substitution (package exec); null: {@link #scope} alone. */
    private Hook hook;

    /**
     * Lets a query planner take over parts of analysis: {@link #intercept} sees every node first
     * (aggregate calls, GROUP BY expressions), {@link #column} resolves column references over
     * several FROM items, {@link #columnNotFound} raises the right error when nothing matched.
     */
    public interface Hook {
        /** A replacement for this node's analysis, or null to analyze it normally. */
        Typed intercept(SqlNode node);

        /** The column this identifier names, or null (then SQL's niladic functions are tried). */
        Typed column(SqlIdentifier id);

        /** Raises 42703/42P01 (or another error) for an identifier that names nothing. */
        PgException columnNotFound(SqlIdentifier id);
    }

    public void setHook(Hook hook) {
        this.hook = hook;
    }

    public Hook hook() {
        return hook;
    }

    /** Maps a parser position to PostgreSQL's 1-based character position in the query string. */
    public interface PositionMapper {
        int position(SqlParserPos pos);

        /** 1-based position just after the node's last character. */
        int endPosition(SqlParserPos pos);

        /** The whole query string the positions refer to. */
        String source();
    }

    /**
     * Where an infix operator was written: Calcite keeps only the call's span (which starts
     * at the left operand), so look for the operator's text after the left operand.
     */
    int operatorPosition(SqlNode left, String symbol, SqlNode call) {
        int from = positions.endPosition(left.getParserPosition());
        String src = positions.source();
        if (from > 0 && from - 1 <= src.length()) {
            int i = src.indexOf(symbol, from - 1);
            if (i >= 0) {
                return i + 1;
            }
        }
        return pos(call);
    }

    public ExpressionAnalyzer(PositionMapper positions, List<ParamSlot> params) {
        this.positions = positions;
        this.params = params;
    }

    public void setScope(Scope scope) {
        this.scope = scope;
    }

    int pos(SqlNode n) {
        return positions.position(n.getParserPosition());
    }

    /** 1-based position just after the node (for finding a keyword written after it). */
    int endPosition(SqlNode n) {
        return positions.endPosition(n.getParserPosition());
    }

    /** The query text positions refer to. */
    String source() {
        return positions.source();
    }

    public Typed analyze(SqlNode node) {
        try {
            return analyzeNode(node);
        } catch (PgException e) {
            if (e.position() == 0 && (SqlState.INVALID_TEXT_REPRESENTATION.equals(e.sqlState())
                    || SqlState.CANNOT_COERCE.equals(e.sqlState()))) {
                throw e.withPosition(pos(node));
            }
            throw e;
        }
    }

    private Typed analyzeNode(SqlNode node) {
        if (hook != null) {
            Typed replaced = hook.intercept(node);
            if (replaced != null) {
                return replaced;
            }
        }
        if (node instanceof SqlLiteral) {
            return literal((SqlLiteral) node);
        }
        if (node instanceof SqlDynamicParam) {
            return param((SqlDynamicParam) node);
        }
        if (node instanceof SqlIdentifier) {
            return column((SqlIdentifier) node);
        }
        if (node instanceof SqlCase) {
            return caseExpr((SqlCase) node);
        }
        if (node instanceof SqlCall) {
            return call((SqlCall) node);
        }
        throw unsupported("expression " + node.getKind(), node);
    }

    PgException unsupported(String what, SqlNode node) {
        return PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported", pos(node));
    }

    private Typed literal(SqlLiteral lit) {
        if (lit instanceof org.apache.calcite.sql.SqlUnknownLiteral typedLiteral) {
            return DateTimeSyntax.typedLiteral(typedLiteral, pos(lit));
        }
        SqlTypeName t = lit.getTypeName();
        switch (t) {
            case NULL:
                return Typed.unknownLiteral(null);
            case BOOLEAN:
                if (lit.getValue() == null) {
                    // Calcite's UNKNOWN literal; PostgreSQL has none, so it is a column name there
                    throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"unknown\" does not exist", pos(lit));
                }
                return Typed.constant(PgTypes.BOOL, -1, lit.booleanValue());
            case CHAR:
                return Typed.unknownLiteral(lit.getValueAs(String.class), pos(lit));
            case DECIMAL:
            case DOUBLE:
            case REAL:
            case INTEGER:
            case BIGINT:
                return numberLiteral(lit);
            default:
                throw unsupported("literal of type " + t, lit);
        }
    }

    private static Typed numberLiteral(SqlLiteral lit) {
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        boolean integral = lit instanceof SqlNumericLiteral && ((SqlNumericLiteral) lit).isExact()
                && v.scale() <= 0 && !lit.toString().contains(".");
        if (integral) {
            if (v.toBigInteger().bitLength() < 32) {
                return Typed.constant(PgTypes.INT4, -1, v.intValueExact());
            }
            if (v.toBigInteger().bitLength() < 64) {
                return Typed.constant(PgTypes.INT8, -1, v.longValueExact());
            }
        }
        return Typed.constant(PgTypes.NUMERIC, -1, NumericType.normalize(v));
    }

    private Typed param(SqlDynamicParam p) {
        int index = p.getIndex();
        if (index < 0) {
            throw PgException.atPosition(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (index + 1), pos(p));
        }
        while (params.size() <= index) {
            params.add(new ParamSlot(params.size(), null));
        }
        ParamSlot slot = params.get(index);
        slot.referenced = true;
        if (slot.firstPosition == 0) {
            slot.firstPosition = pos(p);
        }
        if (slot.type != null) {
            return new Typed(slot.type, -1, c -> c.params[index], false);
        }
        return Typed.untypedParam(slot);
    }

    private Typed column(SqlIdentifier id) {
        if (hook != null) {
            Typed found = hook.column(id);
            if (found != null) {
                return found;
            }
            if (id.names.size() == 1 && NILADIC.contains(id.names.get(0).toLowerCase(Locale.ROOT)) && !id.isComponentQuoted(0)) {
                String n = id.names.get(0).toLowerCase(Locale.ROOT);
                return Resolver.call(n.equals("user") ? "current_user" : n, List.of(), false, pos(id));
            }
            throw hook.columnNotFound(id);
        }
        String name = id.names.get(id.names.size() - 1);
        if (id.names.size() == 1 || (scope.relation() != null && id.names.size() == 2
                && id.names.get(0).equals(scope.relation()))) {
            int i = scope.indexOf(name);
            if (i >= 0) {
                PgType t = scope.types().get(i);
                return new Typed(t, -1, new ColumnRef(i), false);
            }
        }
        if (id.names.size() == 1 && NILADIC.contains(name.toLowerCase(Locale.ROOT)) && !id.isComponentQuoted(0)) {
            return Resolver.call(name.toLowerCase(Locale.ROOT).equals("user") ? "current_user"
                    : name.toLowerCase(Locale.ROOT), List.of(), false, pos(id));
        }
        if (id.names.size() == 2 && (scope.relation() == null || !id.names.get(0).equals(scope.relation()))) {
            throw PgException.atPosition(SqlState.UNDEFINED_TABLE,
                    "missing FROM-clause entry for table \"" + id.names.get(0) + "\"", pos(id));
        }
        throw PgException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + String.join(".", id.names)
                + "\" does not exist", pos(id));
    }

    /** SQL's functions written without parentheses. */
    private static final java.util.Set<String> NILADIC = java.util.Set.of("current_user", "session_user", "user",
            "current_timestamp", "current_schema", "current_date", "current_time", "localtimestamp", "localtime");

    private Typed call(SqlCall call) {
        SqlKind kind = call.getKind();
        List<SqlNode> ops = call.getOperandList();
        String opName = call.getOperator().getName();
        if (opName.equals("^") && ops.size() == 2) {
            return binary("^", ops, call);
        }
        if (opName.equals("||") && ops.size() == 2) {
            return concat(ops, call);
        }
        if ((opName.equals("&") || opName.equals("<<")) && ops.size() == 2) {
            return binary(opName, ops, call); // jdbcmeta: integer bitwise AND and shift (pgjdbc's indoption & 1)
        }
        if (call.getOperator() instanceof org.pgmini.executor.parser.ast.PgCollateOperator) {
            return PatternMatching.collate(this, call, ops);
        }
        if (call.getOperator() instanceof org.pgmini.executor.parser.ast.PgNamedOperator) {
            return PatternMatching.named(this, call, ops);
        }
        if (call.getOperator() instanceof org.apache.calcite.sql.fun.SqlPosixRegexOperator) {
            return PatternMatching.regex(this, call, ops);
        }
        switch (kind) {
            case CAST:
                if (!(ops.get(1) instanceof SqlDataTypeSpec)) {
                    throw unsupported("interval with a field qualifier", ops.get(1));
                }
                return cast(ops.get(0), (SqlDataTypeSpec) ops.get(1), call);
            case AND:
            case OR:
                return andOr(kind == SqlKind.AND, ops);
            case NOT:
                return not(boolArg(ops.get(0), "NOT"));
            case PLUS: case MINUS: case TIMES: case DIVIDE: case MOD:
            case EQUALS: case NOT_EQUALS: case LESS_THAN: case LESS_THAN_OR_EQUAL:
            case GREATER_THAN: case GREATER_THAN_OR_EQUAL:
                rejectChainedComparison(ops.get(0), call);
                if (kind != SqlKind.PLUS && kind != SqlKind.MINUS && kind != SqlKind.TIMES && kind != SqlKind.DIVIDE
                        && kind != SqlKind.MOD && RowExpressions.isRow(ops.get(0)) && RowExpressions.isRow(ops.get(1))) {
                    // jdbcmeta: (a, b) = (c, d) compares column by column
                    return RowExpressions.compare(this, opName.equals("!=") ? "<>" : opName, (SqlCall) ops.get(0),
                            (SqlCall) ops.get(1), operatorPosition(ops.get(0), opName, call));
                }
                return binary(opName.equals("!=") ? "<>" : opName, ops, call);
            case ROW:
                return RowExpressions.constructor(this, call); // jdbcmeta
            case MINUS_PREFIX:
            case PLUS_PREFIX:
                return Resolver.call(opName, List.of(analyze(ops.get(0))), true, pos(call));
            case OTHER:
                if (opName.equals("||")) {
                    return concat(ops, call);
                }
                if (opName.equals("^")) {
                    return binary("^", ops, call);
                }
                if (call.getOperator() instanceof org.pgmini.executor.parser.ast.PgAtTimeZoneOperator) {
                    return Resolver.call("timezone", List.of(analyze(ops.get(1)), analyze(ops.get(0))), false,
                            operatorPosition(ops.get(0), "AT", call));
                }
                break;
            case IS_NULL:
            case IS_NOT_NULL: {
                Typed operand = analyze(ops.get(0));
                Eval e = operand.eval;
                boolean want = kind == SqlKind.IS_NULL;
                if (operand.type instanceof org.pgmini.executor.types.RecordType) {
                    // jdbcmeta: a record IS NULL when all its columns are, IS NOT NULL when none is
                    return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> RowExpressions.isNull(e.eval(c), want), false));
                }
                return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> (e.eval(c) == null) == want, false));
            }
            case IS_TRUE: case IS_NOT_TRUE: case IS_FALSE: case IS_NOT_FALSE: case IS_UNKNOWN:
                return isTruth(kind, boolArg(ops.get(0), "IS " + kind.name().substring(3).replace('_', ' ')));
            case IS_DISTINCT_FROM:
            case IS_NOT_DISTINCT_FROM:
                return distinct(kind == SqlKind.IS_DISTINCT_FROM, ops, call);
            case BETWEEN:
                return between((SqlBetweenOperator) call.getOperator(), ops, call);
            case IN:
            case NOT_IN:
                return in(kind == SqlKind.NOT_IN, ops, call);
            case LIKE:
                return PatternMatching.like(this, call, ops);
            case SIMILAR:
                return PatternMatching.similar(this, call, ops);
            case EXTRACT:
                return DateTimeSyntax.extract(this, ops, call);
            case COALESCE:
                return coalesce(ops, call);
            case NULLIF:
                return nullif(ops, call);
            case TRIM:
                return trim(ops, call);
            case POSITION:
                if (ops.size() != 2) {
                    throw unsupported("POSITION with FROM", call);
                }
                return Resolver.call("position", List.of(analyze(ops.get(1)), analyze(ops.get(0))), false, pos(call));
            case ARRAY_VALUE_CONSTRUCTOR:
            case ITEM:
            case SOME:
            case ALL:
                return ArrayExpressions.analyze(this, call);
            case DOT:
                return FieldSelection.analyze(this, call); // jdbcmeta: (expr).field
            case LITERAL_CHAIN: {
                StringBuilder sb = new StringBuilder();
                for (SqlNode n : ops) {
                    sb.append(((SqlLiteral) n).getValueAs(String.class));
                }
                return Typed.unknownLiteral(sb.toString(), pos(call));
            }
            default:
                break;
        }
        if (call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION
                || call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION_ID
                || call.getOperator() instanceof org.apache.calcite.sql.SqlFunction) {
            SqlIdentifier fid = call.getOperator() instanceof org.apache.calcite.sql.SqlFunction
                    ? ((org.apache.calcite.sql.SqlFunction) call.getOperator()).getSqlIdentifier() : null;
            boolean quoted = fid != null && fid.isComponentQuoted(fid.names.size() - 1);
            if (fid != null && fid.names.size() > 1 && !(fid.names.size() == 2 && fid.names.get(0).equals("pg_catalog"))) {
                throw PgException.atPosition(SqlState.INVALID_SCHEMA_NAME, "schema \"" + fid.names.get(fid.names.size() - 2)
                        + "\" does not exist", pos(call));
            }
            return function(quoted ? opName : opName.toLowerCase(Locale.ROOT), ops, call);
        }
        throw unsupported("operator " + opName, call);
    }

    private static final java.util.Set<String> AGGREGATES = java.util.Set.of("count", "sum", "avg", "min", "max",
            "bool_and", "bool_or", "every", "string_agg", "array_agg", "stddev", "variance");

    private Typed function(String name, List<SqlNode> ops, SqlCall call) {
        if (AGGREGATES.contains(name)) {
            throw unsupported("aggregate function " + name + "()", call);
        }
        if (call.getFunctionQuantifier() != null) {
            throw unsupported(name + " with " + call.getFunctionQuantifier(), call);
        }
        List<Typed> args = new ArrayList<>();
        for (SqlNode n : ops) {
            args.add(analyze(n));
        }
        if (AGGREGATES.contains(name)) {
            throw unsupported("aggregate function " + name + "()", call);
        }
        if (name.equals("coalesce")) {
            return coalesce(ops, call);
        }
        if (name.equals("nullif") && ops.size() == 2) {
            return nullif(ops, call);
        }
        if ((name.equals("greatest") || name.equals("least")) && !args.isEmpty()) {
            return greatestLeast(name.equals("greatest"), args, call);
        }
        Typed anyArgs = StringFunctions.variadic(name, args, pos(call));
        if (anyArgs != null) {
            return anyArgs;
        }
        PatternMatching.rejectArrayFunctions(this, name, call);
        if (name.equals("pg_typeof") && args.size() == 1) {
            int oid = args.get(0).type.oid();
            return Typed.constant(PgTypes.REGTYPE, -1, oid);
        }
        if (name.equals("substring") && ops.size() >= 2) {
            return Resolver.call("substring", args, false, pos(call));
        }
        return Resolver.call(name, args, false, pos(call));
    }

    /**
     * PostgreSQL's comparison operators do not associate: "a < b < c" is a syntax error there,
     * while Calcite's grammar reads it as "(a < b) < c". A left operand that is itself an
     * unparenthesized comparison is therefore rejected at the second operator.
     */
    private void rejectChainedComparison(SqlNode left, SqlCall call) {
        if (!(left instanceof SqlCall) || !left.getKind().belongsTo(SqlKind.COMPARISON)) {
            return;
        }
        String src = positions.source();
        int first = positions.position(left.getParserPosition()) - 1;
        int last = positions.endPosition(left.getParserPosition()) - 2;
        int before = first - 1;
        while (before >= 0 && Character.isWhitespace(src.charAt(before))) {
            before--;
        }
        boolean wrapped = first >= 0 && last < src.length() && last > first
                && src.charAt(first) == '(' && src.charAt(last) == ')' && closesAt(src, first, last);
        if (wrapped || (before >= 0 && src.charAt(before) == '(')) {
            return;
        }
        String op = call.getOperator().getName();
        int at = operatorPosition(left, op, call);
        throw PgException.atPosition(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + op + "\"", at);
    }

    /** True when the parenthesis opened at {@code open} is closed exactly at {@code close}. */
    private static boolean closesAt(String src, int open, int close) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i <= close; i++) {
            char ch = src.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
                if (depth == 0) {
                    return i == close;
                }
            }
        }
        return false;
    }

    /** GREATEST/LEAST: common type of the arguments, NULLs ignored (NULL only if all are). */
    private Typed greatestLeast(boolean greatest, List<Typed> args, SqlCall call) {
        TypeRef rt = commonType(args, greatest ? "GREATEST" : "LEAST", call);
        Catalog.Comparer cmp = Catalog.INSTANCE.comparerFor(rt.type());
        if (cmp == null) {
            throw PgException.atPosition(SqlState.UNDEFINED_FUNCTION, "could not identify a comparison function for type "
                    + PgTypes.displayName(rt.type()), pos(call));
        }
        Eval[] evals = new Eval[args.size()];
        boolean constant = true;
        for (int i = 0; i < evals.length; i++) {
            Typed t = Casts.coerce(args.get(i), rt.type(), -1, Casts.Context.IMPLICIT);
            evals[i] = t.eval;
            constant &= t.constant;
        }
        return Casts.fold(new Typed(rt.type(), rt.typmod(), c -> {
            Object best = null;
            for (Eval e : evals) {
                Object v = e.eval(c);
                if (v != null && (best == null || (greatest ? cmp.compare(v, best) > 0 : cmp.compare(v, best) < 0))) {
                    best = v;
                }
            }
            return best;
        }, constant));
    }

    private Typed binary(String op, List<SqlNode> ops, SqlCall call) {
        Typed a = analyze(ops.get(0));
        Typed b = analyze(ops.get(1));
        return Resolver.call(op, List.of(a, b), true, operatorPosition(ops.get(0), call.getOperator().getName(), call));
    }

    /** || : text concatenation; a non-string side is converted with its output function (anynonarray || text). */
    private Typed concat(List<SqlNode> ops, SqlCall call) {
        Typed a = analyze(ops.get(0));
        Typed b = analyze(ops.get(1));
        if (a.type instanceof org.pgmini.executor.types.ArrayType || b.type instanceof org.pgmini.executor.types.ArrayType) {
            return Resolver.call("||", List.of(a, b), true, pos(call));
        }
        if ((a.type == PgTypes.BYTEA || a.isUnknown()) && (b.type == PgTypes.BYTEA || b.isUnknown())
                && (a.type == PgTypes.BYTEA || b.type == PgTypes.BYTEA)) {
            return Resolver.call("||", List.of(a, b), true, pos(call));
        }
        boolean aStr = a.isUnknown() || TypeCategory.of(a.type) == TypeCategory.STRING;
        boolean bStr = b.isUnknown() || TypeCategory.of(b.type) == TypeCategory.STRING;
        if (!aStr && !bStr) {
            throw Resolver.undefined("||", new PgType[] {a.type, b.type}, true, pos(call));
        }
        Typed x = Casts.coerce(a, PgTypes.TEXT, -1, Casts.Context.EXPLICIT);
        Typed y = Casts.coerce(b, PgTypes.TEXT, -1, Casts.Context.EXPLICIT);
        return Resolver.call("||", List.of(x, y), true, pos(call));
    }

    public Typed cast(SqlNode operand, SqlDataTypeSpec spec, SqlCall call) {
        TypeRef target = typeOf(spec);
        Typed e = operand.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
                && target.type() instanceof org.pgmini.executor.types.ArrayType at
                ? ArrayExpressions.constructor(this, (SqlCall) operand, at) : analyze(operand);
        try {
            return Casts.coerce(e, target.type(), target.typmod(), Casts.Context.EXPLICIT);
        } catch (PgException ex) {
            if (ex.position() != 0) {
                throw ex;
            }
            // PostgreSQL points at the literal for bad input, at the cast itself otherwise
            if (SqlState.CANNOT_COERCE.equals(ex.sqlState())) {
                boolean infix = call.getOperator().getName().equals("::");
                throw ex.withPosition(infix ? operatorPosition(operand, "::", call) : pos(call));
            }
            throw ex.withPosition(pos(operand));
        }
    }

    /** A resolved type name with its typmod. */
    public record TypeRef(PgType type, int typmod) {}

    public TypeRef typeOf(SqlDataTypeSpec spec) {
        SqlTypeNameSpec ts = spec.getTypeNameSpec();
        if (ts instanceof org.apache.calcite.sql.SqlCollectionTypeNameSpec coll) {
            // type[], type[n] and type ARRAY; more brackets are the same type in PostgreSQL
            SqlTypeNameSpec inner = coll.getElementTypeName();
            while (inner instanceof org.apache.calcite.sql.SqlCollectionTypeNameSpec c2) {
                inner = c2.getElementTypeName();
            }
            if (!coll.getTypeName().getSimple().equalsIgnoreCase("ARRAY")) {
                throw unsupported("type " + coll.getTypeName().getSimple(), spec);
            }
            TypeRef elem = typeOf(new SqlDataTypeSpec(inner, spec.getParserPosition()));
            PgType array = elem.type() instanceof org.pgmini.executor.types.ArrayType ? elem.type() : PgTypes.arrayOf(elem.type());
            if (array == null) {
                throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "type \"" + PgTypes.displayName(elem.type())
                        + "[]\" does not exist", pos(spec));
            }
            return new TypeRef(array, elem.typmod());
        }
        List<String> typeNames = ts.getTypeName().names;
        String name = typeNames.get(typeNames.size() - 1);
        if (ts instanceof SqlBasicTypeNameSpec) {
            SqlBasicTypeNameSpec b = (SqlBasicTypeNameSpec) ts;
            int p = b.getPrecision();
            int s = b.getScale();
            switch (name.toUpperCase(Locale.ROOT)) {
                case "INTEGER": return new TypeRef(PgTypes.INT4, -1);
                case "SMALLINT": return new TypeRef(PgTypes.INT2, -1);
                case "BIGINT": return new TypeRef(PgTypes.INT8, -1);
                case "REAL": return new TypeRef(PgTypes.FLOAT4, -1);
                case "DOUBLE": return new TypeRef(PgTypes.FLOAT8, -1);
                case "FLOAT": return new TypeRef(p > 0 && p <= 24 ? PgTypes.FLOAT4 : PgTypes.FLOAT8, -1);
                case "BOOLEAN": return new TypeRef(PgTypes.BOOL, -1);
                case "DECIMAL":
                case "NUMERIC":
                    return new TypeRef(PgTypes.NUMERIC, p < 0 ? -1 : NumericType.typmod(p, Math.max(s, 0)));
                case "VARCHAR": return new TypeRef(PgTypes.VARCHAR, p < 0 ? -1 : p + 4);
                case "CHAR": return new TypeRef(PgTypes.BPCHAR, (p < 0 ? 1 : p) + 4);
                case "TIMESTAMP_WITH_LOCAL_TIME_ZONE":
                case "TIMESTAMP_TZ":
                    return new TypeRef(PgTypes.TIMESTAMPTZ, p < 0 ? -1 : Math.min(p, 6));
                case "TIMESTAMP": return new TypeRef(PgTypes.TIMESTAMP, p < 0 ? -1 : Math.min(p, 6));
                case "DATE": return new TypeRef(PgTypes.DATE, -1);
                case "TIME_TZ":
                case "TIME_WITH_LOCAL_TIME_ZONE":
                    throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "type time with time zone is not supported",
                            pos(spec));
                case "TIME": return new TypeRef(PgTypes.TIME, p < 0 ? -1 : Math.min(p, 6));
                default:
                    break;
            }
        } else if (spec.getTypeNameSpec().getTypeName().names.size() == 1
                || spec.getTypeNameSpec().getTypeName().names.get(0).equals("pg_catalog")) {
            boolean quoted = ts.getTypeName().isComponentQuoted(typeNames.size() - 1);
            PgType t = PgTypes.byName(quoted && name.equals("char") ? "\"char\"" : name);
            if (t != null && t != PgTypes.UNKNOWN) {
                return new TypeRef(t, -1);
            }
        }
        throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "type \"" + name.toLowerCase(Locale.ROOT)
                + "\" does not exist", pos(spec));
    }

    private Typed boolArg(SqlNode n, String construct) {
        Typed t = analyze(n);
        if (t.isUnknown()) {
            return Casts.coerce(t, PgTypes.BOOL, -1, Casts.Context.IMPLICIT);
        }
        if (t.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "argument of " + construct
                    + " must be type boolean, not type " + PgTypes.displayName(t.type), pos(n));
        }
        return t;
    }

    private Typed andOr(boolean and, List<SqlNode> ops) {
        Typed result = boolArg(ops.get(0), and ? "AND" : "OR");
        for (int i = 1; i < ops.size(); i++) {
            Eval a = result.eval;
            Typed bt = boolArg(ops.get(i), and ? "AND" : "OR");
            Eval b = bt.eval;
            Boolean stop = !and;
            Eval e = c -> {
                Object x = a.eval(c);
                if (stop.equals(x)) {
                    return stop;
                }
                Object y = b.eval(c);
                if (stop.equals(y)) {
                    return stop;
                }
                return x == null || y == null ? null : !stop;
            };
            result = Casts.fold(new Typed(PgTypes.BOOL, -1, e, result.constant && bt.constant));
        }
        return result;
    }

    private static Typed not(Typed t) {
        Eval a = t.eval;
        return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> {
            Object x = a.eval(c);
            return x == null ? null : !(Boolean) x;
        }, t.constant));
    }

    private static Typed isTruth(SqlKind kind, Typed t) {
        Eval a = t.eval;
        Eval e;
        switch (kind) {
            case IS_TRUE: e = c -> Boolean.TRUE.equals(a.eval(c)); break;
            case IS_NOT_TRUE: e = c -> !Boolean.TRUE.equals(a.eval(c)); break;
            case IS_FALSE: e = c -> Boolean.FALSE.equals(a.eval(c)); break;
            case IS_NOT_FALSE: e = c -> !Boolean.FALSE.equals(a.eval(c)); break;
            case IS_UNKNOWN: e = c -> a.eval(c) == null; break;
            default: e = c -> a.eval(c) != null; break;
        }
        return Casts.fold(new Typed(PgTypes.BOOL, -1, e, t.constant));
    }

    private Typed distinct(boolean distinct, List<SqlNode> ops, SqlCall call) {
        Typed a = analyze(ops.get(0));
        Typed b = analyze(ops.get(1));
        if (a.isNullLiteral() || b.isNullLiteral()) {
            Eval ea = a.eval;
            Eval eb = b.eval;
            return new Typed(PgTypes.BOOL, -1, c -> (ea.eval(c) == null) != (eb.eval(c) == null) == distinct
                    || (ea.eval(c) == null && eb.eval(c) == null && !distinct), a.constant && b.constant);
        }
        Typed eq = Resolver.call("=", List.of(a, b), true, pos(call));
        Eval ea = a.eval;
        Eval eb = b.eval;
        Eval eqe = eq.eval;
        return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> {
            Object x = ea.eval(c);
            Object y = eb.eval(c);
            boolean same = x == null || y == null ? x == y : (Boolean) eqe.eval(c);
            return distinct != same;
        }, a.constant && b.constant));
    }

    private Typed between(SqlBetweenOperator op, List<SqlNode> ops, SqlCall call) {
        Typed v = analyze(ops.get(0));
        Typed low = analyze(ops.get(1));
        Typed high = analyze(ops.get(2));
        Typed both = and(Resolver.call(">=", List.of(v, low), true, pos(call)),
                Resolver.call("<=", List.of(v, high), true, pos(call)));
        if (op.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
            Typed swapped = and(Resolver.call(">=", List.of(v, high), true, pos(call)),
                    Resolver.call("<=", List.of(v, low), true, pos(call)));
            both = or(both, swapped);
        }
        return op.isNegated() ? not(both) : both;
    }

    private static Typed and(Typed a, Typed b) {
        Eval x = a.eval;
        Eval y = b.eval;
        return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> {
            Object p = x.eval(c);
            if (Boolean.FALSE.equals(p)) {
                return false;
            }
            Object q = y.eval(c);
            if (Boolean.FALSE.equals(q)) {
                return false;
            }
            return p == null || q == null ? null : true;
        }, a.constant && b.constant));
    }

    private static Typed or(Typed a, Typed b) {
        Eval x = a.eval;
        Eval y = b.eval;
        return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> {
            Object p = x.eval(c);
            if (Boolean.TRUE.equals(p)) {
                return true;
            }
            Object q = y.eval(c);
            if (Boolean.TRUE.equals(q)) {
                return true;
            }
            return p == null || q == null ? null : false;
        }, a.constant && b.constant));
    }

    private Typed in(boolean negated, List<SqlNode> ops, SqlCall call) {
        if (!(ops.get(1) instanceof SqlNodeList)) {
            throw unsupported("IN with a subquery", call);
        }
        Typed v = analyze(ops.get(0));
        List<Typed> items = new ArrayList<>();
        items.add(v);
        for (SqlNode n : (SqlNodeList) ops.get(1)) {
            items.add(analyze(n));
        }
        TypeRef common = commonType(items, "IN", call);
        Typed left = Casts.coerce(v, common.type(), -1, Casts.Context.IMPLICIT);
        List<Eval> tests = new ArrayList<>();
        boolean constant = left.constant;
        for (int i = 1; i < items.size(); i++) {
            Typed right = Casts.coerce(items.get(i), common.type(), -1, Casts.Context.IMPLICIT);
            constant &= right.constant;
            tests.add(Resolver.call("=", List.of(left, right), true, pos(call)).eval);
        }
        Eval[] t = tests.toArray(new Eval[0]);
        Eval e = c -> {
            boolean sawNull = false;
            for (Eval test : t) {
                Object r = test.eval(c);
                if (Boolean.TRUE.equals(r)) {
                    return !negated;
                }
                sawNull |= r == null;
            }
            return sawNull ? null : negated;
        };
        return Casts.fold(new Typed(PgTypes.BOOL, -1, e, constant));
    }

    /**
     * select_common_type: all unknown gives text; otherwise the first known type, switched to a
     * later one of the same category when that one is preferred or the current one casts to it
     * implicitly (but not back). Different categories are an error (42804).
     */
    public TypeRef commonType(List<Typed> items, String construct, SqlNode where) {
        PgType chosen = null;
        int typmod = -1;
        for (Typed t : items) {
            if (t.isUnknown()) {
                continue;
            }
            PgType pt = t.type;
            if (chosen == null) {
                chosen = pt;
                typmod = t.typmod;
                continue;
            }
            if (pt == chosen) {
                typmod = typmod == t.typmod ? typmod : -1;
                continue;
            }
            if (TypeCategory.of(pt) != TypeCategory.of(chosen)) {
                throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, construct + " types "
                        + PgTypes.displayName(chosen) + " and " + PgTypes.displayName(pt) + " cannot be matched", pos(where));
            }
            if (!TypeCategory.isPreferred(chosen) && (TypeCategory.isPreferred(pt)
                    || (Casts.implicitlyCoercible(chosen, pt) && !Casts.implicitlyCoercible(pt, chosen)))) {
                chosen = pt;
                typmod = -1;
            }
        }
        return chosen == null ? new TypeRef(PgTypes.TEXT, -1) : new TypeRef(chosen, typmod);
    }

    private Typed caseExpr(SqlCase c) {
        SqlNode valueNode = c.getValueOperand();
        List<SqlNode> whens = c.getWhenOperands().getList();
        List<SqlNode> thens = c.getThenOperands().getList();
        List<Typed> results = new ArrayList<>();
        for (SqlNode t : thens) {
            results.add(analyze(t));
        }
        SqlNode elseNode = c.getElseOperand();
        Typed elseT = elseNode == null ? Typed.unknownLiteral(null) : analyze(elseNode);
        List<Typed> all = new ArrayList<>(results);
        all.add(elseT);
        TypeRef rt = commonType(all, "CASE", c);
        Eval[] conds = new Eval[whens.size()];
        Typed value = valueNode == null ? null : analyze(valueNode);
        for (int i = 0; i < whens.size(); i++) {
            if (value == null) {
                conds[i] = boolArg(whens.get(i), "CASE/WHEN").eval;
            } else {
                conds[i] = Resolver.call("=", List.of(value, analyze(whens.get(i))), true, pos(whens.get(i))).eval;
            }
        }
        Eval[] outs = new Eval[results.size()];
        boolean constant = value == null || value.constant;
        for (int i = 0; i < outs.length; i++) {
            Typed r = Casts.coerce(results.get(i), rt.type(), -1, Casts.Context.IMPLICIT);
            outs[i] = r.eval;
        }
        Eval elseE = Casts.coerce(elseT, rt.type(), -1, Casts.Context.IMPLICIT).eval;
        Eval e = ctx -> {
            for (int i = 0; i < conds.length; i++) {
                if (Boolean.TRUE.equals(conds[i].eval(ctx))) {
                    return outs[i].eval(ctx);
                }
            }
            return elseE.eval(ctx);
        };
        return new Typed(rt.type(), rt.typmod(), e, false);
    }

    private Typed coalesce(List<SqlNode> ops, SqlCall call) {
        List<Typed> args = new ArrayList<>();
        for (SqlNode n : ops) {
            args.add(analyze(n));
        }
        TypeRef rt = commonType(args, "COALESCE", call);
        Eval[] evals = new Eval[args.size()];
        for (int i = 0; i < evals.length; i++) {
            evals[i] = Casts.coerce(args.get(i), rt.type(), -1, Casts.Context.IMPLICIT).eval;
        }
        return new Typed(rt.type(), rt.typmod(), c -> {
            for (Eval e : evals) {
                Object v = e.eval(c);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }, false);
    }

    private Typed nullif(List<SqlNode> ops, SqlCall call) {
        Typed a = analyze(ops.get(0));
        Typed b = analyze(ops.get(1));
        // like PostgreSQL, the result has the type of the first argument as the "=" operator takes it
        FunctionDef f = Resolver.select("=", List.of(a, b), true, pos(call));
        Typed first = Casts.coerce(a, f.args()[0], -1, Casts.Context.IMPLICIT);
        Typed second = Casts.coerce(b, f.args()[1], -1, Casts.Context.IMPLICIT);
        Typed eq = Resolver.apply(f, List.of(first, second));
        Eval ea = first.eval;
        Eval eqe = eq.eval;
        return new Typed(first.type, first.typmod, c -> {
            Object x = ea.eval(c);
            return Boolean.TRUE.equals(eqe.eval(c)) ? null : x;
        }, false);
    }

    private Typed trim(List<SqlNode> ops, SqlCall call) {
        SqlTrimFunction.Flag flag = ((SqlLiteral) ops.get(0)).getValueAs(SqlTrimFunction.Flag.class);
        String fn = flag == SqlTrimFunction.Flag.LEADING ? "ltrim" : flag == SqlTrimFunction.Flag.TRAILING ? "rtrim" : "btrim";
        return Resolver.call(fn, List.of(analyze(ops.get(2)), analyze(ops.get(1))), false, pos(call));
    }
}
