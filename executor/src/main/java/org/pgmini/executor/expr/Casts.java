package org.pgmini.executor.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.CharacterCoercion;
import org.pgmini.executor.types.FloatFormat;
import org.pgmini.executor.types.FloatType;
import org.pgmini.executor.types.IntegerType;
import org.pgmini.executor.types.NumericSpecial;
import org.pgmini.executor.types.NumericType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * PostgreSQL's casts between the supported types (pg_cast): which exist, in which contexts
 * (implicit, assignment, explicit), and what they compute.
 */
public final class Casts {
    private Casts() {}

    public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

    /** pg_cast's implicit casts among our types (what function resolution may apply silently). */
    public static boolean implicitlyCoercible(PgType from, PgType to) {
        if (from == to || from == PgTypes.UNKNOWN) {
            return true;
        }
        if (from instanceof org.pgmini.executor.types.ArrayType fa && to instanceof org.pgmini.executor.types.ArrayType ta) {
            return implicitlyCoercible(fa.element(), ta.element());
        }
        if (from instanceof org.pgmini.executor.types.VectorType fv && to instanceof org.pgmini.executor.types.ArrayType ta) {
            return fv.element() == ta.element(); // int2vector -> int2[], oidvector -> oid[]: binary-coercible
        }
        TypeCastTable.Entry listed = TypeCastTable.lookup(from, to);
        if (listed != null) {
            return listed.context() == Context.IMPLICIT;
        }
        int f = numericRank(from);
        int t = numericRank(to);
        if (f >= 0 && t >= 0) {
            return t > f;
        }
        if (TypeCategory.of(from) == TypeCategory.STRING && TypeCategory.of(to) == TypeCategory.STRING) {
            return to == PgTypes.TEXT || to == PgTypes.VARCHAR || to == PgTypes.BPCHAR || from == PgTypes.TEXT;
        }
        return false;
    }

    /** int2 < int4 < int8 < numeric < float4 < float8: each casts implicitly to the ones after it. */
    static int numericRank(PgType t) {
        if (t == PgTypes.INT2) { return 0; }
        if (t == PgTypes.INT4) { return 1; }
        if (t == PgTypes.INT8) { return 2; }
        if (t == PgTypes.NUMERIC) { return 3; }
        if (t == PgTypes.FLOAT4) { return 4; }
        if (t == PgTypes.FLOAT8) { return 5; }
        return -1;
    }

    /**
     * The expression converted to {@code target} (with {@code typmod}, -1 for none), or an
     * error 42846 when no such cast exists in this context.
     */
    public static Typed coerce(Typed e, PgType target, int typmod, Context context) {
        if (e.param != null && e.param.type == null) {
            e.param.type = target;
            Typed p = new Typed(target, -1, e.eval, false);
            return typmod >= 0 ? coerce(p, target, typmod, context) : p;
        }
        if (e.type == PgTypes.UNKNOWN) {
            if (e.isNullLiteral()) {
                return Typed.constant(target, typmod, null);
            }
            String text = e.unknownText;
            if (e.param != null) {
                return coerce(new Typed(e.param.type, -1, e.eval, false), target, typmod, context);
            }
            if (text != null && target.inputDependsOnSession()) {
                return sessionLiteral(text, target, typmod, e.position);
            }
            if (text != null) {
                // like PostgreSQL, an untyped literal is read as the target type during analysis
                Object value;
                try {
                    value = context == Context.EXPLICIT && (target == PgTypes.VARCHAR || target == PgTypes.BPCHAR)
                            ? lengthCoerce(text, target, typmod, true) : target.input(text, typmod);
                } catch (PgException ex) {
                    throw ex.position() == 0 && e.position > 0 ? ex.withPosition(e.position) : ex;
                }
                return Typed.constant(target, typmod, value);
            }
        }
        if (e.type == target && (typmod < 0 || typmod == e.typmod)) {
            return e;
        }
        Conversion conv = conversion(e.type, target, typmod, context);
        if (conv == null) {
            throw new PgException(SqlState.CANNOT_COERCE, "cannot cast type " + PgTypes.displayName(e.type)
                    + " to " + PgTypes.displayName(target));
        }
        Eval inner = e.eval;
        Eval ev = c -> {
            Object v = inner.eval(c);
            return v == null ? null : conv.apply(v, c);
        };
        // text output of floats, dates, intervals... and their input depend on session settings: never fold it
        boolean sessionDependent = (TypeCategory.of(target) == TypeCategory.STRING
                && (e.type == PgTypes.FLOAT4 || e.type == PgTypes.FLOAT8 || e.type.outputDependsOnSession()))
                || (TypeCategory.of(e.type) == TypeCategory.STRING && target.inputDependsOnSession())
                || TypeCastTable.dependsOnSession(e.type, target);
        return fold(new Typed(target, typmod, ev, e.constant && !sessionDependent));
    }

