--
-- Transaction blocks without tables: BEGIN/COMMIT/ROLLBACK, their warnings,
-- aborted transactions, and psql's view of errors
--
BEGIN;
SELECT 1 AS in_transaction;
COMMIT;
START TRANSACTION;
SELECT 2 AS in_transaction;
ROLLBACK;
BEGIN WORK;
COMMIT WORK;
BEGIN TRANSACTION;
END;
BEGIN;
ABORT;
-- transaction modes are accepted
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
COMMIT;
BEGIN READ ONLY;
SHOW transaction_read_only;
COMMIT;
SHOW transaction_isolation;
SHOW transaction_read_only;
-- warnings for commands that do not fit the transaction state
COMMIT;
ROLLBACK;
END;
BEGIN;
BEGIN;
COMMIT;
-- an error aborts the transaction: everything until ROLLBACK fails with 25P02
BEGIN;
SELECT 1 AS before_error;
SELECT 1 / 0;
SELECT 2 AS after_error;
SHOW work_mem;
ROLLBACK;
SELECT 3 AS after_rollback;
-- COMMIT of an aborted transaction rolls it back and says ROLLBACK
BEGIN;
SELECT 'x'::int4;
SELECT 4;
COMMIT;
SELECT 5 AS session_usable;
-- psql's variables describe the last error
SELECT 1 / 0;
\echo :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE
\echo :LAST_ERROR_MESSAGE
SELECT 1 AS ok;
\echo :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE
-- the error in an aborted transaction block
BEGIN;
SELECT no_such_column;
SELECT 1;
\echo :SQLSTATE
ROLLBACK;
\echo :ERROR :SQLSTATE
-- several statements in one query string run in one implicit transaction;
-- an error stops the rest of the string
SELECT 1 AS first \; SELECT 1 / 0 \; SELECT 3 AS never_runs;
SELECT 4 AS next_query_runs;
-- BEGIN inside a multi-statement string starts a real block that outlives it
BEGIN \; SELECT 5 AS inside;
SELECT 6 AS still_inside;
COMMIT;
-- the SQLSTATEs
\set VERBOSITY sqlstate
BEGIN;
SELECT 1 / 0;
SELECT 1;
ROLLBACK;
\set VERBOSITY default
SELECT 'done' AS transactions;
