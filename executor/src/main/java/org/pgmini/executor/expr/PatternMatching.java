package org.pgmini.executor.expr;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlPosixRegexOperator;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.parser.ast.PgCollateOperator;
import org.pgmini.executor.parser.ast.PgNamedOperator;
import org.pgmini.executor.types.PgTypes;

/**
 * Analysis of the pattern-matching syntax, turned into operator calls as PostgreSQL's grammar
 * does: {@code a LIKE b} is {@code a ~~ b} (ILIKE {@code ~~*}, NOT {@code !~~...}), {@code
 * ESCAPE e} wraps the pattern in like_escape(b, e); {@code a SIMILAR TO b [ESCAPE e]} is
 * {@code a ~ similar_to_escape(b [, e])}; the regex operators and {@code OPERATOR(pg_catalog.op)}
 * resolve like any operator. Also {@code COLLATE}: every collation this server has sorts and
 * compares like "C", so COLLATE only checks the name and the operand's type.
 */
final class PatternMatching {
    private PatternMatching() {}

    static Typed like(ExpressionAnalyzer a, SqlCall call, List<SqlNode> ops) {
        if (!(call.getOperator() instanceof SqlLikeOperator op)) {
            throw a.unsupported("operator " + call.getOperator().getName(), call);
        }
        String word = op.isCaseSensitive() ? "LIKE" : "ILIKE";
        String symbol = (op.isNegated() ? "!" : "") + (op.isCaseSensitive() ? "~~" : "~~*");
        if (op.getName().contains("RLIKE")) {
            throw a.unsupported("RLIKE", call);
        }
        Typed pattern = pattern(a, ops, "like_escape", call);
        return Resolver.call(symbol, List.of(a.analyze(ops.get(0)), pattern), true, keywordPosition(a, ops.get(0), word, call));
    }

    static Typed similar(ExpressionAnalyzer a, SqlCall call, List<SqlNode> ops) {
        boolean negated = call.getOperator() instanceof SqlLikeOperator op && op.isNegated();
        Typed pattern = ops.size() > 2 ? pattern(a, ops, "similar_to_escape", call)
                : Resolver.call("similar_to_escape", List.of(a.analyze(ops.get(1))), false, a.pos(ops.get(1)));
        return Resolver.call(negated ? "!~" : "~", List.of(a.analyze(ops.get(0)), pattern), true,
                keywordPosition(a, ops.get(0), "SIMILAR", call));
    }

    /** The pattern operand, through the escape function when ESCAPE was written. */
    private static Typed pattern(ExpressionAnalyzer a, List<SqlNode> ops, String escapeFunction, SqlCall call) {
        Typed p = a.analyze(ops.get(1));
        if (ops.size() < 3) {
            return p;
        }
        return Resolver.call(escapeFunction, List.of(p, a.analyze(ops.get(2))), false, a.pos(ops.get(1)));
    }

    static Typed regex(ExpressionAnalyzer a, SqlCall call, List<SqlNode> ops) {
        SqlPosixRegexOperator op = (SqlPosixRegexOperator) call.getOperator();
        String symbol = (op.isNegated() ? "!" : "") + "~" + (op.isCaseSensitive() ? "" : "*");
        return Resolver.call(symbol, List.of(a.analyze(ops.get(0)), a.analyze(ops.get(1))), true,
                a.operatorPosition(ops.get(0), symbol, call));
    }

    private static final Set<String> SYMBOLS = Set.of("~", "~*", "!~", "!~*", "~~", "~~*", "!~~", "!~~*", "=", "<>",
            "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "^", "||");

    /** a OPERATOR(pg_catalog.op) b. */
    static Typed named(ExpressionAnalyzer a, SqlCall call, List<SqlNode> ops) {
        PgNamedOperator op = (PgNamedOperator) call.getOperator();
        int at = op.explicit() ? keywordPosition(a, ops.get(0), "OPERATOR", call)
                : a.operatorPosition(ops.get(0), op.symbol(), call);
        if (op.schema() != null && !op.schema().equals("pg_catalog")) {
            throw PgException.atPosition("3F000", "schema \"" + op.schema() + "\" does not exist", at);
        }
        String symbol = op.symbol().equals("!=") ? "<>" : op.symbol();
        Typed left = a.analyze(ops.get(0));
        Typed right = a.analyze(ops.get(1));
        if (!SYMBOLS.contains(symbol)) {
            throw Resolver.undefined(symbol, new org.pgmini.executor.types.PgType[] {left.type, right.type}, true, at);
        }
        return Resolver.call(symbol, List.of(left, right), true, at);
    }

    /** Collations of pg_collation in a database created with locale C (all compare like C here). */
    private static final Set<String> COLLATIONS = Set.of("default", "C", "POSIX", "ucs_basic");

    static Typed collate(ExpressionAnalyzer a, SqlCall call, List<SqlNode> ops) {
        PgCollateOperator op = (PgCollateOperator) call.getOperator();
        Typed operand = a.analyze(ops.get(0));
        int at = keywordPosition(a, ops.get(0), "COLLATE", call);
        if (op.schema() != null && !op.schema().equals("pg_catalog")) {
            throw PgException.atPosition("3F000", "schema \"" + op.schema() + "\" does not exist", at);
        }
        if (!COLLATIONS.contains(op.collation())) {
            throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "collation \"" + op.collation()
                    + "\" for encoding \"UTF8\" does not exist", at);
        }
        if (!operand.isUnknown() && TypeCategory.of(operand.type) != TypeCategory.STRING) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "collations are not supported by type "
                    + PgTypes.displayName(operand.type), at);
        }
        return operand;
    }

    /** Where a keyword or operator was written after the left operand (any case). */
    private static int keywordPosition(ExpressionAnalyzer a, SqlNode left, String word, SqlCall call) {
        String src = a.source();
        int from = a.endPosition(left) - 1;
        if (from >= 0 && from <= src.length()) {
            int i = src.toUpperCase(Locale.ROOT).indexOf(word, from);
            if (i >= 0) {
                return i + 1;
            }
        }
        return a.pos(call);
    }

    /** The regexp functions that return arrays (text[], setof text[]) wait for the array type. */
    private static final Set<String> ARRAY_RESULT = Set.of("regexp_match", "regexp_matches", "regexp_split_to_array",
            "regexp_split_to_table");

    static void rejectArrayFunctions(ExpressionAnalyzer a, String name, SqlCall call) {
        if (ARRAY_RESULT.contains(name)) {
            throw a.unsupported(name + "()", call);
        }
    }
}