    /**
     * An untyped literal of a type whose input depends on the session (TimeZone, DateStyle, the
     * current time for 'now'/'today'): plans are shared between sessions, so it is read when the
     * statement runs, in the executing session. Errors point at the literal.
     */
    private static Typed sessionLiteral(String text, PgType target, int typmod, int position) {
        SessionLiteral literal = new SessionLiteral(text, target, typmod, position);
        return new Typed(target, typmod, literal::value, false);
    }

    /**
     * A literal read once per execution: the value is remembered with the EvalContext it was read
     * for, so a filter over many rows does not parse it again for each row. The plan (and so this
     * object) is shared between sessions: {@code last} is an immutable pair published through a
     * volatile field; a thread that finds another execution's pair just reads the text again.
     */
    private static final class SessionLiteral implements java.io.Serializable {
        private record Memo(EvalContext context, Object value) {}

        private final String text;
        private final PgType target;
        private final int typmod;
        private final int position;
        private transient volatile Memo last; // per execution: not shipped to parallel workers

        SessionLiteral(String text, PgType target, int typmod, int position) {
            this.text = text;
            this.target = target;
            this.typmod = typmod;
            this.position = position;
        }

        Object value(EvalContext c) {
            Memo m = last;
            if (m != null && m.context == c && c != null) {
                return m.value;
            }
            Object v;
            try {
                v = target.input(text, typmod, c == null ? null : c.session);
            } catch (PgException ex) {
                throw ex.position() == 0 && position > 0 ? ex.withPosition(position) : ex;
            }
            last = new Memo(c, v);
            return v;
        }
    }

    /** Evaluates a constant expression now; leaves it alone if that raises (the error then comes at run time). */
    public static Typed fold(Typed t) {
        if (!t.constant) {
            return t;
        }
        try {
            Object v = t.eval.eval(new EvalContext(new Object[0], null, null));
            return Typed.constant(t.type, t.typmod, v);
        } catch (RuntimeException ex) {
            return t;
        }
    }

    interface Conversion extends java.io.Serializable {
        Object apply(Object v, EvalContext c);
    }

