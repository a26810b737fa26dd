package org.pgmini.executor.copy;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.CopyStatement;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.exec.modify.RowModifier;
import org.pgmini.executor.exec.modify.TargetTable;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.types.PgType;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.xact.Transaction;

/**
 * One COPY table [(columns)] FROM STDIN: records from {@link CopyRecordReader} become rows
 * without per-row planning: each field goes through its column type's input function (with the
 * column's typmod and the session's settings), the other columns get their DEFAULTs, NOT NULL
 * and CHECK are checked per row (errors carry PostgreSQL's CONTEXT line), and rows go to the
 * heap through {@link RowModifier} in batches (one unique-key check per batch when the table has
 * PRIMARY KEY / UNIQUE constraints). The table is held with RowExclusiveLock from the start; the
 * caller's transaction makes the whole COPY atomic.
 */
final class CopyFromStdin implements CopyStatement.CopyIn {
    /** Rows per heap batch: bounded memory; with unique keys, one key scan per batch. */
    private static final int BATCH = 4096;

    private final SessionContext session;
    private final Transaction tx;
    private final TargetTable table;
    private final int[] attnums;
    private final CopyFieldInput[] inputs;
    private final String[] names;
    private final EvalContext c;
    private final RowModifier modifier;
    /** Text and CSV: the record reader; binary: null. */
    private final CopyRecordReader reader;
    /** Binary: the tuple reader; text and CSV: null. */
    private final CopyBinaryReader binaryReader;
    private final PgType[] types;
    private final int[] typmods;
    /** ENCODING other than UTF8: converts the stream before the record reader; else null. */
    private final CopyEncoding.Decoder decoder;
    /** COPY FROM ... WHERE: rows it rejects are skipped; null when there is none. */
    private final CopyWhere where;
    private final List<Object[]> batch = new ArrayList<>();
    /** The line number of each row in {@link #batch} (a unique-key violation is reported at its line). */
    private final long[] batchLines = new long[BATCH];
    private long count;

