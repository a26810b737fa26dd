-- one-dimensional arrays: I/O, constructors, subscripts, ANY/ALL, functions, tables
SELECT '{1,2,3}'::int[] AS a, '{}'::text[] AS empty, '{NULL, 1}'::int4[] AS with_null;
SELECT '{a,"b c","",NULL,"NULL","x\"y","back\\slash", "{braces}"}'::text[];
SELECT '{ 1 , 2 }'::int2[], '{t,f,null}'::bool[], '{1.50,2}'::numeric[], '{1.5e3}'::float8[];
SELECT '[1:2]={7,8}'::int[];
SELECT ARRAY[1, 2, 3], ARRAY['a', 'b'], ARRAY[1, 2.5], ARRAY[NULL::int, 1];
SELECT ARRAY[]::int[], ARRAY['1', '2']::int8[], ARRAY[1, 2]::text[];
SELECT pg_typeof(ARRAY[1]), pg_typeof(ARRAY[1::int8]), pg_typeof(ARRAY['x']), pg_typeof('{}'::varchar[]);
SELECT (ARRAY[10, 20, 30])[2], (ARRAY[10, 20, 30])[4], (ARRAY[10, 20, 30])[0], (ARRAY[10, 20])[NULL];
SELECT 2 = ANY(ARRAY[1, 2, 3]), 5 = ANY(ARRAY[1, 2]), 5 = ANY(ARRAY[1, NULL]), 1 = ANY('{}'::int[]);
SELECT 5 > ALL(ARRAY[1, 2]), 2 > ALL(ARRAY[1, 2]), 5 > ALL(ARRAY[1, NULL]), NULL::int = ALL('{}'::int[]);
SELECT 'b' = SOME(ARRAY['a', 'b']), 3 <> ALL('{1,2}'), 1.5 < ANY(ARRAY[1, 2]);
SELECT ARRAY[1, 2] = ARRAY[1, 2], ARRAY[1, 2] < ARRAY[1, 3], ARRAY[1] < ARRAY[1, 0], ARRAY[1, NULL] = ARRAY[1, NULL];
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[1] || ARRAY[2, 3], array_append(ARRAY['a'], 'b'), array_prepend(0, ARRAY[1]), array_cat(ARRAY[1], ARRAY[2]);
SELECT array_length(ARRAY[1, 2, 3], 1), array_length(ARRAY[1], 2), array_length('{}'::int[], 1), cardinality(ARRAY[1, 2]), cardinality('{}'::int[]);
SELECT array_upper(ARRAY[5, 6], 1), array_lower(ARRAY[5, 6], 1), array_ndims(ARRAY[1]), array_dims(ARRAY[1, 2, 3]);
SELECT array_to_string(ARRAY[1, NULL, 3], ','), array_to_string(ARRAY[1, NULL, 3], ',', '*'), array_to_string(ARRAY['a', 'b'], '');
SELECT string_to_array('a,b,,c', ','), string_to_array('a,b,,c', ',', ''), string_to_array('abc', NULL), string_to_array('', ','), string_to_array('a b', '');
SELECT array_position(ARRAY['x', 'y', 'z'], 'y'), array_position(ARRAY[1, 2], 3), array_remove(ARRAY[1, 2, 1, NULL], 1), array_remove(ARRAY[1, NULL], NULL);
SELECT unnest(ARRAY[1, NULL, 3]);
SELECT x, unnest(ARRAY[x, x * 10]) FROM generate_series(1, 2) x;
SELECT * FROM unnest(ARRAY['a', 'b']) AS u;
SELECT pg_catalog.unnest(ARRAY[7, 8]), 'pg_catalog.unnest(' AS text_kept;
SELECT x FROM pg_catalog . unnest('{p,q}'::text[]) x;
SELECT u.v FROM unnest('{1.5,2.5,3.5}'::numeric[]) AS u(v) WHERE v > 2;
SELECT ARRAY(SELECT g * 2 FROM generate_series(1, 4) g ORDER BY g DESC);
SELECT ARRAY(SELECT 1 WHERE false);
CREATE TABLE arr_t (id int, tags text[], nums int8[], prices numeric(6,2)[]);
INSERT INTO arr_t VALUES (1, '{red,green}', '{1,2,3}', '{1.5,2}'), (2, ARRAY['blue'], ARRAY[]::int8[], NULL), (3, NULL, '{NULL,7}', '{0.125}');
SELECT * FROM arr_t ORDER BY id;
SELECT id, tags[1], nums[2], array_length(tags, 1) FROM arr_t ORDER BY id;
SELECT id FROM arr_t WHERE 'blue' = ANY(tags) OR 7 = ANY(nums) ORDER BY id;
SELECT id FROM arr_t WHERE id = ANY('{1,3}') ORDER BY id;
SELECT id, t FROM arr_t, unnest(ARRAY['p', 'q']) t WHERE id < 3 ORDER BY id, t;
UPDATE arr_t SET tags = tags || 'yellow' WHERE id = 1 RETURNING tags;
SELECT tags, count(*) FROM arr_t GROUP BY tags ORDER BY tags;
SELECT array_agg(id), array_agg(tags[1]) FROM (SELECT * FROM arr_t ORDER BY id) s;
SELECT array_agg(DISTINCT x) FROM (VALUES (3), (1), (NULL), (3)) v(x);
SELECT array_agg(x) FROM (VALUES (1)) v(x) WHERE false;
-- array_agg keeps NULLs: with ORDER BY, FILTER, DISTINCT and as a window function
SELECT array_agg(b ORDER BY a DESC), array_agg(DISTINCT b ORDER BY b), array_agg(b) FILTER (WHERE a > 1),
       array_agg(b ORDER BY a) FILTER (WHERE a < 3), count(b) FILTER (WHERE a > 1)
FROM (VALUES (1, 'x'), (2, NULL), (3, 'z')) v(a, b);
SELECT a, array_agg(b) OVER (ORDER BY a) FROM (VALUES (1, 'x'), (2, NULL), (3, 'z')) v(a, b);
-- the catalogs' vectors: space-separated, subscripts from 0
SELECT '1 2  3'::int2vector AS v, ('1 2 3'::int2vector)[0] AS first, ('1 2 3'::int2vector)[2] AS last, ('1 2'::int2vector)[5] AS outside;
SELECT 2 = ANY('1 2 3'::int2vector), 26 <> ALL('23 25'::oidvector), ''::oidvector IS NULL, pg_typeof('1'::oidvector);
-- errors
SELECT '{1,2'::int[];
SELECT '1,2'::int[];
SELECT '{1,2}x'::int[];
SELECT '{a}'::int[];
SELECT ARRAY[];
SELECT x[1] FROM (VALUES (1)) v(x);
SELECT 1 = ANY(1);
INSERT INTO arr_t VALUES (4, '{"unterminated}');
DROP TABLE arr_t;
