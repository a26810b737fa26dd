--
-- SELECT without FROM: literals, column names, several statements per line
--
SELECT 1;
SELECT 1 AS one, 2 AS two;
SELECT 'hello' AS greeting, 'world';
SELECT 42, 'answer', true, NULL;
-- unnamed expressions get PostgreSQL's generated names
SELECT 1 + 1, 'a' || 'b', -7, NOT false;
SELECT 3 AS "Mixed Case", 4 AS lower_case, 5 AS UPPER_CASE;
-- an empty select list is allowed
SELECT;
-- several statements on one line, each with its own result
SELECT 1 AS a; SELECT 2 AS b; SELECT 3 AS c;
-- empty statements are ignored
;
SELECT 'after empty statement' AS note;
-- numeric literal forms
SELECT 0, 00012, 1.5, .5, 5., 1e3, 1.5E-2, 2147483647, 2147483648, 9223372036854775808;
-- string literal forms
SELECT 'it''s' AS quote, E'tab\there' AS escaped, 'multi'
  'line' AS concatenated, '' AS empty;
SELECT U&'\0041\0042' AS unicode_escape, $$dollar 'quoted'$$ AS dollar, $tag$x$y$tag$ AS tagged;
-- a value with a newline is shown over several lines
SELECT E'line one\nline two' AS two_lines;
-- wide values and alignment
SELECT 'a' AS short, 'a much longer string value' AS long, 123456789 AS num;
SELECT -1 AS neg, +1 AS pos, - -1 AS double_neg;
-- comments inside a statement
SELECT /* block comment */ 10 AS ten -- line comment
, 20 AS twenty;
-- VALUES on its own
VALUES (1, 'one');
VALUES (1, 'one'), (2, 'two'), (3, 'three');
-- identifiers are folded to lower case unless quoted
SELECT 7 AS FoldedName;
SELECT 8 AS "KeepCase";
-- column aliases without AS
SELECT 9 nine, 'x' letter;
