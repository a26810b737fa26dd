--
-- Configuration parameters: SHOW, SET, RESET, SET LOCAL, current_setting,
-- set_config, pg_settings, and the errors for unknown names, bad values and
-- parameters that cannot be changed in a session
--
-- values that pg_regress's environment sets when connecting
SHOW DateStyle;
SHOW TimeZone;
SHOW IntervalStyle;
SHOW application_name;
SHOW client_encoding;
-- defaults
SHOW work_mem;
SHOW statement_timeout;
SHOW extra_float_digits;
SHOW client_min_messages;
SHOW search_path;
SHOW server_encoding;
SHOW standard_conforming_strings;
SHOW integer_datetimes;
SHOW max_connections;
SHOW shared_buffers;
SHOW max_worker_processes;
SHOW max_parallel_workers_per_gather;
SHOW parallel_setup_cost;
SHOW parallel_tuple_cost;
SHOW min_parallel_table_scan_size;
-- names are case-insensitive
SHOW WORK_MEM;
SHOW datestyle;
-- SET with units; SHOW prints the value in the largest unit that divides it
SET work_mem = '8MB';
SHOW work_mem;
SET work_mem TO 2048;
SHOW work_mem;
SET work_mem = '65536kB';
SHOW work_mem;
SET work_mem = '1GB';
SHOW work_mem;
SET statement_timeout = '90s';
SHOW statement_timeout;
SET statement_timeout = 1500;
SHOW statement_timeout;
SET statement_timeout = '2min';
SHOW statement_timeout;
SET statement_timeout = 0;
SHOW statement_timeout;
-- other kinds of values: real, bool, enum, string, list
SET parallel_tuple_cost = 0.25;
SHOW parallel_tuple_cost;
SET parallel_leader_participation = off;
SHOW parallel_leader_participation;
SET parallel_leader_participation = 'yes';
SHOW parallel_leader_participation;
SET client_min_messages = WARNING;
SHOW client_min_messages;
SET application_name = 'guc test';
SHOW application_name;
SET search_path = public, pg_catalog;
SHOW search_path;
SET SESSION extra_float_digits = 2;
SHOW extra_float_digits;
SET DateStyle = 'ISO, DMY';
SHOW DateStyle;
-- RESET returns to the value the session started with
RESET work_mem;
SHOW work_mem;
SET work_mem TO DEFAULT;
SHOW work_mem;
RESET ALL;
SHOW client_min_messages;
SHOW extra_float_digits;
SHOW search_path;
SHOW DateStyle;
SHOW application_name;
-- SET inside a transaction is undone by ROLLBACK and kept by COMMIT
BEGIN;
SET work_mem = '16MB';
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
BEGIN;
SET work_mem = '16MB';
COMMIT;
SHOW work_mem;
-- SET LOCAL lasts until the end of the transaction, whatever its outcome
BEGIN;
SET LOCAL work_mem = '32MB';
SHOW work_mem;
COMMIT;
SHOW work_mem;
BEGIN;
SET LOCAL extra_float_digits = 0;
SELECT 1::float8 / 3 AS local_digits;
ROLLBACK;
SELECT 1::float8 / 3 AS default_digits;
-- SET LOCAL outside a transaction block has no effect
SET LOCAL work_mem = '1MB';
SHOW work_mem;
-- a SET after SET LOCAL in the same transaction wins at commit
BEGIN;
SET LOCAL work_mem = '5MB';
SET work_mem = '6MB';
SHOW work_mem;
COMMIT;
SHOW work_mem;
-- an error aborts the transaction and the SET with it
BEGIN;
SET work_mem = '7MB';
SELECT 1 / 0;
ROLLBACK;
SHOW work_mem;
RESET work_mem;
-- current_setting and set_config
SELECT current_setting('work_mem') AS work_mem, current_setting('DateStyle') AS datestyle;
SELECT current_setting('no_such_setting', true) IS NULL AS missing_ok;
SELECT set_config('work_mem', '3MB', false) AS set_session;
SHOW work_mem;
BEGIN;
SELECT set_config('work_mem', '9MB', true) AS set_local;
SELECT current_setting('work_mem') AS inside;
COMMIT;
SELECT current_setting('work_mem') AS after_commit;
RESET work_mem;
-- pg_settings
SELECT name, setting, unit, context, vartype
  FROM pg_settings
 WHERE name IN ('work_mem', 'shared_buffers', 'max_connections', 'statement_timeout',
                'extra_float_digits', 'client_min_messages', 'parallel_tuple_cost',
                'parallel_leader_participation', 'server_encoding', 'search_path')
 ORDER BY name;
SET work_mem = '12MB';
SELECT name, setting, unit, source FROM pg_settings WHERE name = 'work_mem';
RESET work_mem;
SELECT name, setting, source FROM pg_settings WHERE name = 'work_mem';
-- unknown parameters: 42704
SHOW no_such_parameter;
SET no_such_parameter = 1;
SELECT current_setting('no_such_parameter');
RESET no_such_parameter;
-- invalid values: 22023
SET work_mem = 'lots';
SET work_mem = '10 parsecs';
SET work_mem = 10;
SET extra_float_digits = 4;
SET parallel_leader_participation = 'maybe';
SET client_min_messages = 'chatty';
SET parallel_tuple_cost = 'cheap';
-- parameters that a session cannot change: 55P02
SET max_connections = 10;
SET shared_buffers = '1GB';
SET server_version = '99';
SET server_encoding = 'LATIN1';
-- the SQLSTATEs
\set VERBOSITY sqlstate
SET no_such_parameter = 1;
SET work_mem = 'lots';
SET max_connections = 10;
SET server_version = '99';
\set VERBOSITY default
-- failed SETs leave the old value in place
SHOW work_mem;
SHOW max_connections;
