package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.write.DbSession;

/**
 * The catalog functions and relations clients read, over real tables; the expected strings are
 * what PostgreSQL 15 returns for the same definitions.
 */
class CatalogForClientsTest {
    @TempDir
    Path dir;
    private DbSession s;

    @BeforeEach
    void setUp() throws Exception {
        s = new DbSession(TestDatabase.create(dir));
    }

    @AfterEach
    void tearDown() {
        s.close();
    }

    private String one(String sql) {
        return s.run(sql).rows().get(0).get(0);
    }

    @Test
    void defaultsAndChecksAreDeparsedLikeRuleutils() {
        s.run("create table d1 (a int default 5, b numeric default 5, c numeric(10,2) default 1.5, d bigint default 7, "
                + "e text default 'x', f varchar(10) default 'y', g int default -1, h boolean default true, "
                + "i timestamptz default now(), j float8 default 2.5, k int default 1+2, l text default 'a' || 'b', "
                + "n numeric default -2.5, o date default current_date, x char(3) default 'ab', id serial, "
                + "q int check (q > 0 and q < 100), r numeric check (r > 1.5), s text check (s <> ''), "
                + "t int check (t in (1,2,3)), u text check (length(u) > 2), v int check (v is not null), "
                + "y float8 check (y > 0))");
        List<List<String>> defs = s.run("select a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid, true), "
                + "pg_catalog.pg_get_expr(d.adbin, d.adrelid) from pg_catalog.pg_attrdef d join pg_catalog.pg_attribute a "
                + "on a.attrelid = d.adrelid and a.attnum = d.adnum where d.adrelid = 'd1'::regclass order by d.adnum").rows();
        assertEquals(List.of(
                List.of("a", "5", "5"), List.of("b", "5", "5"), List.of("c", "1.5", "1.5"), List.of("d", "7", "7"),
                List.of("e", "'x'::text", "'x'::text"), List.of("f", "'y'::character varying", "'y'::character varying"),
                List.of("g", "'-1'::integer", "'-1'::integer"), List.of("h", "true", "true"), List.of("i", "now()", "now()"),
                List.of("j", "2.5", "2.5"), List.of("k", "1 + 2", "(1 + 2)"),
                List.of("l", "'a'::text || 'b'::text", "('a'::text || 'b'::text)"),
                List.of("n", "'-2.5'::numeric", "'-2.5'::numeric"), List.of("o", "CURRENT_DATE", "CURRENT_DATE"),
                List.of("x", "'ab'::bpchar", "'ab'::bpchar"),
                List.of("id", "nextval('d1_id_seq'::regclass)", "nextval('d1_id_seq'::regclass)")), defs);
        List<List<String>> checks = s.run("select conname, pg_catalog.pg_get_constraintdef(oid, true), "
                + "pg_catalog.pg_get_constraintdef(oid) from pg_catalog.pg_constraint where conrelid = 'd1'::regclass "
                + "order by conname").rows();
        assertEquals(List.of(
                List.of("d1_q_check", "CHECK (q > 0 AND q < 100)", "CHECK (((q > 0) AND (q < 100)))"),
                List.of("d1_r_check", "CHECK (r > 1.5)", "CHECK ((r > 1.5))"),
                List.of("d1_s_check", "CHECK (s <> ''::text)", "CHECK ((s <> ''::text))"),
                List.of("d1_t_check", "CHECK (t = ANY (ARRAY[1, 2, 3]))", "CHECK ((t = ANY (ARRAY[1, 2, 3])))"),
                List.of("d1_u_check", "CHECK (length(u) > 2)", "CHECK ((length(u) > 2))"),
                List.of("d1_v_check", "CHECK (v IS NOT NULL)", "CHECK ((v IS NOT NULL))"),
                List.of("d1_y_check", "CHECK (y > 0::double precision)", "CHECK ((y > (0)::double precision))")), checks);
    }

    @Test
    void formatTypeVisibilityRegclassAndSizes() {
        s.run("create schema other");
        s.run("create table other.t (a int)");
        s.run("create table t (a varchar(20), b numeric(10,2), c timestamptz, d char(3), e timestamp(3))");
        assertEquals(List.of(List.of("character varying(20)", "numeric(10,2)", "timestamp with time zone", "character(3)",
                "timestamp(3) without time zone")), s.run("select format_type(1043, 24), format_type(1700, 655366), "
                + "format_type(1184, -1), format_type(1042, 7), format_type(1114, 3)").rows());
        assertEquals(List.of(java.util.Arrays.asList("bpchar", "character", "???", null)),
                s.run("select format_type(1042, -1), format_type(1042, null), format_type(123456, -1), format_type(null, 1)").rows());
        assertEquals("t", one("select pg_table_is_visible('t'::regclass)"));
        assertEquals("f", one("select pg_table_is_visible('other.t'::regclass)"));
        assertEquals("other.t", one("select 'other.t'::regclass::text"));
        assertEquals("t", one("select 't'::regclass::text"));
        assertEquals("pg_class", one("select 1259::regclass::text"));
        // without a role file (a test database) the bootstrap superuser is the session's user
        assertEquals(one("select current_user"), one("select pg_get_userbyid(10)"));
        assertEquals("pg_database_owner", one("select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public'"));
        assertEquals("unknown (OID=42)", one("select pg_get_userbyid(42)"));
        assertEquals("UTF8", one("select pg_encoding_to_char(encoding) from pg_database where datname = 'postgres'"));
        assertEquals("0 bytes", one("select pg_size_pretty(pg_relation_size('t'))"));
        assertEquals(List.of(List.of("10 kB", "20 MB", "1024 bytes", "10239 bytes")), s.run("select pg_size_pretty(10240::int8), "
                + "pg_size_pretty(20971520::int8), pg_size_pretty(1024::int8), pg_size_pretty(10239::int8)").rows());
        assertEquals("heap", one("select am.amname from pg_class c join pg_am am on am.oid = c.relam where c.relname = 't'"));
    }
}
