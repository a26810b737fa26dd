package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Expressions as EXPLAIN prints them, in the style of PostgreSQL's ruleutils: operators in
 * parentheses {@code (a > 1)}, conjunctions flat {@code ((a > 1) AND (b < 2))}, column names
 * qualified by their FROM item when the query has more than one, string constants with their
 * type {@code 'x'::text}. Works from the parse tree, so implicit casts PostgreSQL would show
 * are not printed.
 */
final class Deparser {
    private final QueryScope scope;
    private final boolean qualify;

    Deparser(QueryScope scope, boolean qualify) {
        this.scope = scope;
        this.qualify = qualify;
    }

    String expr(SqlNode n) {
        return expr(n, null);
    }

    /** {@code sibling}: the other operand of a comparison, whose type a string constant takes. */
    private String expr(SqlNode n, SqlNode sibling) {
        if (n instanceof SqlIdentifier id) {
            return column(id);
        }
        if (n instanceof SqlNumericLiteral lit) {
            return lit.toValue();
        }
        if (n instanceof SqlLiteral lit) {
            switch (lit.getTypeName()) {
                case NULL: return "NULL";
                case BOOLEAN: return Boolean.TRUE.equals(lit.getValue()) ? "true" : "false";
                case CHAR: return quote(lit.getValueAs(String.class)) + "::" + siblingType(sibling);
                default: return lit.toString();
            }
        }
        if (!(n instanceof SqlCall call)) {
            return n.toString();
        }
        List<SqlNode> ops = call.getOperandList();
        SqlKind k = call.getKind();
        switch (k) {
            case AND:
            case OR: {
                List<String> parts = new ArrayList<>();
                flatten(call, k, parts);
                return "(" + String.join(k == SqlKind.AND ? " AND " : " OR ", parts) + ")";
            }
            case NOT:
                return "(NOT " + expr(ops.get(0)) + ")";
            case IS_NULL:
                return "(" + expr(ops.get(0)) + " IS NULL)";
            case IS_NOT_NULL:
                return "(" + expr(ops.get(0)) + " IS NOT NULL)";
            case MINUS_PREFIX:
                if (ops.get(0) instanceof SqlNumericLiteral lit) {
                    return "'-" + lit.toValue() + "'::" + (lit.isInteger() ? "integer" : "numeric");
                }
                return "(- " + expr(ops.get(0)) + ")";
            case CAST:
                return "(" + expr(ops.get(0)) + ")::" + typeName((SqlDataTypeSpec) ops.get(1));
            case BETWEEN: {
                String v = expr(ops.get(0));
                String r = "((" + v + " >= " + expr(ops.get(1), ops.get(0)) + ") AND (" + v + " <= "
                        + expr(ops.get(2), ops.get(0)) + "))";
                return ((SqlBetweenOperator) call.getOperator()).isNegated() ? "(NOT " + r + ")" : r;
            }
            default:
                break;
        }
        String op = call.getOperator().getName();
        if (ops.size() == 2 && call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.BINARY) {
            if (op.equals("!=")) {
                op = "<>";
            }
            return "(" + expr(ops.get(0), ops.get(1)) + " " + op + " " + expr(ops.get(1), ops.get(0)) + ")";
        }
        if (call instanceof SqlBasicCall && call.getOperator().getSyntax() != org.apache.calcite.sql.SqlSyntax.BINARY) {
            String name = op.toLowerCase(Locale.ROOT);
            if (ops.isEmpty() && (name.equals("count"))) {
                return "count(*)";
            }
            List<String> args = new ArrayList<>();
            for (SqlNode o : ops) {
                args.add(o instanceof SqlIdentifier id && id.isStar() ? "*" : expr(o));
            }
            String q = call.getFunctionQuantifier() != null ? "DISTINCT " : "";
            return name + "(" + q + String.join(", ", args) + ")";
        }
        return call.toString();
    }

    private void flatten(SqlCall call, SqlKind k, List<String> out) {
        for (SqlNode o : call.getOperandList()) {
            if (o.getKind() == k) {
                flatten((SqlCall) o, k, out);
            } else {
                out.add(expr(o));
            }
        }
    }

    private String siblingType(SqlNode sibling) {
        if (sibling instanceof SqlIdentifier id) {
            boolean q = scope.quiet;
            scope.quiet = true;
            try {
                QueryScope.Ref r = scope.find(id);
                if (r != null && r.item().types.get(r.column()) != null) {
                    PgType t = r.item().types.get(r.column());
                    return PgTypes.displayName(t == PgTypes.VARCHAR ? PgTypes.TEXT : t);
                }
            } catch (RuntimeException e) {
                // fall through: show it as text
            } finally {
                scope.quiet = q;
            }
        }
        return "text";
    }

    private static String typeName(SqlDataTypeSpec spec) {
        String n = spec.getTypeNameSpec().getTypeName().getSimple().toLowerCase(Locale.ROOT);
        PgType t = PgTypes.byName(n);
        return t == null ? n : PgTypes.displayName(t);
    }

    String column(SqlIdentifier id) {
        boolean q = scope.quiet;
        scope.quiet = true;
        try {
            QueryScope.Ref r = id.names.size() == 1 && scope.merged.containsKey(id.names.get(0)) ? null : scope.find(id);
            String name = id.names.get(id.names.size() - 1);
            if (r == null) {
                return name;
            }
            return qualify ? r.item().refname + "." + name : name;
        } catch (RuntimeException e) {
            return id.toString();
        } finally {
            scope.quiet = q;
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
