package org.pgmini.executor.expr;

import org.pgmini.executor.types.IntegerType;

/**
 * The integer operators over int2/int4/int8 ({@code + - * / %}, {@code mod}, and the six
 * comparisons) in one place, with two ways to run them that share the same arithmetic:
 *
 * <ul>
 * <li>as catalog implementations ({@link ArithImpl}, {@link CompareImpl}) taking an argument
 *     array of boxed values, for callers that go through {@link FunctionDef.Impl};</li>
 * <li>compiled into a tree of {@link LongEval} nodes ({@link #compile}) that {@link Resolver}
 *     builds for a call of one of these operators: operands are read as primitive longs (a
 *     column straight from the row, a constant once at plan time), nothing is boxed between
 *     nested operators and no argument array is allocated per row. Only the tree's result is
 *     boxed (comparisons give the shared {@code Boolean}s).</li>
 * </ul>
 *
 * <p>Semantics are PostgreSQL's int2/int4/int8 operators: the result type is the wider operand
 * type, overflow of that type is 22003 "integer out of range" (smallint/bigint), division and
 * modulo by zero 22012, {@code x % -1} is 0, and any NULL operand gives NULL (strict).
 */
public final class IntegerOps {
    private IntegerOps() {}

    /** The arithmetic operators. */
    public enum Arith { ADD, SUB, MUL, DIV, MOD }

    /** The comparison operators and their SQL spelling. */
    public enum Compare {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        public final String symbol;

        Compare(String symbol) {
            this.symbol = symbol;
        }

        /** Whether a three-way comparison result {@code cmp} satisfies this operator. */
        public boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    /** {@code x op y} in type {@code r}; 22003 when it does not fit, 22012 for a zero divisor. */
    static long arith(Arith op, IntegerType r, long x, long y) {
        long v;
        switch (op) {
            case ADD, SUB, MUL -> {
                try {
                    v = op == Arith.ADD ? Math.addExact(x, y)
                            : op == Arith.SUB ? Math.subtractExact(x, y) : Math.multiplyExact(x, y);
                } catch (ArithmeticException e) {
                    throw r.outOfRange();
                }
            }
            case DIV -> {
                if (y == 0) {
                    throw NumericMath.divisionByZero();
                }
                if (y == -1 && x == Long.MIN_VALUE) {
                    throw r.outOfRange();
                }
                v = x / y;
            }
            default -> {
                if (y == 0) {
                    throw NumericMath.divisionByZero();
                }
                v = y == -1 ? 0 : x % y;
            }
        }
        if (!r.fits(v)) {
            throw r.outOfRange();
        }
        return v;
    }

    private static long l(Object o) {
        return ((Number) o).longValue();
    }

    /** Catalog implementation of an arithmetic operator returning type {@code result}. */
    public record ArithImpl(Arith op, IntegerType result) implements FunctionDef.Impl {
        @Override
        public Object apply(Object[] v, EvalContext c) {
            return result.box(arith(op, result, l(v[0]), l(v[1])));
        }
    }

    /** Catalog implementation of a comparison of two integers (any of int2/int4/int8). */
    public record CompareImpl(Compare op) implements FunctionDef.Impl {
        @Override
        public Object apply(Object[] v, EvalContext c) {
            return op.test(Long.compare(l(v[0]), l(v[1])));
        }
    }

    /**
     * The call of {@code impl} (an {@link ArithImpl} or {@link CompareImpl}) on {@code left} and
     * {@code right} as a primitive evaluation tree; null when {@code impl} is neither.
     */
    static Eval compile(FunctionDef.Impl impl, Eval left, Eval right) {
        if (impl instanceof ArithImpl a) {
            return new ArithEval(a.op, a.result, asLong(left), asLong(right));
        }
        if (impl instanceof CompareImpl c) {
            return new CompareEval(c.op, asLong(left), asLong(right));
        }
        return null;
    }

