--
-- ORDER BY (columns, output names, ordinals, expressions, ASC/DESC, NULLS FIRST/LAST),
-- LIMIT/OFFSET, DISTINCT with ORDER BY, and their errors
--
CREATE TABLE ord_t (id int4, v int4, t text);
INSERT INTO ord_t VALUES (1, 30, 'pear'), (2, NULL, 'apple'), (3, 10, 'fig'), (4, 20, NULL), (5, 10, 'kiwi'),
    (6, NULL, 'date');
SELECT id, v FROM ord_t ORDER BY v, id;
SELECT id, v FROM ord_t ORDER BY v DESC, id;
SELECT id, v FROM ord_t ORDER BY v NULLS FIRST, id;
SELECT id, v FROM ord_t ORDER BY v DESC NULLS LAST, id DESC;
SELECT id, t FROM ord_t ORDER BY t;
SELECT id AS k, v FROM ord_t ORDER BY k DESC;
SELECT id, v FROM ord_t ORDER BY 2, 1;
SELECT id FROM ord_t ORDER BY v % 20, id;
SELECT t FROM ord_t ORDER BY length(t) DESC, t;
SELECT id, v FROM ord_t ORDER BY id LIMIT 3;
SELECT id, v FROM ord_t ORDER BY id LIMIT 2 OFFSET 2;
SELECT id FROM ord_t ORDER BY id OFFSET 4;
SELECT id FROM ord_t ORDER BY id LIMIT ALL;
SELECT id FROM ord_t ORDER BY id LIMIT 0;
SELECT id FROM ord_t ORDER BY id DESC FETCH FIRST 2 ROWS ONLY;
SELECT DISTINCT v FROM ord_t ORDER BY v;
SELECT DISTINCT v FROM ord_t ORDER BY v DESC NULLS LAST;
SELECT x FROM generate_series(1, 100) AS x ORDER BY x DESC LIMIT 3;
SELECT count(*) FROM (SELECT id FROM ord_t ORDER BY id LIMIT 4) s;
-- errors
SELECT id FROM ord_t ORDER BY 3;
SELECT DISTINCT v FROM ord_t ORDER BY id;
SELECT id FROM ord_t ORDER BY nosuch;
DROP TABLE ord_t;
