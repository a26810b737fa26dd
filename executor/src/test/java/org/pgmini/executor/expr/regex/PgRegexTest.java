package org.pgmini.executor.expr.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;

/** PostgreSQL's ARE semantics on java.util.regex; expected values checked against PostgreSQL 15. */
class PgRegexTest {
    private static boolean find(String s, String re) {
        return PgRegex.compile(re, new RegexOptions()).find(s);
    }

    private static String first(String s, String re) {
        PgRegex.Match m = PgRegex.compile(re, new RegexOptions()).match(s, 0);
        return m == null ? null : m.text(s);
    }

    private static String error(String re) {
        PgException e = assertThrows(PgException.class, () -> PgRegex.compile(re, new RegexOptions()));
        assertEquals("2201B", e.sqlState());
        return e.getMessage();
    }

    @Test
    void overallMatchIsLongestOrShortestAsPostgresDecides() {
        assertEquals("ab", first("abcd", "a|ab"));           // alternation: longest
        assertEquals("aab", first("aab", "a*(ab)?"));        // greedy: longest, where Java stops at "aa"
        assertEquals("bc", first("abcd", "b*?c"));           // the leftmost start wins first
        assertEquals("a", first("aaa", "a+?"));              // non-greedy: shortest
        assertEquals("aaa", first("aaa", "(a+?)*"));         // a quantified group is greedy itself
    }

    @Test
    void anchorsAndDotFollowPostgresNotJava() {
        assertFalse(find("ab\n", "b$"));                     // Java's $ would match before the final newline
        assertTrue(find("a\nb", "a.b"));                     // . matches newline by default
        PgRegex nl = PgRegex.compile("^b$", RegexOptions.parse("n", false, "f"));
        assertTrue(nl.find("a\nb\n"));
        assertFalse(PgRegex.compile("a.b", RegexOptions.parse("n", false, "f")).find("a\nb"));
        assertFalse(PgRegex.compile("a[^x]b", RegexOptions.parse("n", false, "f")).find("a\nb"));
        assertTrue(find("a\nb", "a[^x]b"));
    }

    @Test
    void escapesWithPostgresMeanings() {
        assertTrue(find("a\bb", "a\\bb"));                   // \b is backspace
        assertTrue(find("a\\b", "a\\Bb"));                   // \B is a backslash
        assertTrue(find("foo bar", "\\mbar\\M"));
        assertFalse(find("foobar", "\\ybar"));
        assertTrue(find("a\u000bb", "a\\vb"));
        assertTrue(find("A", "\\x41"));
        assertTrue(find("[]", "[]a]"));
        assertTrue(find("&", "[a&&b]"));
        assertTrue(find("a{,3}", "a{,3}"));
        assertTrue(find("abab", "^(ab)\\1$"));
        assertTrue(find("a1", "[[:alpha:]][[:digit:]]"));
        assertTrue(find("x", "(?i)X"));
        assertFalse(find("x", "***=x."));
        assertTrue(find("a b", "(?x) a \\  b"));
    }

    @Test
    void invalidRegularExpressionsRaisePostgresMessages() {
        assertEquals("invalid regular expression: parentheses () not balanced", error("("));
        assertEquals("invalid regular expression: parentheses () not balanced", error("a)"));
        assertEquals("invalid regular expression: brackets [] not balanced", error("[a"));
        assertEquals("invalid regular expression: braces {} not balanced", error("a{3"));
        assertEquals("invalid regular expression: invalid repetition count(s)", error("a{300}"));
        assertEquals("invalid regular expression: invalid repetition count(s)", error("a{2,1}"));
        assertEquals("invalid regular expression: quantifier operand invalid", error("a**"));
        assertEquals("invalid regular expression: quantifier operand invalid", error("*a"));
        assertEquals("invalid regular expression: quantifier operand invalid", error("(?<n>a)"));
        assertEquals("invalid regular expression: invalid escape \\ sequence", error("\\q"));
        assertEquals("invalid regular expression: invalid character range", error("[b-a]"));
        assertEquals("invalid regular expression: invalid backreference number", error("\\2(a)"));
        assertEquals("invalid regular expression: invalid character class", error("[[:foo:]]"));
    }

    @Test
    void similarToTranslationAndSubstring() {
        assertEquals("^(?:a.*b)$", SimilarTo.toRegex("a%b", null));
        assertEquals("^(?:a\\%b)$", SimilarTo.toRegex("a#%b", "#"));
        assertEquals("oma", SimilarTo.substring("Thomas", "%#\"o_a#\"_", "#"));
        assertNull(SimilarTo.substring("Thomas", "#\"o_a#\"_", "#"));
        assertTrue(PgRegex.compile(SimilarTo.toRegex("%(b|d)%", null), new RegexOptions()).find("abc"));
    }

    @Test
    void flagsAreCheckedLikePostgres() {
        PgException e = assertThrows(PgException.class, () -> RegexOptions.parse("z", true, "regexp_replace()"));
        assertEquals("invalid regular expression option: \"z\"", e.getMessage());
        e = assertThrows(PgException.class, () -> RegexOptions.parse("g", false, "regexp_count()"));
        assertEquals("regexp_count() does not support the \"global\" option", e.getMessage());
    }
}
