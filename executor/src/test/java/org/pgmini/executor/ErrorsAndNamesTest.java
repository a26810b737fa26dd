package org.pgmini.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.ColumnDescription;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.StatementKind;

class ErrorsAndNamesTest extends EngineTestSupport {
    private void expect(String sql, String state, String message, int position) {
        PgException e = error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
        if (position >= 0) {
            assertEquals(position, e.position(), sql);
        }
    }

    @Test
    void parametersWithoutValuesAreUndefinedInASimpleQuery() {
        // a simple Query binds no values: PostgreSQL has no parameters there at all
        expect("SELECT $1", "42P02", "there is no parameter $1", 8);
        expect("SELECT 1 + 2, $2::int4 + $1", "42P02", "there is no parameter $2", 15);
        expect("SELECT 'a' || $2, $1", "42P02", "there is no parameter $2", 15);
    }

    @Test
    void dataErrors() {
        expect("SELECT 1 / 0", "22012", "division by zero", -1);
        expect("SELECT 1.5 / 0", "22012", "division by zero", -1);
        expect("SELECT 1::float8 / 0", "22012", "division by zero", -1);
        expect("SELECT 5 % 0", "22012", "division by zero", -1);
        expect("SELECT 2147483647 + 1", "22003", "integer out of range", -1);
        expect("SELECT 32767::int2 + 1::int2", "22003", "smallint out of range", -1);
        expect("SELECT 9223372036854775807::int8 + 1", "22003", "bigint out of range", -1);
        expect("SELECT (-2147483648)::int4 / (-1)::int4", "22003", "integer out of range", -1);
        expect("SELECT 70000::int4::int2", "22003", "smallint out of range", -1);
        expect("SELECT 'abc'::int4", "22P02", "invalid input syntax for type integer: \"abc\"", 8);
        expect("SELECT '2147483648'::int4", "22003", "value \"2147483648\" is out of range for type integer", -1);
        expect("SELECT 'maybe'::boolean", "22P02", "invalid input syntax for type boolean: \"maybe\"", -1);
        expect("SELECT 123.45::numeric(4,2)", "22003", "numeric field overflow", -1);
        expect("SELECT 1e308::float8 * 10", "22003", "value out of range: overflow", -1);
        expect("SELECT 1 + 'abc'", "22P02", "invalid input syntax for type integer: \"abc\"", -1);
    }

    @Test
    void undefinedFunctionsAndOperators() {
        PgException e = error("SELECT foo(1)");
        assertEquals("42883", e.sqlState());
        assertEquals("function foo(integer) does not exist", e.getMessage());
        assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.", e.hint());
        assertEquals(8, e.position());
        expect("SELECT 'a'::text + 1", "42883", "operator does not exist: text + integer", 18);
        expect("SELECT true::float8", "42846", "cannot cast type boolean to double precision", 12);
        expect("SELECT - 'abc'::text", "42883", "operator does not exist: - text", -1);
        expect("SELECT length(12345)", "42883", "function length(integer) does not exist", -1);
        expect("SELECT true::float8", "42846", "cannot cast type boolean to double precision", -1);
        expect("SELECT nonexistent_column", "42703", "column \"nonexistent_column\" does not exist", 8);
    }

    @Test
    void syntaxErrorsCarryPositions() {
        expect("SELECT 1 +", "42601", "syntax error at end of input", 11);
        expect("SELECT 1 +;", "42601", "syntax error at or near \";\"", 11);
        expect("SELEC 1", "42601", "syntax error at or near \"SELEC\"", 1);
        expect("SELECT 1 2", "42601", "syntax error at or near \"2\"", 10);
        expect("SELECT (1 + 2))", "42601", "syntax error at or near \")\"", 15);
        expect("SELECT 1 select", "42601", "syntax error at or near \"select\"", 10);
        expect("SELECT 1,\n       2,\n       3 4", "42601", "syntax error at or near \"4\"", 30);
        expect("SELECT 1; SELECT 1 2", "42601", "syntax error at or near \"2\"", 20);
        expect("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql", "0A000", "CREATE is not supported yet", 1);
        expect("SELECT 1 < 2 < 3", "42601", "syntax error at or near \"<\"", 14);
        assertEquals(List.of(List.of("t", "f")), rows("SELECT (1 < 2) = (2 < 3), ((1 < 2) < (3 < 2)) = true"));
        expect("SELECT (1 < 2) < (3 < 2) = false", "42601", "syntax error at or near \"=\"", 26);
        assertEquals(1, rows("SELECT").size());
        assertEquals(0, prepare("SELECT").columns().size());
    }

    private List<String> names(String sql) {
        return prepare(sql).columns().stream().map(ColumnDescription::name).collect(Collectors.toList());
    }

    @Test
    void columnNamesFollowFigureColname() {
        assertEquals(List.of("?column?"), names("SELECT 1"));
        assertEquals(List.of("a"), names("SELECT 1 AS a"));
        assertEquals(List.of("abs"), names("SELECT abs(-1)"));
        assertEquals(List.of("text"), names("SELECT CAST(1 AS text)"));
        assertEquals(List.of("int8", "int4", "text", "numeric", "float8", "bpchar", "varchar"),
                names("SELECT 1::int8, CAST(1 AS integer), '1'::int4::text, 1::numeric(5,2), 1::double precision, 'a'::char(2), 'a'::varchar"));
        assertEquals(List.of("?column?", "case", "coalesce", "nullif", "current_user", "substring", "btrim", "position"),
                names("SELECT true, CASE WHEN true THEN 1 END, coalesce(1), nullif(1,2), current_user, substring('a', 1), trim('a'), position('a' in 'b')"));
        assertEquals(List.of("foldedname", "KeepCase", "nine"), names("SELECT 7 AS FoldedName, 8 AS \"KeepCase\", 9 nine"));
        assertEquals("text", prepare("SELECT 'a'").columns().get(0).type().name());
        assertEquals(List.of("column1", "column2"), names("VALUES (1, 'one')"));
    }

    @Test
    void statementsSplitAndKinds() {
        List<ParsedStatement> ps = ENGINE.parse("SELECT 1; ;BEGIN; COMMIT -- c\n; /* a /* nested */ b */ ROLLBACK; SHOW x");
        assertEquals(List.of(StatementKind.QUERY, StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK, StatementKind.UTILITY),
                ps.stream().map(ParsedStatement::kind).collect(Collectors.toList()));
        assertEquals("SELECT 1", ps.get(0).sql());
        assertEquals(StatementKind.EMPTY, ENGINE.parse("  -- only a comment\n").get(0).kind());
        assertEquals(StatementKind.EMPTY, ENGINE.parse(";;").get(0).kind());
    }
}
