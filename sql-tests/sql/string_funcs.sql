-- string functions of issue 5 (split_part .. starts_with, quoting, concat, concat_ws, format, greatest/least)
SELECT split_part('a,b,c', ',', 2) AS second, split_part('a,b,c', ',', 4) AS beyond, split_part('a,b,c', ',', -1) AS last,
       split_part('abc', '', 1) AS empty_delim, split_part('', ',', 1) AS empty;
SELECT split_part('a,b', ',', 0);
SELECT replace('abcabc', 'b', 'XX'), replace('abc', '', 'x') AS empty_from, replace('aaa', 'aa', 'b') AS overlap;
SELECT lpad('hi', 5) AS l1, lpad('hi', 5, 'xy') AS l2, lpad('hello', 3) AS l3, rpad('hi', 5, 'xy') AS r1,
       lpad('hi', -1) AS neg, lpad('hi', 5, '') AS no_fill, rpad('hi', 5) || '|' AS r2;
SELECT repeat('ab', 3), repeat('ab', 0) AS zero, repeat('ab', -1) AS neg, left('abcde', 2), left('abcde', -2) AS left_neg,
       right('abcde', 2), right('abcde', -2) AS right_neg, reverse('abc');
SELECT initcap('hello wORLD foo-bar o''neil'), starts_with('abc', 'ab'), starts_with('abc', 'b') AS no;
SELECT initcap('ÉCOLE élève'), reverse('héllo'), lpad('é', 3, 'ü'), length(repeat('é', 3));
SELECT quote_ident('Foo'), quote_ident('select'), quote_ident('ab_1'), quote_literal('x''y'), quote_literal('a\b'),
       quote_nullable(NULL);
SELECT concat('a', 1, NULL, true, 2.50, date '2020-01-01') AS c1, concat(NULL) AS c2, concat('x', 'y') AS c3;
SELECT concat_ws(',', 'a', NULL, 1, 'b') AS ws1, concat_ws(NULL, 'a') IS NULL AS ws2, concat_ws('-', 'only') AS ws3;
SELECT format('Hello %s, %I, %L', 'world', 'Col Name', 'it''s') AS f1, format('%1$s %1$s %2$s', 'a', 'b') AS f2,
       format('%L', NULL) AS f3, format('%I', 'abc') AS f4, format('%5s|%-5s|', 'a', 'b') AS f5, format('%%') AS f6,
       format(NULL) IS NULL AS f7;
SELECT format('%-3s|%3s|%*s|', 'x', 'y', 4, 'z') AS widths, format('%I', 'a"b') AS quoted, format('%L', 1) AS lit,
       format('%s and %s', 1.50, NULL) AS mixed;
SELECT format('%s %s', 1);
SELECT format('%x', 1);
SELECT format('%s %', 'a');
SELECT format('%0$s', 'a');
SELECT format('%I', NULL);
SELECT pg_typeof(concat('a')), pg_typeof(format('%s', 1)), pg_typeof(left('a', 1)), pg_typeof(lpad('a', 2));
SELECT greatest(1, 2.5, 3) AS g, least('b', 'a', NULL) AS l, greatest(NULL, NULL) AS gn, coalesce(NULL, 'x') AS c;
SET DateStyle = 'German';
SELECT format('d=%s', date '2020-02-01') AS uses_datestyle, concat(date '2020-02-01', '!') AS concat_datestyle;