    CopyFromStdin(SessionContext session, Transaction tx, TargetTable table, int[] attnums, CopyOptions options,
                  boolean[] forceNotNull, boolean[] forceNull, CopyWhere where) {
        this.session = session;
        this.where = where;
        this.decoder = options.encoding == null || options.binary ? null : options.encoding.new Decoder();
        this.tx = tx;
        this.table = table;
        this.attnums = attnums;
        int n = attnums.length;
        inputs = new CopyFieldInput[n];
        names = new String[n];
        types = new PgType[n];
        typmods = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = table.types[attnums[i] - 1];
            typmods[i] = table.typmods[attnums[i] - 1];
            inputs[i] = new CopyFieldInput(types[i], typmods[i]);
            names[i] = table.rel.columns().get(attnums[i] - 1).name();
        }
        this.c = new EvalContext(new Object[0], session);
        this.modifier = new RowModifier(session.database().heap(), tx, table, session, c);
        if (options.binary) {
            this.reader = null;
            this.binaryReader = new CopyBinaryReader(table.rel.name(), names, this::binaryTuple);
        } else {
            this.binaryReader = null;
            this.reader = new CopyRecordReader(table.rel.name(), options, forceNotNull, forceNull, this::record);
            reader.expectNames(names);
        }
    }

    /** An error to raise when the first data (or the end) arrives, after the client was told to send. */
    private PgException failOnData;

    void failOnData(PgException e) {
        failOnData = e;
    }

    private void checkDeferred() {
        if (failOnData != null) {
            throw failOnData;
        }
    }

    @Override
    public int columnCount() {
        return attnums.length;
    }

    @Override
    public void data(byte[] payload) {
        checkDeferred();
        if (decoder != null) {
            feedConverted(payload, false);
        } else if (reader != null) {
            reader.feed(payload);
        } else {
            binaryReader.feed(payload);
        }
    }

    /** ENCODING: the converted stream goes to the reader; bad input fails at the line it is on. */
    private void feedConverted(byte[] payload, boolean end) {
        reader.feed(decoder.decode(payload, end));
        if (decoder.error != null) {
            throw decoder.error.withContext("COPY " + table.rel.name() + ", line " + (reader.line() + 1));
        }
    }

    @Override
    public long end() {
        checkDeferred();
        if (decoder != null) {
            feedConverted(new byte[0], true);
        }
        if (reader != null) {
            reader.finish();
        } else {
            binaryReader.finish();
        }
        flush();
        if (count > 0) {
            tx.commandCounterIncrement();
        }
        return count;
    }

    @Override
    public void abort() {
        batch.clear();
    }

    private void record(CopyFields fields, long line, CopyRecordReader.RawLine raw) {
        String relation = table.rel.name();
        int nfields = fields.count();
        if (nfields < attnums.length) {
            throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + names[nfields] + "\"")
                    .withContext(CopyContext.line(relation, line, raw));
        }
        if (nfields > attnums.length) {
            throw new PgException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column")
                    .withContext(CopyContext.line(relation, line, raw));
        }
        Object[] row = table.defaultRow(c, attnums);
        for (int i = 0; i < attnums.length; i++) {
            if (fields.isNull(i)) {
                row[attnums[i] - 1] = null;
                continue;
            }
            try {
                row[attnums[i] - 1] = inputs[i].convert(fields, i, session);
            } catch (PgException e) {
                throw e.withContext(CopyContext.column(relation, line, names[i], fields.string(i)));
            }
        }
        add(row, line, raw);
    }

    /**
     * One binary tuple: each field through its type's binary receive function (a typmod is then
     * applied as the text input would apply it); errors name the tuple and column, not the data.
     */
    private void binaryTuple(byte[][] fields, long line) {
        String relation = table.rel.name();
        Object[] row = table.defaultRow(c, attnums);
        for (int i = 0; i < attnums.length; i++) {
            if (fields[i] == null) {
                row[attnums[i] - 1] = null;
                continue;
            }
            try {
                if (types[i].typlen() > 0 && fields[i].length < types[i].typlen()) {
                    // a fixed-size receive function reads past the end of the field (pq_getmsg*)
                    throw new PgException(SqlState.PROTOCOL_VIOLATION, "insufficient data left in message");
                }
                Object v = types[i].receive(fields[i]);
                if (typmods[i] >= 0) {
                    v = types[i].input(types[i].output(v, session), typmods[i], session);
                }
                row[attnums[i] - 1] = v;
            } catch (PgException e) {
                throw e.withContext("COPY " + relation + ", line " + line + ", column " + names[i]);
            }
        }
        add(row, line, null);
    }

    /** A converted row: constraints checked now (errors show the line), then batched for the heap. */
    private void add(Object[] row, long line, CopyRecordReader.RawLine raw) {
        if (where != null && !where.test(row, c)) {
            return;
        }
        try {
            table.checkConstraints(row, c, session);
        } catch (PgException e) {
            throw e.withContext(raw == null ? "COPY " + table.rel.name() + ", line " + line
                    : CopyContext.line(table.rel.name(), line, raw));
        }
        batchLines[batch.size()] = line;
        batch.add(row);
        if (batch.size() >= BATCH) {
            session.checkForInterrupts();
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            count += modifier.insert(batch, r -> { });
        } catch (PgException e) {
            int at = modifier.duplicateRowIndex();
            if (SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) && at >= 0) {
                // as PostgreSQL's multi-insert flush: the line, without its text
                throw e.withContext("COPY " + table.rel.name() + ", line " + batchLines[at]);
            }
            throw e;
        }
        batch.clear();
    }

    /** The columns COPY names (all live ones when none are listed), as attnums; PostgreSQL's errors. */
    static int[] attnums(RelationDescriptor rel, List<String> columns) {
        List<Integer> out = new ArrayList<>();
        if (columns.isEmpty()) {
            for (RelationDescriptor.Column col : rel.columns()) {
                if (!col.dropped()) {
                    out.add(col.attnum());
                }
            }
        } else {
            for (String name : columns) {
                RelationDescriptor.Column col = rel.column(name);
                if (col == null) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + rel.name()
                            + "\" does not exist");
                }
                if (out.contains(col.attnum())) {
                    throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" specified more than once");
                }
                out.add(col.attnum());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
