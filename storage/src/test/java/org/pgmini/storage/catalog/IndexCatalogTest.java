package org.pgmini.storage.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.error.PgException;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.xact.CommitHook;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.TransactionManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Index relations in the catalog: pg_class/pg_index/pg_constraint rows, naming, DDL reaching indexes, transactionality. */
@Timeout(60)
class IndexCatalogTest {
    @TempDir Path dataDir;
    StorageEngine engine;
    TransactionManager tm;
    Catalog catalog;
    ProcArray.Proc proc;

    @BeforeEach
    void start() {
        engine = StorageEngine.startPrivate(dataDir, CatalogTest.CONFIG);
        tm = TransactionManager.forEngine(engine, CommitHook.NONE, 5);
        catalog = Catalog.bootstrap(engine, tm);
        proc = engine.procArray().attach();
    }

    @AfterEach
    void stop() { engine.close(); }

    private Transaction begin() { return tm.begin(proc, IsolationLevel.READ_COMMITTED); }

    private boolean fileExists(int relfilenode) {
        return engine.smgr().exists(new RelFileLocator(5, relfilenode), ForkNumber.MAIN);
    }

    private List<Object[]> catalogRows(Transaction tx, CatalogTable t, int col, int value) {
        List<Object[]> out = new ArrayList<>();
        try (HeapScan s = engine.heap().beginScan(t.relation(5), tx.catalogSnapshot(), tx)) {
            while (s.hasNext()) {
                Object[] v = s.next().values(t.desc());
                if (v[col] instanceof Integer i && i == value) out.add(v);
            }
        }
        return out;
    }

    private int table(Transaction tx, String name, List<ConstraintDefinition> keys) {
        return catalog.createTable(tx, null, name, List.of(ColumnDefinition.of("a", 23), ColumnDefinition.of("b", 25),
                ColumnDefinition.of("c", 23)), keys);
    }

    @Test
    void primaryKeyAndUniqueGetIndexesWithPostgresNames() {
        Transaction tx = begin();
        int oid = table(tx, "t", List.of(ConstraintDefinition.unique(null, List.of("b", "c")),
                ConstraintDefinition.primaryKey(null, List.of("a"))));
        tx.commit();
        Transaction r = begin();
        RelationDescriptor t = catalog.relation(r, oid);
        assertEquals(2, t.indexes().size());
        RelationDescriptor.Index pk = t.indexes().get(0);
        assertEquals("t_pkey", pk.name());
        assertTrue(pk.primary() && pk.unique());
        assertEquals(List.of(1), pk.attnums());
        RelationDescriptor.Index uq = t.indexes().get(1);
        assertEquals("t_b_c_key", uq.name());
        assertEquals(List.of(2, 3), uq.attnums());
        assertFalse(uq.primary());
        assertTrue(fileExists(pk.relfilenode()));
        for (RelationDescriptor.Index i : t.indexes()) {
            RelationDescriptor.Constraint k = t.constraints().stream().filter(c -> c.oid() == i.constraintOid()).findFirst().orElseThrow();
            assertEquals(i.name(), k.name());
        }
        assertTrue(t.column("a").notNull());
        Object[] cls = catalogRows(r, SystemCatalogs.PG_CLASS, 0, pk.oid()).get(0);
        assertEquals((byte) 'i', cls[SystemCatalogs.PG_CLASS.col("relkind")]);
        assertEquals(403, cls[SystemCatalogs.PG_CLASS.col("relam")]);
        assertEquals(1, cls[SystemCatalogs.PG_CLASS.col("relpages")]);
        assertEquals(0f, cls[SystemCatalogs.PG_CLASS.col("reltuples")]);
        assertEquals(true, catalogRows(r, SystemCatalogs.PG_CLASS, 0, oid).get(0)[SystemCatalogs.PG_CLASS.col("relhasindex")]);
        Object[] ix = catalogRows(r, SystemCatalogs.PG_INDEX, 0, uq.oid()).get(0);
        assertEquals("2 3", ix[SystemCatalogs.PG_INDEX.col("indkey")]);
        assertEquals("100 0", ix[SystemCatalogs.PG_INDEX.col("indcollation")]);
        assertEquals("3126 1978", ix[SystemCatalogs.PG_INDEX.col("indclass")]);
        assertEquals("0 0", ix[SystemCatalogs.PG_INDEX.col("indoption")]);
        Object[] con = catalogRows(r, SystemCatalogs.PG_CONSTRAINT, SystemCatalogs.PG_CONSTRAINT.col("conrelid"), oid).get(0);
        assertNotEquals(0, con[SystemCatalogs.PG_CONSTRAINT.col("conindid")]);
        assertEquals(2, catalogRows(r, SystemCatalogs.PG_ATTRIBUTE, 0, uq.oid()).size());
        r.commit();
    }

