package org.pgmini.executor.api;

/**
 * A planned {@code COPY ... FROM STDIN} or {@code COPY ... TO STDOUT}: the {@link PreparedQuery}
 * the engine returns for COPY also implements this, and the server runs the copy sub-protocol
 * with it instead of calling {@link PreparedQuery#execute}.
 *
 * <p>Server side (PostgreSQL's protocol): COPY FROM STDIN calls {@link #startCopyIn} (errors
 * about the table and columns come before any protocol message), sends CopyInResponse(format,
 * {@link CopyIn#columnCount()} column formats), then passes each CopyData payload to
 * {@link CopyIn#data}, and CopyDone to {@link CopyIn#end} (its count gives the tag
 * {@code COPY n}); CopyFail or any error calls {@link CopyIn#abort} and the statement fails
 * (57014 "COPY from stdin failed: ..." for CopyFail). COPY TO STDOUT: {@link #copyOut} calls
 * {@link CopyOut#begin} (send CopyOutResponse) once the query or table is open, then
 * {@link CopyOut#data} with each CopyData payload (one data row each); the server then sends
 * CopyDone and {@code COPY n}. Errors are PgExceptions with PostgreSQL's SQLSTATE, message and CONTEXT line
 * ("COPY t, line 3, column b: ..."); the transaction is aborted by the server as for any error,
 * so nothing of a failed COPY FROM stays visible.
 */
public interface CopyStatement {
    /** True for COPY FROM STDIN, false for COPY TO STDOUT. */
    boolean copyIn();

    /** The overall format of CopyIn/CopyOutResponse: 0 text (text and CSV), 1 binary. */
    int format();

    /** Starts COPY FROM STDIN in this session (opens and locks the table, statement start). */
    CopyIn startCopyIn(SessionContext session);

    /** Runs COPY TO STDOUT into {@code out}; returns the number of rows. */
    long copyOut(SessionContext session, CopyOut out);

    /** Where COPY TO STDOUT writes. */
    interface CopyOut {
        /** Before the first row: the number of columns (CopyOutResponse). */
        void begin(int columnCount);

        /** One CopyData payload. */
        void data(byte[] payload);
    }

    /** The receiving side of one COPY FROM STDIN execution. Session thread only. */
    interface CopyIn {
        /** Number of columns copied (the per-column format codes of CopyInResponse). */
        int columnCount();

        /** The payload of one CopyData message (any split of the data stream). */
        void data(byte[] payload);

        /** CopyDone: processes what is left and returns the number of rows inserted. */
        long end();

        /** CopyFail or an error elsewhere: drops buffered rows (the transaction is aborted by the caller). */
        void abort();
    }
}