    private static Conversion conversion(PgType from, PgType to, int typmod, Context context) {
        if (from instanceof org.pgmini.executor.types.ArrayType fa && to instanceof org.pgmini.executor.types.ArrayType ta) {
            return arrayConversion(fa, ta, typmod, context);
        }
        if (from instanceof org.pgmini.executor.types.VectorType fv && to instanceof org.pgmini.executor.types.ArrayType ta
                && fv.element() == ta.element()) {
            // PostgreSQL keeps the vector's lower bound 0 ([0:1]={1,2}); arrays here start at 1
            return (v, c) -> {
                if (((Object[]) v).length > 0) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "arrays with a lower bound other than 1 are not supported");
                }
                return v;
            };
        }
        TypeCategory fc = TypeCategory.of(from);
        TypeCategory tc = TypeCategory.of(to);
        boolean explicit = context == Context.EXPLICIT;
        TypeCastTable.Entry listed = TypeCastTable.lookup(from, to);
        if (listed != null) {
            if (context.ordinal() < listed.context().ordinal()) {
                return null;
            }
            TypeCastTable.TypmodConversion f = listed.conversion();
            return (v, c) -> f.apply(v, typmod, c);
        }
        if (fc == TypeCategory.NUMERIC && tc == TypeCategory.NUMERIC && from != PgTypes.OID && to != PgTypes.OID) {
            return (v, c) -> numericConvert(v, to, typmod);
        }
        if (tc == TypeCategory.STRING) {
            Conversion toString = fc == TypeCategory.STRING
                    ? (from == PgTypes.BPCHAR && to != PgTypes.BPCHAR
                        ? (v, c) -> CharacterCoercion.stripTrailingBlanks((String) v) : (v, c) -> v)
                    : from == PgTypes.BOOL ? (v, c) -> ((Boolean) v) ? "true" : "false"
                    : (v, c) -> from.output(v, c.session);
            if (fc != TypeCategory.STRING && !explicit && context == Context.IMPLICIT) {
                return null;
            }
            return (v, c) -> lengthCoerce((String) toString.apply(v, c), to, typmod, explicit);
        }
        if (fc == TypeCategory.STRING) {
            if (!explicit && context == Context.IMPLICIT) {
                return null;
            }
            return (v, c) -> to.input(from == PgTypes.BPCHAR ? CharacterCoercion.stripTrailingBlanks((String) v) : (String) v,
                    typmod, c == null ? null : c.session);
        }
        if (explicit && from == PgTypes.INT4 && to == PgTypes.BOOL) {
            return (v, c) -> ((Integer) v) != 0;
        }
        if (explicit && from == PgTypes.BOOL && to == PgTypes.INT4) {
            return (v, c) -> ((Boolean) v) ? 1 : 0;
        }
        return null;
    }

    /** array to array: each element through the element types' cast in the same context (array_map). */
    private static Conversion arrayConversion(org.pgmini.executor.types.ArrayType from,
                                              org.pgmini.executor.types.ArrayType to, int typmod, Context context) {
        PgType fe = from.element();
        PgType te = to.element();
        Conversion elem = fe == te && typmod < 0 ? (v, c) -> v : conversion(fe, te, typmod, context);
        if (elem == null) {
            return null;
        }
        return (v, c) -> {
            Object[] a = (Object[]) v;
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] == null ? null : elem.apply(a[i], c);
            }
            return out;
        };
    }

    static String lengthCoerce(String s, PgType to, int typmod, boolean explicit) {
        if (typmod < 4) {
            return s;
        }
        if (to == PgTypes.BPCHAR) {
            return CharacterCoercion.bpchar(s, typmod - 4, explicit);
        }
        if (to == PgTypes.VARCHAR) {
            return CharacterCoercion.varchar(s, typmod - 4, explicit);
        }
        return s;
    }

    /** Conversions within the numeric category, with PostgreSQL's rounding and range errors. */
    public static Object numericConvert(Object v, PgType to, int typmod) {
        if (to instanceof IntegerType) {
            IntegerType it = (IntegerType) to;
            if (v instanceof Short || v instanceof Integer || v instanceof Long) {
                return it.box(((Number) v).longValue());
            }
            if (v instanceof BigDecimal) {
                BigDecimal r = ((BigDecimal) v).setScale(0, RoundingMode.HALF_UP);
                if (r.unscaledValue().bitLength() > 63) {
                    throw it.outOfRange();
                }
                return it.box(r.longValueExact());
            }
            if (v instanceof NumericSpecial) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert "
                        + (v == NumericSpecial.NAN ? "NaN" : "infinity") + " to " + PgTypes.displayName(to));
            }
            double d = ((Number) v).doubleValue();
            double r = Math.rint(d);
            if (Double.isNaN(d) || r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
                throw it.outOfRange();
            }
            return it.box((long) r);
        }
        if (to == PgTypes.NUMERIC) {
            Object n;
            if (v instanceof BigDecimal || v instanceof NumericSpecial) {
                n = v;
            } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
                n = BigDecimal.valueOf(((Number) v).longValue());
            } else {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d)) {
                    n = NumericSpecial.NAN;
                } else if (Double.isInfinite(d)) {
                    n = d > 0 ? NumericSpecial.POS_INFINITY : NumericSpecial.NEG_INFINITY;
                } else {
                    // like float8_numeric: the value as printed with DBL_DIG (FLT_DIG) digits
                    int digits = v instanceof Float ? 6 : 15;
                    n = NumericType.normalize(new BigDecimal(v instanceof Float ? Float.toString((Float) v) : Double.toString(d))
                            .round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros());
                }
            }
            return NumericType.applyTypmod(n, typmod);
        }
        if (to == PgTypes.FLOAT8 || to == PgTypes.FLOAT4) {
            double d;
            if (v instanceof NumericSpecial) {
                d = v == NumericSpecial.NAN ? Double.NaN : v == NumericSpecial.POS_INFINITY
                        ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            } else if (v instanceof BigDecimal) {
                d = ((BigDecimal) v).doubleValue();
                if (Double.isInfinite(d)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "value out of range: overflow");
                }
            } else {
                d = ((Number) v).doubleValue();
            }
            if (to == PgTypes.FLOAT8) {
                return d;
            }
            float f = (float) d;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            if (f == 0f && d != 0d) {
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
            }
            return f;
        }
        throw new IllegalStateException("not numeric: " + to.name());
    }

    /** Text form of a float for I/O-conversion purposes (shortest exact). */
    static String floatText(Object v) {
        return v instanceof Float ? FloatFormat.format((Float) v, 1) : FloatFormat.format((Double) v, 1);
    }

    static boolean isFloat(PgType t) {
        return t instanceof FloatType;
    }
}