    /** An operand as a {@link LongEval}: nested operators as they are, columns and constants read directly. */
    private static LongEval asLong(Eval e) {
        if (e instanceof LongEval l) {
            return l;
        }
        if (e instanceof ColumnRef col) {
            return new ColumnLong(col.slot());
        }
        if (e instanceof Constant k && k.value() instanceof Number n) {
            return new ConstantLong(n.longValue(), n);
        }
        return new BoxedLong(e);
    }

    /**
     * An integer expression that can produce its value as a primitive long.
     *
     * <p>NULL protocol ({@link EvalContext#isNull}): {@link #evalLong} is entered with the flag
     * false; it returns the value with the flag still false, or sets the flag for NULL (the
     * returned number is then meaningless). Whoever turns the result back into an object
     * ({@link #eval}) clears the flag again, so between evaluations it is always false.
     */
    abstract static class LongEval implements Eval {
        private static final long serialVersionUID = 1L;

        abstract long evalLong(EvalContext c);

        /** A boxed integer as a long; NULL sets the flag. */
        static long unbox(Object v, EvalContext c) {
            if (v == null) {
                c.isNull = true;
                return 0;
            }
            return ((Number) v).longValue();
        }

        /** Whether the evaluation just done was NULL; clears the flag (the caller ends the primitive tree). */
        static boolean tookNull(EvalContext c) {
            boolean wasNull = c.isNull;
            c.isNull = false;
            return wasNull;
        }
    }

    /** A column of an integer type, read from the current row. */
    static final class ColumnLong extends LongEval {
        private static final long serialVersionUID = 1L;
        private final int slot;

        ColumnLong(int slot) {
            this.slot = slot;
        }

        @Override
        long evalLong(EvalContext c) {
            return unbox(c.row[slot], c);
        }

        @Override
        public Object eval(EvalContext c) {
            return c.row[slot];
        }
    }

    /** A non-null integer constant. */
    static final class ConstantLong extends LongEval {
        private static final long serialVersionUID = 1L;
        private final long value;
        private final Object boxed;

        ConstantLong(long value, Object boxed) {
            this.value = value;
            this.boxed = boxed;
        }

        @Override
        long evalLong(EvalContext c) {
            return value;
        }

        @Override
        public Object eval(EvalContext c) {
            return boxed;
        }
    }

    /** Any other integer-valued expression (a function call, a cast, a parameter): evaluated boxed. */
    static final class BoxedLong extends LongEval {
        private static final long serialVersionUID = 1L;
        private final Eval inner;

        BoxedLong(Eval inner) {
            this.inner = inner;
        }

        @Override
        long evalLong(EvalContext c) {
            return unbox(inner.eval(c), c);
        }

        @Override
        public Object eval(EvalContext c) {
            return inner.eval(c);
        }
    }

    /** {@code left op right} for integers; strict. */
    static final class ArithEval extends LongEval {
        private static final long serialVersionUID = 1L;
        private final Arith op;
        private final IntegerType result;
        private final LongEval left;
        private final LongEval right;

        ArithEval(Arith op, IntegerType result, LongEval left, LongEval right) {
            this.op = op;
            this.result = result;
            this.left = left;
            this.right = right;
        }

        @Override
        long evalLong(EvalContext c) {
            long x = left.evalLong(c);
            if (c.isNull) {
                return 0;
            }
            long y = right.evalLong(c);
            if (c.isNull) {
                return 0;
            }
            return arith(op, result, x, y);
        }

        @Override
        public Object eval(EvalContext c) {
            long v = evalLong(c);
            return LongEval.tookNull(c) ? null : result.box(v);
        }
    }

    /** {@code left op right} comparing integers; a Boolean, or null when an operand is NULL. */
    static final class CompareEval implements Eval {
        private static final long serialVersionUID = 1L;
        private final Compare op;
        private final LongEval left;
        private final LongEval right;

        CompareEval(Compare op, LongEval left, LongEval right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        public Object eval(EvalContext c) {
            long x = left.evalLong(c);
            if (LongEval.tookNull(c)) {
                return null;
            }
            long y = right.evalLong(c);
            if (LongEval.tookNull(c)) {
                return null;
            }
            return op.test(Long.compare(x, y)) ? Boolean.TRUE : Boolean.FALSE;
        }
    }
}
