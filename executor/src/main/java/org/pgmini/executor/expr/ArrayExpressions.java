package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.ArrayType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The array syntax forms of parse analysis: {@code ARRAY[...]}, subscripts {@code a[i]} and
 * {@code x op ANY|SOME|ALL (array)}. Called from {@link ExpressionAnalyzer}; the functions over
 * arrays are catalog entries ({@link ArrayFunctions}).
 */
final class ArrayExpressions {
    private ArrayExpressions() {}

    /** The analysis of an array form, or null when {@code call} is none. */
    static Typed analyze(ExpressionAnalyzer a, SqlCall call) {
        switch (call.getKind()) {
            case ARRAY_VALUE_CONSTRUCTOR:
                return constructor(a, call, null);
            case ITEM:
                return subscript(a, call);
            case SOME:
            case ALL:
                return quantified(a, call);
            default:
                return null;
        }
    }

    /**
     * ARRAY[e1, e2, ...]: the elements' common type (text when all are unknown literals); with
     * {@code castTo} (ARRAY[...]::t[]) the elements are read as the cast's element type, which
     * is how PostgreSQL types ARRAY[] and ARRAY['1','2']::int[].
     */
    static Typed constructor(ExpressionAnalyzer a, SqlCall call, ArrayType castTo) {
        List<Typed> items = new ArrayList<>();
        for (SqlNode n : call.getOperandList()) {
            Typed t = a.analyze(n);
            if (t.type instanceof ArrayType) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported",
                        a.pos(n));
            }
            items.add(t);
        }
        PgType elem;
        int typmod;
        if (castTo != null && items.stream().allMatch(Typed::isUnknown)) {
            elem = castTo.element();
            typmod = -1;
        } else {
            if (items.isEmpty()) {
                throw ArrayFunctions.emptyArrayType(a.pos(call));
            }
            ExpressionAnalyzer.TypeRef common = a.commonType(items, "ARRAY", call);
            elem = common.type();
            typmod = common.typmod();
        }
        ArrayType type = PgTypes.arrayOf(elem);
        if (type == null) {
            throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + PgTypes.displayName(elem), a.pos(call));
        }
        Eval[] evals = new Eval[items.size()];
        boolean constant = true;
        for (int i = 0; i < evals.length; i++) {
            Typed t = Casts.coerce(items.get(i), elem, -1, Casts.Context.IMPLICIT);
            evals[i] = t.eval;
            constant &= t.constant;
        }
        return Casts.fold(new Typed(type, typmod, c -> {
            Object[] out = new Object[evals.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = evals[i].eval(c);
            }
            return out;
        }, constant));
    }

    /** a[i]: the element at 1-based i, NULL when out of range or either side is NULL. */
    private static Typed subscript(ExpressionAnalyzer a, SqlCall call) {
        Typed arr = a.analyze(call.operand(0));
        if (arr.type instanceof org.pgmini.executor.types.VectorType vt) {
            return vectorSubscript(a, call, arr, vt);
        }
        if (!(arr.type instanceof ArrayType at)) {
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + PgTypes.displayName(arr.type) + " because it does not support subscripting", a.pos(call.operand(0)));
        }
        Typed index = a.analyze(call.operand(1));
        try {
            index = Casts.coerce(index, PgTypes.INT4, -1, Casts.Context.ASSIGNMENT);
        } catch (PgException e) {
            if (!SqlState.CANNOT_COERCE.equals(e.sqlState())) {
                throw e;
            }
            throw PgException.atPosition(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer",
                    a.pos(call.operand(1)));
        }
        Eval ae = arr.eval;
        Eval ie = index.eval;
        return Casts.fold(new Typed(at.element(), arr.typmod, c -> {
            Object[] v = (Object[]) ae.eval(c);
            Object i = ie.eval(c);
            if (v == null || i == null) {
                return null;
            }
            int k = (Integer) i;
            return k >= 1 && k <= v.length ? v[k - 1] : null;
        }, arr.constant && index.constant));
    }

    /** int2vector/oidvector subscripts count from 0, as their lower bound is 0 in PostgreSQL. */
    private static Typed vectorSubscript(ExpressionAnalyzer a, SqlCall call, Typed vec, org.pgmini.executor.types.VectorType vt) {
        Typed index = Casts.coerce(a.analyze(call.operand(1)), PgTypes.INT4, -1, Casts.Context.ASSIGNMENT);
        Eval ve = vec.eval;
        Eval ie = index.eval;
        return Casts.fold(new Typed(vt.element(), -1, c -> {
            Object[] v = (Object[]) ve.eval(c);
            Object i = ie.eval(c);
            if (v == null || i == null) {
                return null;
            }
            int k = (Integer) i;
            return k >= 0 && k < v.length ? v[k] : null;
        }, vec.constant && index.constant));
    }

    private static String symbol(SqlKind k) {
        switch (k) {
            case EQUALS: return "=";
            case NOT_EQUALS: return "<>";
            case LESS_THAN: return "<";
            case LESS_THAN_OR_EQUAL: return "<=";
            case GREATER_THAN: return ">";
            case GREATER_THAN_OR_EQUAL: return ">=";
            default: return null;
        }
    }

    /**
     * x op ANY (array) / x op ALL (array): the operator is resolved for (type of x, element type)
     * and applied to each element with SQL's three-valued rules: ANY is true when some
     * comparison is true, else NULL when some was NULL, else false (false for an empty array);
     * ALL is the mirror. A subquery operand is another helper's form (IN-like subplans).
     */
    private static Typed quantified(ExpressionAnalyzer a, SqlCall call) {
        boolean all = call.getKind() == SqlKind.ALL;
        String op = call.getOperator() instanceof SqlQuantifyOperator q ? symbol(q.comparisonKind) : null;
        if (op == null) {
            throw a.unsupported("operator " + call.getOperator().getName(), call);
        }
        SqlNode right = call.operand(1);
        // the parser gives ANY (expr) as a one-item list
        if (right instanceof org.apache.calcite.sql.SqlNodeList list && list.size() == 1) {
            right = list.get(0);
        }
        if (right.getKind() == SqlKind.SELECT || right.getKind() == SqlKind.ORDER_BY || right instanceof org.apache.calcite.sql.SqlNodeList) {
            throw a.unsupported((all ? "ALL" : "ANY") + " with a subquery", call);
        }
        Typed left = a.analyze(call.operand(0));
        Typed arr = a.analyze(right);
        if (arr.isUnknown()) {
            PgType elem = left.isUnknown() ? PgTypes.TEXT : left.type;
            ArrayType at = PgTypes.arrayOf(elem);
            if (at == null) {
                throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                        + PgTypes.displayName(elem), a.pos(call));
            }
            arr = Casts.coerce(arr, at, -1, Casts.Context.IMPLICIT);
        }
        if (arr.type instanceof org.pgmini.executor.types.VectorType vt) {
            // ANY/ALL only visit the elements: the vector's lower bound 0 does not matter here
            arr = new Typed(PgTypes.arrayOf(vt.element()), -1, arr.eval, arr.constant);
        }
        if (!(arr.type instanceof ArrayType at)) {
            throw PgException.atPosition(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side",
                    a.operatorPosition(call.operand(0), op, call));
        }
        if (left.isUnknown()) {
            left = Casts.coerce(left, at.element(), -1, Casts.Context.IMPLICIT);
        }
        // the operator reads its operands from a scratch row: [0] the left value, [1] one element
        Typed leftRef = new Typed(left.type, left.typmod, c -> c.row[0], false);
        Typed elemRef = new Typed(at.element(), arr.typmod, c -> c.row[1], false);
        Typed cmp = Resolver.call(op, List.of(leftRef, elemRef), true, a.operatorPosition(call.operand(0), op, call));
        if (cmp.type != PgTypes.BOOL) {
            throw PgException.atPosition(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires operator to yield boolean",
                    a.operatorPosition(call.operand(0), op, call));
        }
        Eval le = left.eval;
        Eval ae = arr.eval;
        Eval ce = cmp.eval;
        return Casts.fold(new Typed(PgTypes.BOOL, -1, c -> {
            Object x = le.eval(c);
            Object[] v = (Object[]) ae.eval(c);
            if (v == null) {
                return null;
            }
            if (v.length == 0) {
                return all;
            }
            EvalContext scratch = new EvalContext(c.params, c.session, c.statementTime);
            scratch.executor = c.executor;
            Object[] pair = new Object[] {x, null};
            scratch.row = pair;
            boolean sawNull = false;
            for (Object e : v) {
                pair[1] = e;
                Object r = ce.eval(scratch);
                if (r == null) {
                    sawNull = true;
                } else if ((Boolean) r != all) {
                    return !all;
                }
            }
            return sawNull ? null : all;
        }, left.constant && arr.constant));
    }
}
