package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** split_part, replace, lpad/rpad, repeat, left/right, reverse, initcap, starts_with, quote_*, concat, concat_ws, format: PostgreSQL 15's results. */
class StringFunctionsTest extends EngineTestSupport {
    @Test
    void fixedArgumentFunctions() {
        assertRow("select split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -1),"
                + " split_part('abc', '', 1), split_part('', ',', 1)", "b", "", "c", "abc", "");
        assertError("select split_part('a,b', ',', 0)", "22023", "field position must not be zero");
        assertRow("select replace('abcabc', 'b', 'XX'), replace('abc', '', 'x'), replace('aaa', 'aa', 'b')", "aXXcaXXc", "abc", "ba");
        assertRow("select lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), rpad('hi', 5, 'xy'), lpad('hi', -1),"
                + " lpad('hi', 5, ''), rpad('hi', 5, '')", "   hi", "xyxhi", "hel", "hixyx", "", "hi", "hi");
        assertRow("select repeat('ab', 3), repeat('ab', 0), repeat('ab', -1), left('abcde', 2), left('abcde', -2), right('abcde', 2),"
                + " right('abcde', -2), reverse('abc'), initcap('hello wORLD foo-bar o''neil'), starts_with('abc', 'ab'),"
                + " starts_with('abc', 'b')", "ababab", "", "", "ab", "abc", "de", "cde", "cba", "Hello World Foo-Bar O'Neil", "t", "f");
        assertRow("select initcap('ÉCOLE élève'), reverse('héllo'), lpad('é', 3, 'ü'), length(repeat('é', 3))",
                "ÉCole éLèVe", "olléh", "üüé", "3");
        assertRow("select quote_ident('Foo'), quote_ident('select'), quote_ident('ab_1'), quote_literal('x''y'), quote_nullable(null)",
                "\"Foo\"", "\"select\"", "ab_1", "'x''y'", "NULL");
        assertRow("select pg_typeof(concat('a')), pg_typeof(format('%s', 1)), pg_typeof(left('a', 1)), pg_typeof(lpad('a', 2))",
                "text", "text", "text", "text");
    }

    @Test
    void concatAndFormat() {
        assertEquals(Arrays.asList("a1t2.502020-01-01", ""),
                rows("select concat('a', 1, null, true, 2.50, date '2020-01-01'), concat(null)").get(0));
        assertEquals(Arrays.asList("a,1,b", null), rows("select concat_ws(',', 'a', null, 1, 'b'), concat_ws(null, 'a')").get(0));
        assertEquals(Arrays.asList("Hello world, \"Col Name\", 'it''s'", "a a b", "NULL", "abc", "    a|b    |", "%", null),
                rows("select format('Hello %s, %I, %L', 'world', 'Col Name', 'it''s'), format('%1$s %1$s %2$s', 'a', 'b'),"
                        + " format('%L', null), format('%I', 'abc'), format('%5s|%-5s|', 'a', 'b'), format('%%'), format(null)").get(0));
        assertRow("select format('%-3s|%3s|%*s|', 'x', 'y', 4, 'z'), format('%I', 'a\"b'), format('%L', 'a\\b'), format('%L', 1)",
                "x  |  y|   z|", "\"a\"\"b\"", "E'a\\\\b'", "'1'");
        assertError("select format('%s %s', 1)", "22023", "too few arguments for format()");
        assertError("select format('%x', 1)", "22023", "unrecognized format() type specifier \"x\"");
        assertError("select format('%s %', 'a')", "22023", "unterminated format() type specifier");
        assertError("select format('%0$s', 'a')", "22023", "format specifies argument 0, but arguments are numbered from 1");
        assertError("select format('%I', null)", "22004", "null values cannot be formatted as an SQL identifier");
        session.values.put("DateStyle", "German");
        assertEquals("d=01.02.2020", value("select format('d=%s', date '2020-02-01')"));
    }
}
