package org.pgmini.storage.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.xact.CommitHook;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.TransactionManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class CatalogTest {
    @TempDir Path dataDir;
    StorageEngine engine;
    TransactionManager tm;
    Catalog catalog;
    ProcArray.Proc proc;

    static final StorageEngine.Config CONFIG = new StorageEngine.Config(256, 8, 10, 0, 100, 131072);

    @BeforeEach
    void start() {
        engine = StorageEngine.startPrivate(dataDir, CONFIG);
        tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        catalog = Catalog.bootstrap(engine, tm);
        proc = engine.procArray().attach();
    }

    @AfterEach
    void stop() { engine.close(); }

    private void restart() {
        engine.procArray().detach(proc);
        engine.close();
        engine = StorageEngine.startPrivate(dataDir, CONFIG);
        tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        catalog = Catalog.open(engine, tm);
        proc = engine.procArray().attach();
    }

    private Transaction begin() { return tm.begin(proc, IsolationLevel.READ_COMMITTED); }

    private static void assertPgError(String state, String message, Executable e) {
        PgException ex = assertThrows(PgException.class, e);
        assertEquals(state, ex.sqlState(), ex.getMessage());
        if (message != null) assertEquals(message, ex.getMessage());
    }

    private List<Object[]> rows(Transaction tx, RelationDescriptor d) {
        List<Object[]> out = new ArrayList<>();
        HeapRelation rel = d.heapRelation();
        try (HeapScan s = engine.heap().beginScan(rel, tx.startStatement(), tx)) {
            while (s.hasNext()) out.add(s.next().values(rel.desc()));
        }
        return out;
    }

    private int createT(Transaction tx, String name) {
        return catalog.createTable(tx, null, name, List.of(
                new ColumnDefinition("id", 23, -1, true, null),
                new ColumnDefinition("v", 25, -1, false, "'x'::text")), List.of(
                ConstraintDefinition.primaryKey(null, List.of("id")),
                ConstraintDefinition.check(null, "id > 0", List.of("id"))));
    }

    private boolean fileExists(int relfilenode) {
        return engine.smgr().exists(new RelFileLocator(5, relfilenode), ForkNumber.MAIN);
    }

    @Test
    void catalogDescribesItself() {
        Transaction tx = begin();
        RelationDescriptor pgClass = catalog.openRelation(tx, null, "pg_class", LockMode.ACCESS_SHARE);
        assertEquals(1259, pgClass.oid());
        assertEquals('r', pgClass.relkind());
        assertEquals("pg_catalog", pgClass.namespaceName());
        assertEquals("relname", pgClass.columns().get(1).name());
        assertEquals(19, pgClass.columns().get(1).typeOid());
        // scan pg_class through its own descriptor: every catalog is listed
        List<String> names = rows(tx, pgClass).stream().map(v -> (String) v[1]).sorted().toList();
        assertEquals(List.of("pg_attrdef", "pg_attribute", "pg_class", "pg_constraint", "pg_database", "pg_index", "pg_namespace", "pg_rewrite",
                "pg_sequence", "pg_type"), names);
        RelationDescriptor pgType = catalog.openRelation(tx, "pg_catalog", "pg_type", LockMode.ACCESS_SHARE);
        boolean int4 = false, arr = false;
        for (Object[] t : rows(tx, pgType)) {
            if ((Integer) t[0] == 23) int4 = "int4".equals(t[1]) && (Integer) t[13] == 1007 && "int4in".equals(t[14]);
            if ((Integer) t[0] == 1007) arr = "_int4".equals(t[1]) && (Integer) t[12] == 23;
        }
        assertTrue(int4 && arr);
        RelationDescriptor db = catalog.openRelation(tx, null, "pg_database", LockMode.ACCESS_SHARE);
        assertEquals(List.of("postgres", "template0", "template1"), rows(tx, db).stream().map(v -> (String) v[1]).sorted().toList());
        assertEquals(11, catalog.requireNamespace(tx, "pg_catalog"));
        assertEquals(2200, catalog.requireNamespace(tx, "public"));
        tx.commit();
    }

    @Test
    void createTableDescribesColumnsConstraintsAndSurvivesRestart() {
        Transaction tx = begin();
        int oid = createT(tx, "t");
        assertTrue(oid >= 16384);
        RelationDescriptor d = catalog.relation(tx, oid);
        engine.heap().insert(d.heapRelation(), new Object[] {1, "a"}, tx, tx.commandId());
        tx.commit();
        restart();
        Transaction r = begin();
        RelationDescriptor t = catalog.openRelation(r, "public", "t", LockMode.ACCESS_SHARE);
        TupleDesc desc = t.tupleDesc();
        assertEquals(2, desc.natts());
        assertEquals(AttributeType.INT4, desc.attr(0).type());
        assertTrue(desc.attr(0).notNull());
        assertEquals("'x'::text", t.column("v").defaultExpr());
        assertEquals(2, t.constraints().size());
        assertTrue(t.constraints().stream().anyMatch(c -> c.type() == 'p' && c.name().equals("t_pkey") && c.attnums().equals(List.of(1))));
        assertTrue(t.constraints().stream().anyMatch(c -> c.type() == 'c' && "id > 0".equals(c.checkExpr())));
        assertEquals(1, rows(r, t).size());
        int next = catalog.createSchema(r, "s2");
        assertTrue(next > oid, "oid counter continues after restart");
        r.commit();
    }

    @Test
    void ddlErrors() {
        Transaction tx = begin();
        createT(tx, "t");
        assertPgError("42P07", "relation \"t\" already exists", () -> createT(tx, "t"));
        assertPgError("42P01", "relation \"nope\" does not exist", () -> catalog.resolveRelation(tx, null, "nope"));
        assertPgError("42P01", "relation \"public.nope\" does not exist", () -> catalog.dropTable(tx, "public", "nope", false));
        assertFalse(catalog.dropTable(tx, null, "nope", true));
        assertPgError("3F000", "schema \"s\" does not exist", () -> catalog.createTable(tx, "s", "x", List.of(), List.of()));
        assertPgError("42701", "column \"a\" specified more than once", () -> catalog.createTable(tx, null, "x",
                List.of(ColumnDefinition.of("a", 23), ColumnDefinition.of("a", 25)), List.of()));
        catalog.createSchema(tx, "s");
        assertPgError("42P06", "schema \"s\" already exists", () -> catalog.createSchema(tx, "s"));
        RelationDescriptor t = catalog.openRelation(tx, null, "t", LockMode.ACCESS_SHARE);
        assertPgError("42703", "column \"zz\" of relation \"t\" does not exist", () -> catalog.dropColumn(tx, t, "zz", false));
        assertPgError("42701", "column \"v\" of relation \"t\" already exists", () -> catalog.addColumn(tx, t, ColumnDefinition.of("v", 23)));
        assertPgError("42809", "\"t\" is not a sequence", () -> catalog.dropSequence(tx, null, "t", false));
        tx.commit();
    }

    @Test
    void rolledBackCreateLeavesNothing() {
        Transaction tx = begin();
        int oid = createT(tx, "t");
        int node = catalog.relation(tx, oid).relfilenode();
        assertTrue(fileExists(node));
        tx.abort();
        assertFalse(fileExists(node));
        Transaction r = begin();
        assertPgError("42P01", null, () -> catalog.resolveRelation(r, null, "t"));
        createT(r, "t"); // the name is free again
        r.commit();
    }

    @Test
    void createInRolledBackSavepointIsUndone() {
        Transaction tx = begin();
        tx.savepoint("a");
        int oid = createT(tx, "t");
        int node = catalog.relation(tx, oid).relfilenode();
        tx.rollbackToSavepoint("a");
        assertFalse(fileExists(node));
        assertPgError("42P01", null, () -> catalog.resolveRelation(tx, null, "t"));
        tx.commit();
    }

    @Test
    void dropRolledBackKeepsTableDropCommittedRemovesFile() {
        Transaction tx = begin();
        int oid = createT(tx, "t");
        engine.heap().insert(catalog.relation(tx, oid).heapRelation(), new Object[] {1, "a"}, tx, tx.commandId());
        tx.commit();
        Transaction d1 = begin();
        assertTrue(catalog.dropTable(d1, null, "t", false));
        assertPgError("42P01", null, () -> catalog.resolveRelation(d1, null, "t"));
        d1.abort();
        Transaction r = begin();
        RelationDescriptor t = catalog.openRelation(r, null, "t", LockMode.ACCESS_SHARE);
        assertEquals(1, rows(r, t).size());
        r.commit();
        Transaction d2 = begin();
        catalog.dropTable(d2, null, "t", false);
        assertTrue(fileExists(t.relfilenode()), "file stays until commit");
        d2.commit();
        assertFalse(fileExists(t.relfilenode()));
        Transaction r2 = begin();
        assertPgError("42P01", null, () -> catalog.resolveRelation(r2, null, "t"));
        r2.commit();
    }

    @Test
    void truncateGetsNewRelfilenodeAndRollsBack() {
        Transaction tx = begin();
        int oid = createT(tx, "t");
        engine.heap().insert(catalog.relation(tx, oid).heapRelation(), new Object[] {1, "a"}, tx, tx.commandId());
        tx.commit();
        Transaction a = begin();
        RelationDescriptor before = catalog.relation(a, oid);
        catalog.truncate(a, before);
        RelationDescriptor after = catalog.relation(a, oid);
        assertNotEquals(before.relfilenode(), after.relfilenode());
        assertEquals(0, rows(a, after).size());
        a.abort();
        assertFalse(fileExists(after.relfilenode()));
        Transaction b = begin();
        assertEquals(1, rows(b, catalog.relation(b, oid)).size());
        catalog.truncate(b, catalog.relation(b, oid));
        b.commit();
        assertFalse(fileExists(before.relfilenode()));
        Transaction c = begin();
        assertEquals(0, rows(c, catalog.relation(c, oid)).size());
        c.commit();
    }

    @Test
    void alterColumnsTransactionally() {
        Transaction tx = begin();
        int oid = createT(tx, "t");
        engine.heap().insert(catalog.relation(tx, oid).heapRelation(), new Object[] {1, "a"}, tx, tx.commandId());
        tx.commit();
        Transaction a = begin();
        RelationDescriptor t = catalog.relation(a, oid);
        catalog.addColumn(a, t, ColumnDefinition.of("w", 20));
        catalog.renameColumn(a, catalog.relation(a, oid), "v", "v2");
        catalog.dropColumn(a, catalog.relation(a, oid), "id", false);
        RelationDescriptor changed = catalog.relation(a, oid);
        assertEquals(3, changed.columns().size());
        assertTrue(changed.columns().get(0).dropped());
        assertEquals("........pg.dropped.1........", changed.columns().get(0).name());
        assertNotNull(changed.column("v2"));
        assertTrue(changed.constraints().isEmpty(), "constraints on the dropped column go with it");
        Object[] row = rows(a, changed).get(0);
        assertArrayEquals(new Object[] {null, "a", null}, row);
        assertPgError("23502", "column \"n\" of relation \"t\" contains null values",
                () -> catalog.addColumn(a, catalog.relation(a, oid), new ColumnDefinition("n", 23, -1, true, null)));
        a.abort();
        Transaction b = begin();
        RelationDescriptor back = catalog.relation(b, oid);
        assertEquals(2, back.columns().size());
        assertNotNull(back.column("id"));
        assertNotNull(back.column("v"));
        catalog.renameTable(b, null, "t", "t2");
        b.commit();
        Transaction c = begin();
        assertEquals(oid, catalog.resolveRelation(c, null, "t2"));
        assertPgError("42P01", null, () -> catalog.resolveRelation(c, null, "t"));
        c.commit();
    }

    @Test
    void otherSessionSeesCommittedDdlAtNextLookupOnly() {
        ProcArray.Proc other = engine.procArray().attach();
        Transaction setup = begin();
        int oid = createT(setup, "t");
        setup.commit();
        Transaction b = tm.begin(other, IsolationLevel.REPEATABLE_READ);
        assertEquals(2, catalog.relation(b, oid).columns().size()); // cached now
        Transaction a = begin();
        catalog.addColumn(a, catalog.relation(a, oid), ColumnDefinition.of("x", 23));
        assertEquals(3, catalog.relation(a, oid).columns().size());
        assertEquals(2, catalog.relation(b, oid).columns().size(), "uncommitted DDL is invisible to others");
        a.commit();
        assertEquals(3, catalog.relation(b, oid).columns().size(), "committed DDL is seen at the next lookup");
        b.commit();
    }

    @Test
    void namesNotFoundAreRememberedOnlyUntilDdlCommits() {
        ProcArray.Proc other = engine.procArray().attach();
        Transaction b = tm.begin(other, IsolationLevel.READ_COMMITTED);
        // misses are cached (pg_catalog is tried first for every unqualified name)
        assertNull(catalog.relationOid(b, CatalogOids.PG_CATALOG_NAMESPACE, "t"));
        assertNull(catalog.relationOid(b, CatalogOids.PUBLIC_NAMESPACE, "t"));
        assertNull(catalog.namespaceOid(b, "s"));
        assertPgError("42P01", null, () -> catalog.resolveRelation(b, null, "t"));
        Transaction a = begin();
        int oid = createT(a, "t");
        int nsp = catalog.createSchema(a, "s");
        assertEquals(oid, catalog.resolveRelation(a, null, "t"), "the creating transaction sees its own table");
        assertEquals(nsp, catalog.namespaceOid(a, "s"));
        assertNull(catalog.relationOid(b, CatalogOids.PUBLIC_NAMESPACE, "t"), "uncommitted DDL is invisible to others");
        assertNull(catalog.namespaceOid(b, "s"));
        a.commit();
        assertEquals(oid, catalog.relationOid(b, CatalogOids.PUBLIC_NAMESPACE, "t"), "committed DDL is seen at the next lookup");
        assertEquals(nsp, catalog.namespaceOid(b, "s"));
        assertEquals(oid, catalog.resolveRelation(b, null, "t"));
        b.commit();
        Transaction c = begin();
        catalog.dropTable(c, null, "t", false);
        catalog.dropSchema(c, "s", false);
        c.commit();
        Transaction d = tm.begin(other, IsolationLevel.READ_COMMITTED);
        assertNull(catalog.relationOid(d, CatalogOids.PUBLIC_NAMESPACE, "t"), "a dropped name is gone at the next lookup");
        assertNull(catalog.namespaceOid(d, "s"));
        d.commit();
    }

    @Test
    void transactionThatChangedTheCatalogSeesEachOfItsOwnChanges() {
        Transaction a = begin();
        int oid = createT(a, "t");
        RelationDescriptor first = catalog.relation(a, oid);
        assertEquals(first, catalog.relation(a, oid));
        catalog.addColumn(a, first, ColumnDefinition.of("x", 23));
        assertEquals(3, catalog.relation(a, oid).columns().size(), "its own DDL is seen at once");
        a.savepoint("s");
        catalog.addColumn(a, catalog.relation(a, oid), ColumnDefinition.of("y", 23));
        assertEquals(4, catalog.relation(a, oid).columns().size());
        a.rollbackToSavepoint("s");
        assertEquals(3, catalog.relation(a, oid).columns().size(), "the rolled-back subtransaction's column is gone");
        a.releaseSavepoint("s");
        assertEquals(3, catalog.relation(a, oid).columns().size(), "and stays gone back at the top level");
        assertEquals(oid, catalog.resolveRelation(a, null, "t"));
        catalog.renameTable(a, null, "t", "t2");
        assertPgError("42P01", null, () -> catalog.resolveRelation(a, null, "t"));
        assertEquals(oid, catalog.resolveRelation(a, null, "t2"));
        a.abort();
        Transaction b = begin();
        assertPgError("42P01", null, () -> catalog.resolveRelation(b, null, "t"));
        assertPgError("42P01", null, () -> catalog.resolveRelation(b, null, "t2"));
        b.commit();
    }

    @Test
    void sequences() {
        SequenceSession s1 = new SequenceSession(), s2 = new SequenceSession();
        Transaction tx = begin();
        catalog.createSequence(tx, null, "s", new SequenceOptions(1, 1, 1, 3, 1, false));
        tx.commit();
        Transaction a = begin();
        RelationDescriptor seq = catalog.openRelation(a, null, "s", LockMode.ACCESS_SHARE);
        assertPgError("55000", "currval of sequence \"s\" is not yet defined in this session", () -> catalog.sequences().currval(s1, seq));
        assertEquals(1, catalog.sequences().nextval(a, s1, seq));
        a.abort(); // nextval is not rolled back
        Transaction b = begin();
        assertEquals(2, catalog.sequences().nextval(b, s2, seq));
        assertEquals(1, catalog.sequences().currval(s1, seq));
        assertEquals(2, catalog.sequences().currval(s2, seq));
        assertEquals(3, catalog.sequences().nextval(b, s1, seq));
        assertPgError("2200H", "nextval: reached maximum value of sequence \"s\" (3)", () -> catalog.sequences().nextval(b, s1, seq));
        assertPgError("22003", "setval: value 9 is out of bounds for sequence \"s\" (1..3)",
                () -> catalog.sequences().setval(b, s1, seq, 9, true));
        catalog.sequences().setval(b, s1, seq, 1, true);
        b.commit();
        Transaction c = begin();
        catalog.createSequence(c, null, "big", SequenceOptions.defaults());
        RelationDescriptor big = catalog.relation(c, catalog.resolveRelation(c, null, "big"));
        for (int i = 1; i <= 40; i++) assertEquals(i, catalog.sequences().nextval(c, s1, big));
        c.commit();
        restart();
        Transaction d = begin();
        RelationDescriptor big2 = catalog.openRelation(d, null, "big", LockMode.ACCESS_SHARE);
        long after = catalog.sequences().nextval(d, s1, big2);
        assertTrue(after > 40 && after <= 40 + Sequences.PREFETCH + 1, "continues after restart without repeating: " + after);
        RelationDescriptor s = catalog.openRelation(d, null, "s", LockMode.ACCESS_SHARE);
        assertEquals(2, catalog.sequences().nextval(d, s1, s), "setval(1, true) persisted");
        catalog.dropSequence(d, null, "s", false);
        d.commit();
        Transaction e = begin();
        assertPgError("42P01", null, () -> catalog.resolveRelation(e, null, "s"));
        e.commit();
    }

    @Test
    void concurrentCreateOfSameNameWaitsThenFails() throws Exception {
        ProcArray.Proc other = engine.procArray().attach();
        Transaction a = begin();
        createT(a, "t");
        Transaction b = tm.begin(other, IsolationLevel.READ_COMMITTED);
        java.util.concurrent.CompletableFuture<Integer> f = java.util.concurrent.CompletableFuture.supplyAsync(() -> createT(b, "t"));
        Thread.sleep(150);
        assertFalse(f.isDone(), "the second creator waits for the first");
        a.commit();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> f.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("42P07", ((PgException) e.getCause()).sqlState());
        b.abort();
    }

    @Test
    void readerWaitsForAlterThenSeesNewDefinition() throws Exception {
        ProcArray.Proc other = engine.procArray().attach();
        Transaction setup = begin();
        createT(setup, "t");
        setup.commit();
        Transaction a = begin();
        RelationDescriptor t = catalog.openRelation(a, null, "t", LockMode.ACCESS_EXCLUSIVE);
        catalog.addColumn(a, t, ColumnDefinition.of("extra", 23));
        Transaction b = tm.begin(other, IsolationLevel.READ_COMMITTED);
        java.util.concurrent.CompletableFuture<RelationDescriptor> f = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> catalog.openRelation(b, null, "t", LockMode.ACCESS_SHARE));
        Thread.sleep(150);
        assertFalse(f.isDone(), "AccessShare waits for the ALTER's AccessExclusive");
        a.commit();
        RelationDescriptor seen = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(seen.column("extra"));
        b.commit();
    }

    @Test
    void systemCatalogsCannotBeDropped() {
        Transaction tx = begin();
        assertPgError("42501", null, () -> catalog.dropTable(tx, null, "pg_class", false));
        tx.abort();
    }
}
