package org.pgmini.executor.query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.executor.CalciteSqlEngine;
import org.pgmini.executor.TestDatabase;
import org.pgmini.executor.TestSession;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.ResultCursor;
import org.pgmini.executor.types.StorageValues;
import org.pgmini.storage.catalog.ColumnDefinition;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.xact.LockMode;

/** A fresh database per test, tables made through the storage Catalog API (CREATE TABLE/INSERT are not ours). */
abstract class QueryTestSupport {
    static final CalciteSqlEngine ENGINE = new CalciteSqlEngine();
    @TempDir
    Path dir;
    TestDatabase db;
    final TestSession session = new TestSession();

    @BeforeEach
    void openDatabase() {
        db = TestDatabase.create(dir);
        session.database = db;
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** Creates public.name with (column name, type oid) pairs and commits. */
    void table(String name, Object... columns) {
        List<ColumnDefinition> defs = new ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            defs.add(ColumnDefinition.of((String) columns[i], (Integer) columns[i + 1]));
        }
        db.catalog().createTable(db.transaction(), "public", name, defs, List.of());
        db.commit();
    }

    /** Inserts rows (executor values) into public.name and commits. */
    void insert(String name, Object[]... rows) {
        var tx = db.transaction();
        RelationDescriptor rel = db.catalog().openRelation(tx, null, name, LockMode.ROW_EXCLUSIVE);
        for (Object[] r : rows) {
            Object[] v = new Object[r.length];
            for (int i = 0; i < r.length; i++) {
                v[i] = StorageValues.toStorage(rel.columns().get(i).typeOid(), r[i]);
            }
            db.heap().insert(rel.heapRelation(), v, tx, tx.commandId());
        }
        tx.commandCounterIncrement();
        db.commit();
    }

    static Object[] row(Object... v) {
        return v;
    }

    /** Rows of the last statement in text form, "|"-joined per row (NULL as empty). */
    List<String> rows(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        for (ParsedStatement p : ENGINE.parse(sql)) {
            out.clear();
            PreparedQuery q = ENGINE.prepare(p, new int[0], session);
            try (ResultCursor c = q.execute(params, session)) {
                for (Object[] r; (r = c.next()) != null; ) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < r.length; i++) {
                        sb.append(i == 0 ? "" : "|").append(r[i] == null ? "" : q.columns().get(i).type().output(r[i], session));
                    }
                    out.add(sb.toString());
                }
            }
        }
        db.commit();
        return out;
    }

    List<String> columnNames(String sql) {
        PreparedQuery q = ENGINE.prepare(ENGINE.parse(sql).get(0), new int[0], session);
        List<String> out = new ArrayList<>();
        q.columns().forEach(c -> out.add(c.name() + ":" + c.type().name()));
        return out;
    }

    PgException error(String sql) {
        try {
            rows(sql);
        } catch (PgException e) {
            db.rollback();
            return e;
        }
        throw new AssertionError("expected an error from: " + sql);
    }

    /** How many temporary files (sort tapes, spilled hash batches) exist now under base/pgsql_tmp. */
    long tempFiles() throws Exception {
        var tmp = dir.resolve("base/pgsql_tmp");
        if (!java.nio.file.Files.exists(tmp)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(tmp)) {
            return s.count();
        }
    }
}
