--
-- The query forms of issue 5 combined: windows over joins and subqueries, DISTINCT ON with windows,
-- recursion over joins, set operations over aggregates, LATERAL with aggregates, ALL with correlation
--
CREATE TABLE fa (id int4, grp text, val numeric(6,2));
CREATE TABLE fb (id int4, fa_id int4, qty int4);
insert into fa values (1,'x',1.5),(2,'x',2.25),(3,'y',null),(4,'y',4),(5,'z',0.5);
insert into fb values (1,1,3),(2,1,4),(3,2,1),(4,4,7),(5,4,2),(6,9,5);
select fa.grp, fa.id, sum(fb.qty) over (partition by fa.grp order by fa.id), rank() over (order by coalesce(fb.qty, 0) desc, fb.id) from fa left join fb on fb.fa_id = fa.id order by 1, 2, 4;
select distinct on (grp) grp, id, row_number() over (partition by grp order by id desc) from fa order by grp, id;
select id, (select count(*) from fb where fb.fa_id = fa.id) as n, rank() over (order by (select count(*) from fb where fb.fa_id = fa.id) desc, id) from fa order by id;
with recursive r(id, total) as (select id, qty from fb where id = 1 union all select fb.id, r.total + fb.qty from fb join r on fb.id = r.id + 1) select * from r;
select grp, string_agg(id::text, ',' order by id desc) filter (where val is not null), bool_or(val > 2), stddev_pop(val) from fa group by grp order by grp;
select * from (select grp, count(*) c from fa group by grp union all select 'total', count(*) from fa) s order by c desc, grp;
select grp from fa except select grp from fa where val > 3 order by 1;
select id, lag(val, 2) over w, lead(val) over w, first_value(val) over w from fa window w as (order by id) order by id;
select fa.id, x.m from fa, lateral (select max(qty) m from fb where fb.fa_id = fa.id) x where x.m is not null order by 1;
select id from fa where val > all (select val / 2 from fa f2 where f2.grp = fa.grp and f2.id <> fa.id) order by 1;
select percentile from (select cume_dist() over (order by val nulls first) as percentile from fa) s order by 1;
with t as (select grp, avg(val) a from fa group by grp) select t1.grp, t2.grp from t t1 join t t2 on t1.a < t2.a order by 1, 2;
select count(*) filter (where qty > 2) * 100 / count(*) from fb;
select fa.grp, count(distinct fb.fa_id), string_agg(distinct fa.grp, '|') from fa join fb on fa.id = fb.fa_id group by fa.grp order by 1;
DROP TABLE fa;
DROP TABLE fb;
