package org.pgmini.executor.plan;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlTrimFunction;

/** PostgreSQL's FigureColname: the name a result column gets when it has no alias. */
public final class ColumnNamer {
    private ColumnNamer() {}

    public static final String UNNAMED = "?column?";

    public static String name(SqlNode node, ExpressionTypes types) {
        if (node instanceof SqlIdentifier) {
            List<String> names = ((SqlIdentifier) node).names;
            return names.get(names.size() - 1);
        }
        if (node instanceof org.apache.calcite.sql.SqlUnknownLiteral typed) {
            // DATE '...', TIMESTAMP '...': a typed constant is named after its type
            return switch (typed.tag) {
                case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
                case "TIME WITH TIME ZONE" -> "timetz";
                default -> typed.tag.toLowerCase(Locale.ROOT);
            };
        }
        if (node instanceof SqlLiteral) {
            return UNNAMED;
        }
        if (node instanceof SqlCase) {
            return "case";
        }
        if (!(node instanceof SqlCall)) {
            return UNNAMED;
        }
        SqlCall call = (SqlCall) node;
        SqlKind kind = call.getKind();
        String sub = subqueryName(call, types);
        if (sub != null) {
            return sub;
        }
        switch (kind) {
            case AS:
                return ((SqlIdentifier) call.operand(1)).getSimple();
            case CAST: {
                SqlNode inner = call.operand(0);
                SqlDataTypeSpec spec = call.operand(1);
                if (inner.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR || inner.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR) {
                    return "array"; // FigureColname: the ARRAY construct names a cast of itself
                }
                // FigureColname: a cast keeps a strong inner name (a column, a function, coalesce ...);
                // constants, operators and CASE give way to the type's name
                String strong = strongName(inner, types);
                if (strong != null) {
                    return strong;
                }
                String typeName = types.typeName(spec);
                // a cast to an array type is named after the element's typname (int4, not _int4)
                return spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlCollectionTypeNameSpec
                        && typeName.startsWith("_") ? typeName.substring(1) : typeName;
            }
            case COALESCE: return "coalesce";
            case NULLIF: return "nullif";
            case TRIM: {
                SqlTrimFunction.Flag f = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
                return f == SqlTrimFunction.Flag.LEADING ? "ltrim" : f == SqlTrimFunction.Flag.TRAILING ? "rtrim" : "btrim";
            }
            case POSITION: return "position";
            case ARRAY_VALUE_CONSTRUCTOR:
            case ARRAY_QUERY_CONSTRUCTOR:
                return "array";
            case ROW:
                return "row"; // jdbcmeta: FigureColname names a row constructor "row"
            case DOT:
                // jdbcmeta: field selection (expr).field is named after the field
                return call.operand(1) instanceof SqlIdentifier f && f.isSimple() ? f.getSimple() : UNNAMED;
            case ITEM:
                // a subscripted expression is named after what is subscripted
                return name(call.operand(0), types);
            default: break;
        }
        if (call.getOperator() instanceof org.apache.calcite.sql.SqlFunction) {
            return call.getOperator().getName().toLowerCase(Locale.ROOT);
        }
        return UNNAMED;
    }

    /** The name of an expression when FigureColname gives it strength 2 (a cast does not override it), else null. */
    private static String strongName(SqlNode node, ExpressionTypes types) {
        if (node instanceof SqlLiteral || node instanceof SqlCase) {
            return null;
        }
        if (node.getKind() == SqlKind.CAST) {
            return strongName(((SqlCall) node).operand(0), types);
        }
        String n = name(node, types);
        return n.equals(UNNAMED) ? null : n;
    }

    /**
     * A scalar subquery is named after its first result column (the leftmost operand's under a
     * set operation, the body's under WITH), EXISTS is "exists"; null for other nodes.
     */
    private static String subqueryName(SqlCall call, ExpressionTypes types) {
        switch (call.getKind()) {
            case EXISTS:
                return "exists";
            case OVER:
            case FILTER:
            case WITHIN_GROUP:
                return name(call.operand(0), types);
            case ORDER_BY:
                return name(((org.apache.calcite.sql.SqlOrderBy) call).query, types);
            case WITH:
                return name(((org.apache.calcite.sql.SqlWith) call).body, types);
            case UNION: case INTERSECT: case EXCEPT:
                return name(call.operand(0), types);
            case VALUES:
                return "column1";
            case SELECT: {
                List<SqlNode> items = ((org.apache.calcite.sql.SqlSelect) call).getSelectList().getList();
                if (items.isEmpty() || (items.get(0) instanceof SqlIdentifier id && id.isStar())) {
                    return UNNAMED;
                }
                return name(items.get(0), types);
            }
            default:
                return null;
        }
    }

    /** How a type name in a cast is shown as a column name (pg_type.typname of the target). */
    public interface ExpressionTypes {
        String typeName(SqlDataTypeSpec spec);
    }

    static boolean isBasic(SqlDataTypeSpec spec) {
        return spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec;
    }
}
