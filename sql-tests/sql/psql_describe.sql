--
-- psql's describe meta-commands (\d and friends) over a schema of our own: psql sends its
-- catalog queries (pg_class, pg_namespace, pg_am, pg_roles, regex patterns with
-- OPERATOR(pg_catalog.~), pg_table_is_visible, pg_get_userbyid ...) and prints the result.
-- Objects are created schema-qualified; search_path makes only this schema visible, since the
-- other tests of the suite create tables concurrently. \dt+ shows a table without varlena
-- columns only: PostgreSQL counts the index of the TOAST table in its size, and there is no
-- TOAST here.
--
CREATE SCHEMA psql_meta;
SET search_path = psql_meta;
CREATE TABLE psql_meta.items (id integer NOT NULL, name varchar(20) DEFAULT 'x', price numeric(10,2) CHECK (price > 0),
                    added timestamptz, note text);
CREATE TABLE psql_meta."Mixed Case" (a int);
CREATE SEQUENCE psql_meta.item_seq;
CREATE TABLE psql_meta.other (a int, b text);
\d
\dt
\ds
\dv
\di
\dt+ "Mixed Case"
\d item*
\dt psql_meta.*
\dt "Mixed Case"
\dt nosuch
\dn psql_meta
\dn psql_meta*
\dt pg_catalog.pg_clas?
\df
\df regexp_like
\df pg_catalog.regexp_count
CREATE TABLE psql_meta.serials (id serial, big bigserial);
\d psql_meta.serials_id_seq
\d psql_meta.serials
\x
SELECT relname, relkind FROM pg_catalog.pg_class WHERE relname = 'items';
\x
RESET search_path;
\dt psql_meta.*
DROP TABLE psql_meta.items, psql_meta."Mixed Case", psql_meta.other, psql_meta.serials;
DROP SEQUENCE psql_meta.item_seq;
DROP SCHEMA psql_meta;
