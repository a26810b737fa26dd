-- WAL position functions (answered by the server's WAL)
SELECT pg_current_wal_lsn() > '0/0' AS wal_lsn, pg_current_wal_insert_lsn() >= pg_current_wal_lsn() AS insert_ahead,
       length(pg_walfile_name(pg_current_wal_lsn())) AS walfile_len;