    @Test
    void createAndDropIndexAreTransactional() {
        Transaction tx = begin();
        int oid = table(tx, "t", List.of());
        tx.commit();
        Transaction a = begin();
        RelationDescriptor t = catalog.relation(a, oid);
        String name = catalog.chooseRelationName(a, t.namespaceOid(), "t", Catalog.indexNameAddition(List.of("c", "a")), "idx");
        assertEquals("t_c_a_idx", name);
        RelationDescriptor.Index i = catalog.createIndex(a, t, new IndexDefinition(name, List.of(3, 1), List.of(true, false), false, (char) 0));
        assertEquals("t_c_a_idx1", catalog.chooseRelationName(a, t.namespaceOid(), "t", "c_a", "idx"));
        assertEquals(List.of(true, false), catalog.relation(a, oid).indexes().get(0).descending());
        assertEquals("3 0", catalogRows(a, SystemCatalogs.PG_INDEX, 0, i.oid()).get(0)[SystemCatalogs.PG_INDEX.col("indoption")]);
        PgException dup = assertThrows(PgException.class, () -> catalog.createIndex(a, catalog.relation(a, oid),
                new IndexDefinition("t_c_a_idx", List.of(1), List.of(false), false, (char) 0)));
        assertEquals("42P07", dup.sqlState());
        a.abort();
        assertFalse(fileExists(i.relfilenode()), "an aborted index's file goes");
        Transaction b = begin();
        assertTrue(catalog.relation(b, oid).indexes().isEmpty());
        RelationDescriptor.Index j = catalog.createIndex(b, catalog.relation(b, oid),
                new IndexDefinition("t_a_idx", List.of(1), List.of(false), false, (char) 0));
        b.commit();
        Transaction c = begin();
        assertEquals(oid, catalog.indexTable(c, j.oid()));
        catalog.dropIndex(c, catalog.relation(c, oid), j.oid());
        assertTrue(catalog.relation(c, oid).indexes().isEmpty());
        c.commit();
        assertFalse(fileExists(j.relfilenode()));
        assertNull(catalog.indexTable(begin(), j.oid()));
    }

    @Test
    void truncateDropColumnDropConstraintAndDropTableReachIndexes() {
        Transaction tx = begin();
        int oid = table(tx, "t", List.of(ConstraintDefinition.primaryKey(null, List.of("a")), ConstraintDefinition.unique(null, List.of("b"))));
        tx.commit();
        Transaction a = begin();
        RelationDescriptor t = catalog.relation(a, oid);
        int oldNode = t.indexes().get(0).relfilenode();
        catalog.truncate(a, t);
        a.commit();
        Transaction b = begin();
        RelationDescriptor after = catalog.relation(b, oid);
        assertNotEquals(oldNode, after.indexes().get(0).relfilenode());
        assertFalse(fileExists(oldNode));
        assertTrue(fileExists(after.indexes().get(0).relfilenode()));
        catalog.dropColumn(b, after, "b", false);
        RelationDescriptor noB = catalog.relation(b, oid);
        assertEquals(1, noB.indexes().size());
        assertEquals(1, noB.constraints().size());
        assertTrue(catalog.dropConstraint(b, noB, "t_pkey", false));
        assertTrue(catalog.relation(b, oid).indexes().isEmpty());
        assertTrue(catalog.relation(b, oid).constraints().isEmpty());
        assertTrue(catalog.relation(b, oid).column("a").notNull(), "NOT NULL stays (PostgreSQL 15)");
        PgException missing = assertThrows(PgException.class, () -> catalog.dropConstraint(b, catalog.relation(b, oid), "nope", false));
        assertEquals("constraint \"nope\" of relation \"t\" does not exist", missing.getMessage());
        b.abort();
        Transaction c = begin();
        RelationDescriptor again = catalog.relation(c, oid);
        assertEquals(2, again.indexes().size());
        List<Integer> nodes = again.indexes().stream().map(RelationDescriptor.Index::relfilenode).toList();
        assertTrue(catalog.dropTable(c, null, "t", false));
        c.commit();
        for (int n : nodes) assertFalse(fileExists(n));
        assertTrue(catalogRows(begin(), SystemCatalogs.PG_INDEX, 1, oid).isEmpty());
    }

    @Test
    void objectNamesAreShortenedToAnIdentifier() {
        String longName = "a".repeat(40);
        assertEquals("a".repeat(29) + "_" + "b".repeat(29) + "_key", Catalog.makeObjectName(longName, "b".repeat(40), "key"));
        assertEquals(longName + "_pkey", Catalog.makeObjectName(longName, null, "pkey"));
    }
}
