package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pgmini.executor.expr.ColumnRef;
import org.pgmini.executor.expr.Constant;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.IntegerOps;
import org.pgmini.executor.expr.Resolver;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.types.IntegerType;
import org.pgmini.executor.types.PgTypes;

/**
 * The integer operators as {@code IntegerOps} compiles them (primitive evaluation over columns,
 * constants and nested operators) give PostgreSQL 15's answers over table rows: result types,
 * NULLs anywhere in a nested expression, overflow (22003) in each width, division and modulo by
 * zero (22012), {@code % -1}, mixed widths, and filters built from them. Expected values were
 * checked with psql against PostgreSQL 15.
 */
class IntegerOperatorsOverRowsTest extends QueryTestSupport {
    @BeforeEach
    void numbers() {
        table("n", "s", 21, "i", 23, "b", 20);
        insert("n",
                row((short) 7, 7, 7L),
                row((short) -3, -3, -3L),
                row(null, null, null),
                row((short) 32767, 2147483647, 9223372036854775807L),
                row((short) 0, 0, 0L));
    }

    @Test
    void arithmeticOverColumnsAndConstants() {
        assertEquals(List.of("10|4|21|2|1|1", "3|-3|0|0|0|0", "0|-6|-9|-1|0|0"),
                rows("select i + 3, i - 3, i * 3, i / 3, i % 3, mod(i, 3) from n where i < 100 order by i desc"));
        assertEquals(List.of("0|2", "0|0", "-1|7", "|"),
                rows("select (i % 7 - 1) / 3, (s + i) * (b - 6) / 7 * 1 from n where b < 100 or b is null"
                        + " order by s desc nulls last"));
        assertEquals(List.of("3|1|0"), rows("select i % -1 + 3, 7 % 6, -7 % -1 from n where i = 7"));
    }

    @Test
    void resultTypesFollowTheWiderOperand() {
        assertEquals(List.of("smallint|integer|bigint|bigint|integer|boolean"),
                rows("select pg_typeof(s + s), pg_typeof(s + i), pg_typeof(i * b), pg_typeof(b % s),"
                        + " pg_typeof(s / i), pg_typeof(s < b) from n where i = 7"));
    }

    @Test
    void nullsPropagateThroughNestedOperators() {
        assertEquals(List.of("1"), rows("select count(*) from n where (s + 1) * 2 is null"));
        assertEquals(List.of("1"), rows("select count(*) from n where (s % 2 = 1) is null"));
        assertEquals(List.of("2"), rows("select count(*) from n where i % 7 = 0"));
        assertEquals(List.of("2"), rows("select count(*) from n where s <> 7 and i > -100 and b <= 0"));
    }

    @Test
    void overflowAndDivisionByZeroRaisePostgresErrors() {
        assertEquals("22003 smallint out of range", text(error("select s + 1::int2 from n where s = 32767")));
        assertEquals("22003 integer out of range", text(error("select i * 2 from n where i = 2147483647")));
        assertEquals("22003 bigint out of range", text(error("select b + 1 from n where b > 0 and b % 2 = 1 and b > 7")));
        assertEquals("22003 integer out of range", text(error("select (i - 2147483647 - 2) * 1 from n where i = 0")));
        assertEquals("22012 division by zero", text(error("select i / s from n where s = 0")));
        assertEquals("22012 division by zero", text(error("select b % (i - i) from n where i = 7")));
        assertEquals("22003 bigint out of range",
                text(error("select (-9223372036854775807 - 1) / (b - 8) from n where b = 7")));
    }

    @Test
    void catalogImplementationAndCompiledTreeAgree() {
        // the boxed catalog path (e.g. for callers of FunctionDef.Impl) and the compiled tree share the arithmetic
        IntegerOps.ArithImpl modImpl = new IntegerOps.ArithImpl(IntegerOps.Arith.MOD, IntegerType.INT4);
        assertEquals(3, modImpl.apply(new Object[] {10, 7}, null));
        assertEquals((short) 2, new IntegerOps.ArithImpl(IntegerOps.Arith.SUB, IntegerType.INT2)
                .apply(new Object[] {(short) 5, (short) 3}, null));
        assertEquals(true, new IntegerOps.CompareImpl(IntegerOps.Compare.GE).apply(new Object[] {3L, 3}, null));
        EvalContext c = new EvalContext(new Object[0], null, null);
        assertEquals(4L, new Constant(4L).eval(c));

        // a % 7 = 3 over a column: Resolver builds the primitive tree, not boxed calls
        Typed a = new Typed(PgTypes.INT4, -1, new ColumnRef(0), false);
        Typed mod = Resolver.call("%", List.of(a, Typed.constant(PgTypes.INT4, -1, 7)), true, 0);
        Typed eq = Resolver.call("=", List.of(mod, Typed.constant(PgTypes.INT4, -1, 3)), true, 0);
        assertEquals("ArithEval", mod.eval.getClass().getSimpleName());
        assertEquals("CompareEval", eq.eval.getClass().getSimpleName());
        c.row = new Object[] {10};
        assertEquals(true, eq.eval.eval(c));
        assertEquals(3, mod.eval.eval(c));
        c.row = new Object[] {null};
        assertNull(eq.eval.eval(c));
        assertFalse(c.isNull, "the NULL flag is clear between evaluations");
        assertNull(mod.eval.eval(c));
        assertFalse(c.isNull);
    }

    private static String text(org.pgmini.error.PgException e) {
        return e.sqlState() + " " + e.getMessage();
    }
}
