package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExpressionSemanticsTest extends EngineTestSupport {
    @Test
    void integerArithmeticFollowsPostgres() {
        assertEquals(Arrays.asList("5", "-1", "42", "3", "1"), rows("SELECT 2 + 3, 2 - 3, 6 * 7, 7 / 2, 7 % 3").get(0));
        assertEquals(Arrays.asList("-3", "-3", "-1", "1"), rows("SELECT -7 / 2, 7 / -2, -7 % 3, 7 % -3").get(0));
        assertEquals("1024", value("SELECT 2 ^ 10"));
        assertEquals("smallint", value("SELECT pg_typeof(1::int2 + 1::int2)"));
        assertEquals("bigint", value("SELECT pg_typeof(1::int4 + 1::int8)"));
        assertEquals("bigint", value("SELECT pg_typeof(3000000000)"));
        assertEquals("numeric", value("SELECT pg_typeof(10000000000000000000)"));
        assertEquals("-2147483648", value("SELECT -2147483648"));
    }

    @Test
    void numericScaleRules() {
        assertEquals(Arrays.asList("3.305", "3.375", "9.999"), rows("SELECT 1.10 + 2.205, 1.5 * 2.25, 10.0 - 0.001").get(0));
        assertEquals("0.33333333333333333333", value("SELECT 1 / 3.0"));
        assertEquals("33.3333333333333333", value("SELECT 100.0 / 3"));
        assertEquals("1.5000000000000000", value("SELECT 3::numeric / 2"));
        assertEquals("3.14", value("SELECT 3.14159::numeric(5,2)"));
        assertEquals("3", value("SELECT 2.5::numeric(3,0)"));
        assertEquals("-3", value("SELECT (-2.5)::numeric(3,0)"));
        assertEquals("1.5", value("SELECT 7.5 % 2"));
        assertEquals("1500", value("SELECT '1.5e3'::numeric"));
        assertEquals("NaN", value("SELECT 'NaN'::numeric"));
        assertEquals("t", value("SELECT 1.0 = 1.00"));
    }

    @Test
    void floatOutputIsShortestExact() {
        assertEquals(Arrays.asList("0.3333333333333333", "0.30000000000000004", "1e+15", "1e-05", "100000000000000"),
                rows("SELECT 1::float8 / 3, 0.1::float8 + 0.2::float8, 1e15::float8, 1e-5::float8, 1e14::float8").get(0));
        assertEquals(Arrays.asList("0.1", "3.1415927", "1e+06"),
                rows("SELECT 0.1::float4, 3.14159265358979::float4, 1e6::float4").get(0));
        assertEquals(Arrays.asList("Infinity", "-Infinity", "NaN", "-0"),
                rows("SELECT 'Infinity'::float8, '-Infinity'::float8, 'NaN'::float8, '-0'::float8").get(0));
        assertEquals(Arrays.asList("t", "t", "f"), rows("SELECT 0::float8 = '-0'::float8, 'NaN'::float8 = 'NaN'::float8, 'NaN'::float8 < 1").get(0));
        assertEquals("0.3333333333333333", value("SELECT (1::float8 / 3)::text"));
        session.values.put("extra_float_digits", "0");
        assertEquals("0.333333333333333", value("SELECT 1::float8 / 3"));
        assertEquals("0.333333333333333", value("SELECT (1::float8 / 3)::text"));
        assertEquals("0.3", value("SELECT 0.1::float8 + 0.2::float8"));
        session.values.put("extra_float_digits", "-3");
        assertEquals("0.333333333333", value("SELECT 1::float8 / 3"));
    }

    @Test
    void castsRoundLikePostgres() {
        assertEquals(Arrays.asList("3", "4", "-3", "2"), rows("SELECT 2.5::int4, 3.5::int4, (-2.5)::int4, 2.4999::int8").get(0));
        assertEquals(Arrays.asList("2", "4", "-2"), rows("SELECT 2.5::float8::int4, 3.5::float8::int4, (-1.5)::float8::int8").get(0));
        assertEquals(Arrays.asList("1.25", "0.1"), rows("SELECT 1.25::float8::numeric, 0.1::float4::numeric").get(0));
        assertEquals("1", value("SELECT '1'::int2::int4::int8::numeric::float8::text"));
        assertEquals(Arrays.asList("t", "f", "1", "true"), rows("SELECT 1::boolean, 0::boolean, true::int, true::text").get(0));
    }

    @Test
    void threeValuedLogic() {
        assertEquals(Arrays.asList(null, "f", null), rows("SELECT true AND NULL, false AND NULL, NULL AND NULL").get(0));
        assertEquals(Arrays.asList("t", null, null), rows("SELECT true OR NULL, false OR NULL, NULL OR NULL").get(0));
        assertEquals(Arrays.asList("f", "t", null), rows("SELECT NOT true, NOT false, NOT NULL::boolean").get(0));
        assertEquals(Arrays.asList(null, null, null), rows("SELECT 1 = NULL, NULL = NULL, 1 < NULL").get(0));
        assertEquals(Arrays.asList("t", "f", "t", "t"),
                rows("SELECT 1 IS DISTINCT FROM NULL, NULL IS DISTINCT FROM NULL, 1 IS NOT DISTINCT FROM 1, NULL IS NOT DISTINCT FROM NULL").get(0));
        assertEquals(Arrays.asList("t", "f", "t", "f"),
                rows("SELECT NULL::boolean IS UNKNOWN, true IS UNKNOWN, NULL::boolean IS NOT TRUE, NULL::boolean IS TRUE").get(0));
        assertNull(value("SELECT 1 IN (2, NULL)"));
        assertEquals("t", value("SELECT 1 IN (2, NULL, 1)"));
    }

    @Test
    void caseCoalesceNullif() {
        assertEquals("second", value("SELECT CASE WHEN 1 > 2 THEN 'first' WHEN 2 > 1 THEN 'second' ELSE 'third' END"));
        assertNull(value("SELECT CASE WHEN false THEN 1 END"));
        assertEquals("three", value("SELECT CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' ELSE 'other' END"));
        assertEquals("1", value("SELECT CASE WHEN true THEN 1 ELSE 2.5 END"));
        assertEquals("numeric", value("SELECT pg_typeof(CASE WHEN true THEN 1 ELSE 2.5 END)"));
        assertEquals("10", value("SELECT CASE WHEN 1 = 1 THEN 10 ELSE 1 / 0 END"));
        assertEquals("2", value("SELECT COALESCE(NULL, 2, 3)"));
        assertEquals("1", value("SELECT COALESCE(1, 1 / 0)"));
        assertNull(value("SELECT NULLIF(1, 1)"));
        assertEquals("1", value("SELECT NULLIF(1, 2)"));
    }

    @Test
    void stringFunctions() {
        assertEquals(Arrays.asList("abcdef", "n=42", "1.5x"), rows("SELECT 'abc' || 'def', 'n=' || 42, 1.5 || 'x'").get(0));
        assertNull(value("SELECT 'abc' || NULL"));
        assertEquals(Arrays.asList("5", "5", "6"), rows("SELECT length('hello'), char_length('héllo'), octet_length('héllo')").get(0));
        assertEquals(Arrays.asList("greSQL", "Post", "gre", "a", ""),
                rows("SELECT substring('PostgreSQL' FROM 5), substring('PostgreSQL' FROM 1 FOR 4), substring('PostgreSQL', 5, 3), substring('abc', 0, 2) , substring('abc', 10)").get(0));
        assertEquals(Arrays.asList("5", "0", "1"), rows("SELECT position('gre' IN 'PostgreSQL'), position('xyz' IN 'PostgreSQL'), position('' IN 'abc')").get(0));
        assertEquals(Arrays.asList("padded", "padded  ", "  padded"),
                rows("SELECT trim('  padded  '), trim(LEADING FROM '  padded  '), trim(TRAILING FROM '  padded  ')").get(0));
        assertEquals(Arrays.asList("hi", "hixy"), rows("SELECT trim(BOTH 'x' FROM 'xxhixx'), trim(LEADING 'xy' FROM 'xyxyhixy')").get(0));
        assertEquals(Arrays.asList("mixed", "MIXED"), rows("SELECT lower('MiXeD'), upper('MiXeD')").get(0));
        assertEquals(Arrays.asList("ab   ", "2", "t"), rows("SELECT 'ab'::char(5), length('ab'::char(5)), 'ab'::char(5) = 'ab   '::char(3)").get(0));
        assertEquals(Arrays.asList("abc", "x"), rows("SELECT 'abcdef'::varchar(3), 'xyz'::character(1)").get(0));
        assertEquals(Arrays.asList("t", "t", "f"), rows("SELECT 'hello' LIKE 'h%', 'hello' LIKE 'h_llo', 'Hello' LIKE 'h%'").get(0));
        assertEquals(Arrays.asList("t", "t"), rows("SELECT 'abc' < 'abd', 'B' < 'a'").get(0));
    }

    @Test
    void sessionFunctions() {
        assertEquals("PostgreSQL 15.18", value("SELECT version()").substring(0, 16));
        assertEquals(Arrays.asList("alice", "alice", "postgres", "4242"),
                rows("SELECT current_user, session_user, current_database(), pg_backend_pid()").get(0));
        assertEquals("4MB", value("SELECT current_setting('work_mem')"));
        assertNull(value("SELECT current_setting('nope', true)"));
        assertEquals("8MB", value("SELECT set_config('work_mem', '8MB', false)"));
        assertEquals("8MB", session.values.get("work_mem"));
        assertEquals("t", value("SELECT pg_reload_conf()"));
        String now = value("SELECT now()");
        assertEquals("+00", now.substring(now.length() - 3));
    }

    @Test
    void parametersTakeTheirTypeFromContext() {
        var q = prepare("SELECT $1 + 1, $2");
        assertEquals(23, q.parameterTypeOids()[0]);
        assertEquals(25, q.parameterTypeOids()[1]);
        assertEquals(Arrays.asList("42", "x"), rows("SELECT $1 + 1, $2", 41, "x").get(0));
        org.pgmini.error.PgException gap = org.junit.jupiter.api.Assertions.assertThrows(
                org.pgmini.error.PgException.class, () -> prepare("SELECT $2::int4"));
        assertEquals("42P18", gap.sqlState());
        assertEquals("could not determine data type of parameter $1", gap.getMessage());
        var declared = prepare("SELECT $1", 20);
        assertEquals(20, declared.parameterTypeOids()[0]);
        assertEquals("int8", declared.columns().get(0).type().name());
    }
}
