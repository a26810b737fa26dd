package org.pgmini.storage.catalog;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.StorageEngine;
import org.pgmini.storage.heap.Heap;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapResult;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.heap.WaitPolicy;
import org.pgmini.storage.mvcc.ProcArray;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.ItemPointer;
import org.pgmini.storage.tuple.TupleDesc;
import org.pgmini.storage.xact.IsolationLevel;
import org.pgmini.storage.xact.LockMode;
import org.pgmini.storage.xact.LockTag;
import org.pgmini.storage.xact.Transaction;
import org.pgmini.storage.xact.TransactionManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.pgmini.storage.catalog.CatalogOids.*;
import static org.pgmini.storage.catalog.SystemCatalogs.*;

/**
 * The system catalog of one database (database 5, "postgres"): lookups, the relation cache and
 * DDL in storage terms. Catalog rows are ordinary heap tuples read with MVCC: lookups use the
 * transaction's catalog snapshot (latest committed state plus the transaction's own earlier
 * commands), so DDL is transactional like everything else.
 *
 * <p>DDL rules (PostgreSQL's): every DDL operation takes AccessExclusiveLock on the relation it
 * changes (held to transaction end), changes catalog rows, then does a CommandCounterIncrement
 * so the rest of the transaction sees the change. Files follow pending-delete rules: a created
 * relation's file is unlinked if the creating (sub)transaction aborts, a dropped or truncated
 * relation's old file at commit. A commit that changed the catalog bumps the shared
 * invalidation counter, which empties every relation cache at its next lookup.
 *
 * <p>Dependency rule (no pg_depend yet): rows that name a relation's oid (pg_attribute,
 * pg_attrdef, pg_constraint, pg_sequence, its row type in pg_type) go with it; a constraint goes
 * with any of its columns.
 *
 * <p>Uniqueness of names (PostgreSQL: unique indexes on the catalogs): a transaction creating or
 * renaming to a name first locks that name ({@link LockTag#objectName}) until its end, then checks
 * that the name is free with a fresh snapshot; a concurrent creator of the same name waits and
 * then sees the first one's committed row (42P07) or its absence.
 */
public final class Catalog {
    private final StorageEngine engine;
    private final Heap heap;
    private final TransactionManager tm;
    private final OidCounter oids;
    private final Sequences sequences;
    private final RelationCache cache = new RelationCache();
    private final OwnChangesCache ownChanges = new OwnChangesCache();
    private final int dbOid = POSTGRES_DB;
    /** Where relation files are created and removed (WAL-logged in the server). */
    private final RelationFiles files;

    private Catalog(StorageEngine engine, TransactionManager tm, RelationFiles files) {
        this.engine = engine;
        this.heap = engine.heap();
        this.tm = tm;
        this.files = files;
        this.oids = new OidCounter(engine.dataDir());
        this.sequences = new Sequences(engine.dataDir());
    }

    /** Has this data directory been through {@link #bootstrap}? */
    public static boolean isBootstrapped(StorageEngine engine) {
        return engine.smgr().exists(new RelFileLocator(POSTGRES_DB, PG_CLASS.oid()), ForkNumber.MAIN);
    }

    /** Opens the catalog of a bootstrapped data directory. */
    public static Catalog open(StorageEngine engine, TransactionManager tm) {
        return open(engine, tm, RelationFiles.plain(engine.heap()));
    }

    /** Opens the catalog; relation files are created and removed through {@code files}. */
    public static Catalog open(StorageEngine engine, TransactionManager tm, RelationFiles files) {
        if (!isBootstrapped(engine)) throw new PgException(SqlState.UNDEFINED_FILE, "database system is not initialized (no pg_class)");
        return new Catalog(engine, tm, files);
    }

    /**
     * initdb: creates the catalog relations with fixed relfilenodes (= their oids) and fills
     * them, the catalogs describing themselves, in one committed transaction; then checkpoints.
     */
    public static Catalog bootstrap(StorageEngine engine, TransactionManager tm) {
        return bootstrap(engine, tm, RelationFiles.plain(engine.heap()));
    }

    /** {@link #bootstrap(StorageEngine, TransactionManager)} with relation files created through {@code files}. */
    public static Catalog bootstrap(StorageEngine engine, TransactionManager tm, RelationFiles files) {
        if (isBootstrapped(engine)) throw new PgException(SqlState.DUPLICATE_OBJECT, "database system is already initialized");
        Catalog c = new Catalog(engine, tm, files);
        ProcArray.Proc proc = engine.procArray().attach();
        try {
            Transaction tx = tm.begin(proc, IsolationLevel.READ_COMMITTED);
            try {
                c.fill(tx);
                tx.commit();
            } finally {
                tx.abort();
            }
        } finally {
            engine.procArray().detach(proc);
        }
        engine.checkpoint();
        return c;
    }

    private void fill(Transaction tx) {
        for (CatalogTable t : ALL) files.create(t.relation(dbOid));
        insert(PG_NAMESPACE, tx, PG_NAMESPACE.row("oid", PG_CATALOG_NAMESPACE, "nspname", "pg_catalog", "nspowner", BOOTSTRAP_SUPERUSER,
                "nspacl", "{10=UC/10,=U/10}"));
        // PostgreSQL 15: the public schema belongs to pg_database_owner, with its default ACL
        insert(PG_NAMESPACE, tx, PG_NAMESPACE.row("oid", PUBLIC_NAMESPACE, "nspname", "public", "nspowner", PG_DATABASE_OWNER,
                "nspacl", "{6171=UC/6171,=U/6171}"));
        database(tx, TEMPLATE1_DB, "template1", true, true);
        database(tx, TEMPLATE0_DB, "template0", true, false);
        database(tx, POSTGRES_DB, "postgres", false, true);
        for (BuiltinType t : BuiltinType.ALL) {
            insert(PG_TYPE, tx, PG_TYPE.row("oid", t.oid(), "typname", t.name(), "typnamespace", PG_CATALOG_NAMESPACE,
                    "typowner", BOOTSTRAP_SUPERUSER, "typlen", (short) t.len(), "typbyval", t.byval(), "typtype", (byte) 'b',
                    "typcategory", (byte) t.category(), "typispreferred", t.preferred(), "typisdefined", true,
                    "typdelim", (byte) ',', "typrelid", 0, "typelem", t.elemOid(), "typarray", t.arrayOid(),
                    "typinput", t.input(), "typoutput", t.output(), "typreceive", t.receive(), "typsend", t.send(),
                    "typalign", (byte) t.align(), "typstorage", (byte) t.storage(), "typnotnull", false,
                    "typbasetype", 0, "typtypmod", -1, "typndims", 0,
                    "typcollation", t.category() == 'S' && !t.name().equals("name") ? DEFAULT_COLLATION
                            : t.name().equals("name") ? 950 : 0));
        }
        for (CatalogTable t : ALL) {
            List<ColumnDefinition> cols = new ArrayList<>();
            for (var a : t.desc().attributes()) cols.add(new ColumnDefinition(a.name(), a.type().oid(), -1, true, null));
            rowType(tx, t.rowTypeOid(), t.name(), PG_CATALOG_NAMESPACE, t.oid());
            insert(PG_CLASS, tx, classRow(t.oid(), t.name(), PG_CATALOG_NAMESPACE, t.rowTypeOid(), t.oid(), 'r',
                    cols.size(), 0, t == PG_DATABASE));
            for (int i = 0; i < cols.size(); i++) insert(PG_ATTRIBUTE, tx, attributeRow(t.oid(), i + 1, cols.get(i)));
        }
        tx.markCatalogChanged();
        tx.commandCounterIncrement();
    }

    private void database(Transaction tx, int oid, String name, boolean template, boolean allowConn) {
        insert(PG_DATABASE, tx, PG_DATABASE.row("oid", oid, "datname", name, "datdba", BOOTSTRAP_SUPERUSER, "encoding", 6,
                "datlocprovider", (byte) 'c', "datistemplate", template, "datallowconn", allowConn, "datconnlimit", -1,
                "datfrozenxid", 3, "datminmxid", 1, "dattablespace", DEFAULT_TABLESPACE, "datcollate", "C", "datctype", "C",
                // template databases: CONNECT and TEMPORARY revoked from PUBLIC, as initdb does
                "datacl", template ? "{=c/10,10=CTc/10}" : null));
    }

    public TransactionManager transactionManager() { return tm; }
    public Sequences sequences() { return sequences; }
    /** The OID counter (its next value goes into checkpoint records). */
    public OidCounter oidCounter() { return oids; }
    public int dbOid() { return dbOid; }
    public StorageEngine engine() { return engine; }

    // ------------------------------------------------------------------ rows

    private record Row(ItemPointer tid, Object[] v) {}

    private List<Row> scan(CatalogTable t, Transaction tx, Snapshot snap, Predicate<Object[]> p) {
        List<Row> out = new ArrayList<>();
        HeapRelation rel = t.relation(dbOid);
        try (HeapScan s = heap.beginScan(rel, snap, tx)) {
            while (s.hasNext()) {
                HeapTuple tup = s.next();
                Object[] v = tup.values(t.desc());
                if (p.test(v)) out.add(new Row(tup.self(), v));
            }
        }
        return out;
    }

    private List<Row> scan(CatalogTable t, Transaction tx, Predicate<Object[]> p) { return scan(t, tx, tx.catalogSnapshot(), p); }

    // Every write of a catalog row goes through these three (OwnChangesCache relies on it).

    private void insert(CatalogTable t, Transaction tx, Object[] row) {
        ownChanges.wrote(tx);
        heap.insert(t.relation(dbOid), row, tx, tx.commandId());
    }

    private void update(CatalogTable t, Transaction tx, Row r, Object[] values) {
        ownChanges.wrote(tx);
        check(heap.update(t.relation(dbOid), r.tid, values, tx, tx.commandId(), WaitPolicy.BLOCK));
    }

    private void delete(CatalogTable t, Transaction tx, Row r) {
        ownChanges.wrote(tx);
        check(heap.delete(t.relation(dbOid), r.tid, tx, tx.commandId(), WaitPolicy.BLOCK));
    }

    private static void check(HeapResult r) {
        // DDL holds AccessExclusiveLock on the object whose rows it changes, so a concurrent
        // change of the same catalog row means a bug or a missing lock, as in PostgreSQL.
        if (!r.ok()) throw new PgException(SqlState.INTERNAL_ERROR, "tuple concurrently updated");
    }

    private Object[] classRow(int oid, String name, int nsp, int reltype, int relfilenode, char relkind, int natts,
                              int nchecks, boolean shared) {
        return PG_CLASS.row("oid", oid, "relname", name, "relnamespace", nsp, "reltype", reltype, "reloftype", 0,
                "relowner", BOOTSTRAP_SUPERUSER, "relam", HEAP_TABLE_AM, "relfilenode", relfilenode,
                "reltablespace", 0, "relpages", 0, "reltuples", -1f, "relallvisible", 0, "reltoastrelid", 0,
                "relhasindex", false, "relisshared", shared, "relpersistence", (byte) 'p', "relkind", (byte) relkind,
                "relnatts", (short) natts, "relchecks", (short) nchecks, "relhasrules", false, "relhastriggers", false,
                "relhassubclass", false, "relrowsecurity", false, "relforcerowsecurity", false, "relispopulated", true,
                "relreplident", (byte) (relkind == 'r' ? 'd' : 'n'), "relispartition", false, "relrewrite", 0,
                "relfrozenxid", relkind == 'r' ? 3 : 0, "relminmxid", relkind == 'r' ? 1 : 0, "reloptions", null);
    }

    private static Object[] attributeRow(int relOid, int attnum, ColumnDefinition c) {
        BuiltinType t = BuiltinType.byOid(c.typeOid());
        return PG_ATTRIBUTE.row("attrelid", relOid, "attname", c.name(), "atttypid", c.typeOid(), "attstattarget", -1,
                "attlen", (short) t.len(), "attnum", (short) attnum, "attndims", 0, "attcacheoff", -1,
                "atttypmod", c.typmod(), "attbyval", t.byval(), "attalign", (byte) t.align(), "attstorage", (byte) t.storage(),
                "attcompression", (byte) 0, "attnotnull", c.notNull(), "atthasdef", c.defaultExpr() != null,
                "atthasmissing", false, "attidentity", (byte) 0, "attgenerated", (byte) 0, "attisdropped", false,
                "attislocal", true, "attinhcount", 0,
                "attcollation", t.category() == 'S' && t.oid() != 19 ? DEFAULT_COLLATION : t.oid() == 19 ? 950 : 0);
    }

    private void rowType(Transaction tx, int typeOid, String name, int nsp, int relOid) {
        insert(PG_TYPE, tx, PG_TYPE.row("oid", typeOid, "typname", name, "typnamespace", nsp, "typowner", BOOTSTRAP_SUPERUSER,
                "typlen", (short) -1, "typbyval", false, "typtype", (byte) 'c', "typcategory", (byte) 'C',
                "typispreferred", false, "typisdefined", true, "typdelim", (byte) ',', "typrelid", relOid, "typelem", 0,
                "typarray", 0, "typinput", "record_in", "typoutput", "record_out", "typreceive", "record_recv",
                "typsend", "record_send", "typalign", (byte) 'd', "typstorage", (byte) 'x', "typnotnull", false,
                "typbasetype", 0, "typtypmod", -1, "typndims", 0, "typcollation", 0));
    }

    // ------------------------------------------------------------------ lookups

    /** The namespace's oid, or null. */
    public Integer namespaceOid(Transaction tx, String name) {
        RelationCache c = cacheFor(tx);
        long generation = tm.invalidation().current();
        if (c != null) {
            Integer cached = c.namespaceByName(generation, name);
            if (cached != null) return cached.intValue() == 0 ? null : cached; // 0: RelationCache.ABSENT
        }
        List<Row> r = scan(PG_NAMESPACE, tx, v -> name.equals(v[PG_NAMESPACE.col("nspname")]));
        Integer oid = r.isEmpty() ? null : (Integer) r.get(0).v[PG_NAMESPACE.col("oid")];
        if (c != null) c.putNamespace(generation, tm.invalidation().current(), name, oid);
        return oid;
    }

    /** The namespace's oid; 3F000 if it does not exist. */
    public int requireNamespace(Transaction tx, String name) {
        Integer oid = namespaceOid(tx, name);
        if (oid == null) throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        return oid;
    }

    private String namespaceName(Transaction tx, int oid) {
        List<Row> r = scan(PG_NAMESPACE, tx, v -> (Integer) v[PG_NAMESPACE.col("oid")] == oid);
        return r.isEmpty() ? null : (String) r.get(0).v[PG_NAMESPACE.col("nspname")];
    }

    /** The oid of relation {@code name} in namespace {@code nsp}, or null. */
    public Integer relationOid(Transaction tx, int nsp, String name) {
        RelationCache c = cacheFor(tx);
        long generation = tm.invalidation().current();
        if (c != null) {
            Integer cached = c.oidByName(generation, nsp, name);
            if (cached != null) return cached.intValue() == 0 ? null : cached; // 0: RelationCache.ABSENT
        }
        List<Row> r = scan(PG_CLASS, tx, v -> name.equals(v[PG_CLASS.col("relname")]) && (Integer) v[PG_CLASS.col("relnamespace")] == nsp);
        Integer oid = r.isEmpty() ? null : (Integer) r.get(0).v[PG_CLASS.col("oid")];
        if (c != null) c.putName(generation, tm.invalidation().current(), nsp, name, oid);
        return oid;
    }

    /**
     * Resolves a possibly schema-qualified name (RangeVarGetRelid without locking). Unqualified
     * names are searched in pg_catalog, then public (PostgreSQL's default search_path).
     */
    public int resolveRelation(Transaction tx, String schema, String name) {
        if (schema != null) {
            Integer oid = relationOid(tx, requireNamespace(tx, schema), name);
            if (oid == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + schema + "." + name + "\" does not exist");
            return oid;
        }
        for (int nsp : new int[] {PG_CATALOG_NAMESPACE, PUBLIC_NAMESPACE}) {
            Integer oid = relationOid(tx, nsp, name);
            if (oid != null) return oid;
        }
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }

    /**
     * Resolves, locks in {@code mode}, and returns the relation (RangeVarGetRelidExtended's
     * loop): if DDL committed while we waited for the lock, the name is resolved again and, if it
     * now names another relation, that one is locked instead.
     */
    public RelationDescriptor openRelation(Transaction tx, String schema, String name, LockMode mode) {
        while (true) {
            long before = tm.invalidation().current();
            int oid = resolveRelation(tx, schema, name);
            tx.lockRelation(oid, mode);
            if (tm.invalidation().current() == before || resolveRelation(tx, schema, name) == oid) {
                RelationDescriptor d = relation(tx, oid);
                if (d == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
                return d;
            }
        }
    }

    /** The relation with that oid as the transaction's catalog snapshot sees it, or null. */
    public RelationDescriptor relation(Transaction tx, int oid) {
        RelationCache c = cacheFor(tx);
        long generation = tm.invalidation().current();
        if (c != null) {
            RelationDescriptor d = c.byOid(generation, oid);
            if (d != null) return d;
        }
        RelationDescriptor d = build(tx, tx.catalogSnapshot(), oid);
        if (d != null && c != null) c.put(generation, tm.invalidation().current(), d);
        return d;
    }

    /**
     * Which cache a lookup of {@code tx} may use: the shared one while the transaction has not
     * changed the catalog; afterwards its own (it must see its uncommitted rows, which others
     * must not), but only at the top level (see {@link OwnChangesCache}); null: no cache.
     */
    private RelationCache cacheFor(Transaction tx) {
        if (!tx.catalogChanged()) return cache;
        if (tx.nestingLevel() != 0) return null;
        return ownChanges.forTransaction(tx);
    }

    private RelationDescriptor build(Transaction tx, Snapshot snap, int oid) {
        List<Row> cls = scan(PG_CLASS, tx, snap, v -> (Integer) v[PG_CLASS.col("oid")] == oid);
        if (cls.isEmpty()) return null;
        Object[] c = cls.get(0).v;
        int natts = (Short) c[PG_CLASS.col("relnatts")];
        RelationDescriptor.Column[] cols = new RelationDescriptor.Column[natts];
        Map<Integer, String> defaults = new HashMap<>();
        for (Row r : scan(PG_ATTRDEF, tx, snap, v -> (Integer) v[PG_ATTRDEF.col("adrelid")] == oid)) {
            defaults.put((int) (Short) r.v[PG_ATTRDEF.col("adnum")], (String) r.v[PG_ATTRDEF.col("adbin")]);
        }
        for (Row r : scan(PG_ATTRIBUTE, tx, snap, v -> (Integer) v[PG_ATTRIBUTE.col("attrelid")] == oid)) {
            Object[] a = r.v;
            int attnum = (Short) a[PG_ATTRIBUTE.col("attnum")];
            if (attnum < 1 || attnum > natts) continue;
            cols[attnum - 1] = new RelationDescriptor.Column(attnum, (String) a[PG_ATTRIBUTE.col("attname")],
                    (Integer) a[PG_ATTRIBUTE.col("atttypid")], (Integer) a[PG_ATTRIBUTE.col("atttypmod")],
                    (Boolean) a[PG_ATTRIBUTE.col("attnotnull")], (Boolean) a[PG_ATTRIBUTE.col("attisdropped")],
                    defaults.get(attnum));
        }
        for (int i = 0; i < natts; i++) {
            if (cols[i] == null) throw new PgException(SqlState.DATA_CORRUPTED, "catalog is missing attribute " + (i + 1) + " of relation " + oid);
        }
        List<RelationDescriptor.Constraint> cons = new ArrayList<>();
        Map<Integer, Integer> constraintOfIndex = new HashMap<>();
        for (Row r : scan(PG_CONSTRAINT, tx, snap, v -> (Integer) v[PG_CONSTRAINT.col("conrelid")] == oid)) {
            Integer indid = (Integer) r.v[PG_CONSTRAINT.col("conindid")];
            if (indid != null && indid != 0) constraintOfIndex.put(indid, (Integer) r.v[PG_CONSTRAINT.col("oid")]);
            cons.add(new RelationDescriptor.Constraint((Integer) r.v[PG_CONSTRAINT.col("oid")], (String) r.v[PG_CONSTRAINT.col("conname")],
                    (char) (byte) (Byte) r.v[PG_CONSTRAINT.col("contype")], parseIntArray((String) r.v[PG_CONSTRAINT.col("conkey")]),
                    (String) r.v[PG_CONSTRAINT.col("conbin")]));
        }
        char relkind = (char) (byte) (Byte) c[PG_CLASS.col("relkind")];
        SequenceOptions seq = null;
        if (relkind == RelationDescriptor.RELKIND_SEQUENCE) {
            List<Row> s = scan(PG_SEQUENCE, tx, snap, v -> (Integer) v[PG_SEQUENCE.col("seqrelid")] == oid);
            if (s.isEmpty()) throw new PgException(SqlState.DATA_CORRUPTED, "cache lookup failed for sequence " + oid);
            Object[] v = s.get(0).v;
            seq = new SequenceOptions((Long) v[PG_SEQUENCE.col("seqstart")], (Long) v[PG_SEQUENCE.col("seqincrement")],
                    (Long) v[PG_SEQUENCE.col("seqmin")], (Long) v[PG_SEQUENCE.col("seqmax")],
                    (Long) v[PG_SEQUENCE.col("seqcache")], (Boolean) v[PG_SEQUENCE.col("seqcycle")], (Integer) v[PG_SEQUENCE.col("seqtypid")]);
        }
        int nsp = (Integer) c[PG_CLASS.col("relnamespace")];
        List<RelationDescriptor.Index> indexes = relkind == RelationDescriptor.RELKIND_TABLE
                ? indexesOf(tx, snap, oid, constraintOfIndex) : List.of();
        return new RelationDescriptor(oid, (String) c[PG_CLASS.col("relname")], nsp, namespaceName(tx, nsp), relkind,
                (Integer) c[PG_CLASS.col("relfilenode")], dbOid, List.of(cols), List.copyOf(cons), seq,
                TextArrays.parse((String) c[PG_CLASS.col("reloptions")]), indexes);
    }

    /** The indexes of table {@code tableOid} (pg_index rows and their pg_class rows), in oid order. */
    private List<RelationDescriptor.Index> indexesOf(Transaction tx, Snapshot snap, int tableOid, Map<Integer, Integer> constraintOfIndex) {
        List<Row> idx = scan(PG_INDEX, tx, snap, v -> (Integer) v[PG_INDEX.col("indrelid")] == tableOid);
        if (idx.isEmpty()) return List.of();
        Set<Integer> oidSet = new HashSet<>();
        for (Row r : idx) oidSet.add((Integer) r.v[PG_INDEX.col("indexrelid")]);
        Map<Integer, Object[]> classRows = new HashMap<>();
        for (Row r : scan(PG_CLASS, tx, snap, v -> oidSet.contains((Integer) v[PG_CLASS.col("oid")]))) {
            classRows.put((Integer) r.v[PG_CLASS.col("oid")], r.v);
        }
        List<RelationDescriptor.Index> out = new ArrayList<>();
        for (Row r : idx) {
            int ioid = (Integer) r.v[PG_INDEX.col("indexrelid")];
            Object[] cls = classRows.get(ioid);
            if (cls == null) throw new PgException(SqlState.DATA_CORRUPTED, "cache lookup failed for index " + ioid);
            List<Integer> attnums = parseVector((String) r.v[PG_INDEX.col("indkey")]);
            List<Boolean> desc = new ArrayList<>();
            for (int option : parseVector((String) r.v[PG_INDEX.col("indoption")])) desc.add((option & INDOPTION_DESC) != 0);
            out.add(new RelationDescriptor.Index(ioid, (String) cls[PG_CLASS.col("relname")], (Integer) cls[PG_CLASS.col("relfilenode")],
                    List.copyOf(attnums), (Boolean) r.v[PG_INDEX.col("indisunique")], (Boolean) r.v[PG_INDEX.col("indisprimary")],
                    List.copyOf(desc), constraintOfIndex.getOrDefault(ioid, 0)));
        }
        out.sort((a, b) -> Integer.compareUnsigned(a.oid(), b.oid()));
        return List.copyOf(out);
    }

    /** pg_index.indoption bits (PostgreSQL's INDOPTION_DESC, INDOPTION_NULLS_FIRST). */
    public static final int INDOPTION_DESC = 1;
    public static final int INDOPTION_NULLS_FIRST = 2;

    /** An int2vector/oidvector's text form ("1 3") as numbers. */
    private static List<Integer> parseVector(String s) {
        List<Integer> out = new ArrayList<>();
        if (s == null || s.isBlank()) return out;
        for (String p : s.trim().split(" +")) out.add(Integer.parseInt(p));
        return out;
    }

    private static String vector(List<Integer> xs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.size(); i++) b.append(i == 0 ? "" : " ").append(xs.get(i));
        return b.toString();
    }

    private static List<Integer> parseIntArray(String s) {
        List<Integer> out = new ArrayList<>();
        if (s == null || s.length() <= 2) return out;
        for (String p : s.substring(1, s.length() - 1).split(",")) out.add(Integer.parseInt(p.trim()));
        return out;
    }

    private static String intArray(List<Integer> xs) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < xs.size(); i++) b.append(i == 0 ? "" : ",").append(xs.get(i));
        return b.append('}').toString();
    }

    /** The pg_type description of a type oid (built-in types), or null. */
    public static BuiltinType type(int typeOid) { return BuiltinType.byOid(typeOid); }

    // ------------------------------------------------------------------ DDL

    /** CREATE SCHEMA name. Returns its oid. */
    public int createSchema(Transaction tx, String name) {
        tx.lock(LockTag.objectName(dbOid, 0, name), LockMode.ACCESS_EXCLUSIVE);
        if (namespaceOid(tx, name) != null) throw new PgException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
        int oid = oids.next();
        insert(PG_NAMESPACE, tx, PG_NAMESPACE.row("oid", oid, "nspname", name, "nspowner", BOOTSTRAP_SUPERUSER));
        finishDdl(tx);
        return oid;
    }

    /**
     * DROP SCHEMA name (RESTRICT): removes the pg_namespace row. 3F000 if it does not exist
     * (false when {@code missingOk}); 2BP01 while a relation still lives in it, naming the first
     * one as PostgreSQL's dependency report does; pg_catalog can never go.
     */
    public boolean dropSchema(Transaction tx, String name, boolean missingOk) {
        tx.lock(LockTag.objectName(dbOid, 0, name), LockMode.ACCESS_EXCLUSIVE);
        List<Row> found = scan(PG_NAMESPACE, tx, v -> name.equals(v[PG_NAMESPACE.col("nspname")]));
        if (found.isEmpty()) {
            if (missingOk) return false;
            throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
        }
        Row nsp = found.get(0);
        int oid = (Integer) nsp.v[PG_NAMESPACE.col("oid")];
        if (oid == PG_CATALOG_NAMESPACE) {
            throw new PgException("2BP01", "cannot drop schema " + name + " because it is required by the database system");
        }
        List<Row> members = scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("relnamespace")] == oid
                && (Byte) v[PG_CLASS.col("relkind")] != (byte) RelationDescriptor.RELKIND_INDEX);
        if (!members.isEmpty()) {
            Object[] rel = members.get(0).v;
            String kind = ((Byte) rel[PG_CLASS.col("relkind")]) == (byte) RelationDescriptor.RELKIND_SEQUENCE ? "sequence" : "table";
            StringBuilder detail = new StringBuilder();
            for (Row m : members) {
                if (detail.length() > 0) detail.append('\n');
                String k = ((Byte) m.v[PG_CLASS.col("relkind")]) == (byte) RelationDescriptor.RELKIND_SEQUENCE ? "sequence" : "table";
                detail.append(k).append(' ').append(name).append('.').append(m.v[PG_CLASS.col("relname")])
                        .append(" depends on schema ").append(name);
            }
            throw new PgException("2BP01", "cannot drop schema " + name + " because other objects depend on it",
                    detail.toString(), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null, null);
        }
        delete(PG_NAMESPACE, tx, nsp);
        finishDdl(tx);
        return true;
    }

    /**
     * CREATE TABLE schema.name (columns, constraints): catalog rows, the relation's file (removed
     * again if the transaction aborts), AccessExclusiveLock on the new relation. Returns its oid.
     */
    public int createTable(Transaction tx, String schema, String name, List<ColumnDefinition> columns,
                           List<ConstraintDefinition> constraints) {
        return createTable(tx, schema, name, columns, constraints, List.of());
    }

    /**
     * CREATE TABLE ... WITH (storage parameters): {@code reloptions} are "name=value" entries,
     * already validated by the caller, kept in pg_class.reloptions.
     */
    public int createTable(Transaction tx, String schema, String name, List<ColumnDefinition> columns,
                           List<ConstraintDefinition> constraints, List<String> reloptions) {
        int nsp = requireNamespace(tx, schema == null ? "public" : schema);
        Set<String> seen = new HashSet<>();
        for (ColumnDefinition c : columns) {
            if (!seen.add(c.name())) throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
            storableType(c.typeOid());
        }
        if (columns.size() > 1600) throw new PgException("54011", "tables can have at most 1600 columns");
        lockNewName(tx, nsp, name);
        int oid = oids.next();
        int typeOid = oids.next();
        List<ColumnDefinition> cols = List.copyOf(columns);
        createFile(tx, oid, name, cols);
        rowType(tx, typeOid, name, nsp, oid);
        int nchecks = 0;
        for (ConstraintDefinition k : constraints) if (k.type() == 'c') nchecks++;
        Object[] classRow = classRow(oid, name, nsp, typeOid, oid, 'r', cols.size(), nchecks, false);
        classRow[PG_CLASS.col("reloptions")] = TextArrays.format(reloptions);
        insert(PG_CLASS, tx, classRow);
        for (int i = 0; i < cols.size(); i++) {
            ColumnDefinition c = cols.get(i);
            boolean pkCol = false;
            for (ConstraintDefinition k : constraints) pkCol |= k.type() == 'p' && k.columns().contains(c.name());
            if (pkCol && !c.notNull()) c = new ColumnDefinition(c.name(), c.typeOid(), c.typmod(), true, c.defaultExpr());
            insert(PG_ATTRIBUTE, tx, attributeRow(oid, i + 1, c));
            if (c.defaultExpr() != null) insertDefault(tx, oid, i + 1, c.defaultExpr());
        }
        for (ConstraintDefinition k : constraints) if (k.type() == 'c') insertConstraint(tx, oid, nsp, name, cols, k);
        tx.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        finishDdl(tx);
        // PRIMARY KEY first, then UNIQUE in order, each with its index (PostgreSQL's order of index creation)
        for (char type : new char[] {'p', 'u'}) {
            for (ConstraintDefinition k : constraints) {
                if (k.type() != type) continue;
                RelationDescriptor d = relation(tx, oid);
                createIndex(tx, d, keyIndexDefinition(tx, d, k));
            }
        }
        return oid;
    }

    /**
     * The index a PRIMARY KEY or UNIQUE constraint gets: its name is the constraint's, or
     * PostgreSQL's default (table_pkey, table_col1_col2_key, numbered when taken). 42703 for a
     * column the table does not have.
     */
    public IndexDefinition keyIndexDefinition(Transaction tx, RelationDescriptor d, ConstraintDefinition k) {
        List<Integer> attnums = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        for (String cn : k.columns()) {
            RelationDescriptor.Column c = d.column(cn);
            if (c == null) throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + cn + "\" named in key does not exist");
            attnums.add(c.attnum());
            desc.add(false);
        }
        String name = k.name() != null ? k.name()
                : k.type() == 'p' ? chooseRelationName(tx, d.namespaceOid(), d.name(), null, "pkey")
                : chooseRelationName(tx, d.namespaceOid(), d.name(), indexNameAddition(k.columns()), "key");
        return new IndexDefinition(name, attnums, desc, true, k.type());
    }

    /** PostgreSQL's NAMEDATALEN - 1: the longest identifier, in bytes. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    /** ChooseIndexNameAddition: the column names joined by "_", at most an identifier long. */
    public static String indexNameAddition(List<String> columnNames) {
        StringBuilder b = new StringBuilder();
        for (String n : columnNames) {
            if (b.length() > 0) b.append('_');
            b.append(n);
            if (utf8Length(b.toString()) >= MAX_IDENTIFIER_BYTES) break;
        }
        return truncateUtf8(b.toString(), MAX_IDENTIFIER_BYTES);
    }

    /**
     * PostgreSQL's ChooseRelationName: name1_name2_label (name2 may be null), the longer of
     * name1/name2 shortened until it fits in 63 bytes; when a relation of that name exists in the
     * namespace, label1, label2, ... are tried.
     */
    public String chooseRelationName(Transaction tx, int nsp, String name1, String name2, String label) {
        String modLabel = label;
        for (int pass = 1; ; pass++) {
            String candidate = makeObjectName(name1, name2, modLabel);
            if (relationOid(tx, nsp, candidate) == null) return candidate;
            modLabel = label + pass;
        }
    }

    /** makeObjectName: shortens the longer of name1/name2 (by characters) until the whole fits in an identifier. */
    static String makeObjectName(String name1, String name2, String label) {
        int overhead = label == null ? 0 : utf8Length(label) + 1;
        if (name2 != null) overhead++;
        int avail = MAX_IDENTIFIER_BYTES - overhead;
        String n1 = name1;
        String n2 = name2;
        int l1 = utf8Length(n1);
        int l2 = n2 == null ? 0 : utf8Length(n2);
        while (l1 + l2 > avail) {
            if (l1 > l2) {
                n1 = n1.substring(0, n1.offsetByCodePoints(n1.length(), -1));
                l1 = utf8Length(n1);
            } else {
                n2 = n2.substring(0, n2.offsetByCodePoints(n2.length(), -1));
                l2 = utf8Length(n2);
            }
        }
        StringBuilder b = new StringBuilder(n1);
        if (n2 != null) b.append('_').append(n2);
        if (label != null) b.append('_').append(label);
        return b.toString();
    }

    private static int utf8Length(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; }

    private static String truncateUtf8(String s, int maxBytes) {
        while (utf8Length(s) > maxBytes) s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
        return s;
    }

    // ------------------------------------------------------------------ indexes

    /** The access method of every index here (pg_am 'btree'). */
    public static final int BTREE_AM = 403;

    /** pg_opclass oids of the default btree operator classes (pg_index.indclass), by column type oid. */
    static int defaultBtreeOpclass(int typeOid) {
        return switch (typeOid) {
            case 16 -> 424;      // bool_ops
            case 17 -> 428;      // bytea_ops
            case 18 -> 429;      // char_ops
            case 19 -> 10003;    // name_ops (PostgreSQL 15: text_ops family, 3126 is text_ops)
            case 20 -> 3124;     // int8_ops
            case 21 -> 1979;     // int2_ops
            case 23 -> 1978;     // int4_ops
            case 25 -> 3126;     // text_ops
            case 26 -> 1981;     // oid_ops
            case 700 -> 1970;    // float4_ops
            case 701 -> 1971;    // float8_ops
            case 1042 -> 426;    // bpchar_ops
            case 1043 -> 3126;   // varchar columns use text_ops
            case 1082 -> 3122;   // date_ops
            case 1083 -> 1996;   // time_ops
            case 1114 -> 3128;   // timestamp_ops
            case 1184 -> 3127;   // timestamptz_ops
            case 1186 -> 1982;   // interval_ops
            case 1266 -> 2135;   // timetz_ops
            case 1700 -> 3125;   // numeric_ops
            case 2950 -> 2968;   // uuid_ops
            default -> 0;
        };
    }

    /**
     * CREATE INDEX (or the index of a PRIMARY KEY / UNIQUE constraint) on {@code table}, whose
     * lock the caller holds (ShareLock for CREATE INDEX, AccessExclusiveLock for ALTER TABLE):
     * its pg_class row (relkind 'i', relam btree, relpages 1 and reltuples 0 as a fresh index
     * has), one pg_attribute row per index column (named after its heap column), the pg_index
     * row, for a constraint its pg_constraint row with conindid (and NOT NULL on a primary key's
     * columns), relhasindex on the table, and an empty file (removed again if the transaction
     * aborts). The caller initialises the file through the B-tree (create or build). 42P07 when
     * the name is taken, 42P16 for a second primary key.
     */
    public RelationDescriptor.Index createIndex(Transaction tx, RelationDescriptor table, IndexDefinition def) {
        RelationDescriptor d = relation(tx, table.oid());
        if (d == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
        if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + d.name() + "\" is not a table");
        }
        if (d.namespaceOid() == PG_CATALOG_NAMESPACE) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + d.name() + "\" is a system catalog");
        }
        if (def.primary()) {
            for (RelationDescriptor.Constraint k : d.constraints()) {
                if (k.type() == 'p') throw new PgException("42P16", "multiple primary keys for table \"" + d.name() + "\" are not allowed");
            }
        }
        List<RelationDescriptor.Column> cols = new ArrayList<>();
        for (int attnum : def.attnums()) {
            if (attnum < 1 || attnum > d.columns().size() || d.columns().get(attnum - 1).dropped()) {
                throw new IllegalArgumentException("no column " + attnum + " in " + d.name());
            }
            cols.add(d.columns().get(attnum - 1));
        }
        lockNewName(tx, d.namespaceOid(), def.name());
        int oid = oids.next();
        createFile(tx, oid, def.name(), List.of());
        Object[] cls = classRow(oid, def.name(), d.namespaceOid(), 0, oid, RelationDescriptor.RELKIND_INDEX, cols.size(), 0, false);
        cls[PG_CLASS.col("relam")] = BTREE_AM;
        cls[PG_CLASS.col("relpages")] = 1;
        cls[PG_CLASS.col("reltuples")] = 0f;
        insert(PG_CLASS, tx, cls);
        List<Integer> collations = new ArrayList<>();
        List<Integer> opclasses = new ArrayList<>();
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            RelationDescriptor.Column c = cols.get(i);
            insert(PG_ATTRIBUTE, tx, attributeRow(oid, i + 1, new ColumnDefinition(c.name(), c.typeOid(), c.typmod(), false, null)));
            BuiltinType t = BuiltinType.byOid(c.typeOid());
            collations.add(t != null && t.category() == 'S' ? (c.typeOid() == 19 ? 950 : DEFAULT_COLLATION) : 0);
            opclasses.add(defaultBtreeOpclass(c.typeOid()));
            // DESC is stored with NULLS FIRST (PostgreSQL's default for DESC), ASC with NULLS LAST
            options.add(def.descending().get(i) ? INDOPTION_DESC | INDOPTION_NULLS_FIRST : 0);
        }
        insert(PG_INDEX, tx, PG_INDEX.row("indexrelid", oid, "indrelid", d.oid(), "indnatts", (short) cols.size(),
                "indnkeyatts", (short) cols.size(), "indisunique", def.unique(), "indnullsnotdistinct", false,
                "indisprimary", def.primary(), "indisexclusion", false, "indimmediate", true, "indisclustered", false,
                "indisvalid", true, "indcheckxmin", false, "indisready", true, "indislive", true, "indisreplident", false,
                "indkey", vector(def.attnums()), "indcollation", vector(collations), "indclass", vector(opclasses),
                "indoption", vector(options), "indexprs", null, "indpred", null));
        int conOid = 0;
        if (def.constraintType() != 0) {
            conOid = oids.next();
            insert(PG_CONSTRAINT, tx, PG_CONSTRAINT.row("oid", conOid, "conname", def.name(), "connamespace", d.namespaceOid(),
                    "contype", (byte) def.constraintType(), "condeferrable", false, "condeferred", false, "convalidated", true,
                    "conrelid", d.oid(), "contypid", 0, "conindid", oid, "confrelid", 0, "conkey", intArray(def.attnums()),
                    "conbin", null));
            if (def.primary()) {
                for (RelationDescriptor.Column c : cols) {
                    if (c.notNull()) continue;
                    for (Row r : attributeRows(tx, d.oid(), c.attnum())) {
                        Object[] v = r.v.clone();
                        v[PG_ATTRIBUTE.col("attnotnull")] = true;
                        update(PG_ATTRIBUTE, tx, r, v);
                    }
                }
            }
        }
        List<Row> tableRow = scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == d.oid());
        if (!tableRow.isEmpty() && !(Boolean) tableRow.get(0).v[PG_CLASS.col("relhasindex")]) {
            updateClass(tx, d.oid(), "relhasindex", true);
        }
        finishDdl(tx);
        return new RelationDescriptor.Index(oid, def.name(), oid, def.attnums(), def.unique(), def.primary(),
                def.descending(), conOid);
    }

    /**
     * After an index build: pg_class.relpages/reltuples of the index (and of its table, as
     * PostgreSQL's index_update_stats does when the build saw rows).
     */
    public void setIndexBuildStats(Transaction tx, RelationDescriptor table, int indexOid, int indexPages, int tablePages, double tuples) {
        updateClass(tx, indexOid, "relpages", indexPages, "reltuples", (float) tuples);
        if (tuples > 0) updateClass(tx, table.oid(), "relpages", tablePages, "reltuples", (float) tuples);
        finishDdl(tx);
    }

    /** The table an index belongs to (pg_index.indrelid), or null when {@code indexOid} is no index. */
    public Integer indexTable(Transaction tx, int indexOid) {
        List<Row> r = scan(PG_INDEX, tx, v -> (Integer) v[PG_INDEX.col("indexrelid")] == indexOid);
        return r.isEmpty() ? null : (Integer) r.get(0).v[PG_INDEX.col("indrelid")];
    }

    /**
     * DROP INDEX, ALTER TABLE DROP CONSTRAINT of a key, DROP COLUMN: removes the index's rows
     * (pg_class, pg_attribute, pg_index, and its constraint's pg_constraint row); its file goes at
     * commit. The caller holds AccessExclusiveLock on the table.
     */
    public void dropIndex(Transaction tx, RelationDescriptor table, int indexOid) {
        RelationDescriptor d = relation(tx, table.oid());
        RelationDescriptor.Index idx = d == null ? null : d.index(indexOid);
        if (idx == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "index " + indexOid + " does not exist");
        removeIndexRows(tx, idx, true);
        finishDdl(tx);
    }

    /**
     * Deletes an index's catalog rows and drops its file at commit; its constraint's row too when
     * {@code withConstraint} (callers that delete the table's or column's constraint rows
     * themselves pass false: a row must not be deleted twice in one command).
     */
    private void removeIndexRows(Transaction tx, RelationDescriptor.Index idx, boolean withConstraint) {
        int oid = idx.oid();
        for (Row r : scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == oid)) delete(PG_CLASS, tx, r);
        for (Row r : scan(PG_ATTRIBUTE, tx, v -> (Integer) v[PG_ATTRIBUTE.col("attrelid")] == oid)) delete(PG_ATTRIBUTE, tx, r);
        for (Row r : scan(PG_INDEX, tx, v -> (Integer) v[PG_INDEX.col("indexrelid")] == oid)) delete(PG_INDEX, tx, r);
        if (withConstraint) {
            for (Row r : scan(PG_CONSTRAINT, tx, v -> {
                Integer indid = (Integer) v[PG_CONSTRAINT.col("conindid")];
                return indid != null && indid == oid;
            })) delete(PG_CONSTRAINT, tx, r);
        }
        HeapRelation file = fileOnly(idx.relfilenode(), idx.name());
        tx.atEnd(() -> files.drop(file), null);
    }

    /**
     * ALTER TABLE DROP CONSTRAINT name: the pg_constraint row, and for PRIMARY KEY / UNIQUE its
     * index (NOT NULL of a primary key's columns stays, as in PostgreSQL 15). 42704 when the table
     * has no such constraint (false with {@code missingOk}).
     */
    public boolean dropConstraint(Transaction tx, RelationDescriptor table, String name, boolean missingOk) {
        RelationDescriptor d = lockForAlter(tx, table);
        RelationDescriptor.Constraint k = null;
        for (RelationDescriptor.Constraint c : d.constraints()) if (c.name().equals(name)) k = c;
        if (k == null) {
            if (missingOk) return false;
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \"" + d.name() + "\" does not exist");
        }
        int conOid = k.oid();
        RelationDescriptor.Index owned = null;
        for (RelationDescriptor.Index i : d.indexes()) if (i.constraintOid() == conOid) owned = i;
        if (owned != null) {
            removeIndexRows(tx, owned, true);
        } else {
            for (Row r : scan(PG_CONSTRAINT, tx, v -> (Integer) v[PG_CONSTRAINT.col("oid")] == conOid)) delete(PG_CONSTRAINT, tx, r);
        }
        if (k.type() == 'c') {
            int checks = 0;
            for (RelationDescriptor.Constraint c : d.constraints()) if (c.type() == 'c') checks++;
            updateClass(tx, d.oid(), "relchecks", (short) (checks - 1));
        }
        finishDdl(tx);
        return true;
    }

    private void lockNewName(Transaction tx, int nsp, String name) {
        tx.lock(LockTag.objectName(dbOid, nsp, name), LockMode.ACCESS_EXCLUSIVE);
        if (relationOid(tx, nsp, name) != null) throw new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
    }

    private static AttributeType storableType(int typeOid) {
        AttributeType t = AttributeType.byOid(typeOid);
        if (t == null) {
            BuiltinType b = BuiltinType.byOid(typeOid);
            if (b == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "type with OID " + Integer.toUnsignedString(typeOid) + " does not exist");
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "columns of type " + b.name() + " are not supported");
        }
        return t;
    }

    /** Creates a new relation file now and unlinks it if this (sub)transaction rolls back. */
    private void createFile(Transaction tx, int relfilenode, String name, List<ColumnDefinition> cols) {
        HeapRelation rel = fileOnly(relfilenode, name);
        files.create(rel);
        tx.atEnd(null, () -> files.drop(rel));
    }

    private HeapRelation fileOnly(int relfilenode, String name) {
        return new HeapRelation(new RelFileLocator(dbOid, relfilenode), name, TupleDesc.of());
    }

    private void insertDefault(Transaction tx, int relOid, int attnum, String expr) {
        insert(PG_ATTRDEF, tx, PG_ATTRDEF.row("oid", oids.next(), "adrelid", relOid, "adnum", (short) attnum, "adbin", expr));
    }

    private void insertConstraint(Transaction tx, int relOid, int nsp, String relName, List<ColumnDefinition> cols,
                                  ConstraintDefinition k) {
        List<Integer> attnums = new ArrayList<>();
        for (String cn : k.columns()) {
            int idx = -1;
            for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(cn)) idx = i;
            if (idx < 0) throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + cn + "\" named in key does not exist");
            attnums.add(idx + 1);
        }
        String conname = k.name() != null ? k.name() : relName + "_" + switch (k.type()) {
            case 'p' -> "pkey";
            case 'u' -> String.join("_", k.columns()) + "_key";
            default -> (k.columns().isEmpty() ? "" : String.join("_", k.columns()) + "_") + "check";
        };
        insert(PG_CONSTRAINT, tx, PG_CONSTRAINT.row("oid", oids.next(), "conname", conname, "connamespace", nsp,
                "contype", (byte) k.type(), "condeferrable", false, "condeferred", false, "convalidated", true,
                "conrelid", relOid, "contypid", 0, "conindid", 0, "confrelid", 0, "conkey", intArray(attnums),
                "conbin", k.checkExpr()));
    }

    /** DROP TABLE: 42P01 if missing (unless missingOk), 42809 if not a table. Returns whether one was dropped. */
    public boolean dropTable(Transaction tx, String schema, String name, boolean missingOk) {
        return dropRelation(tx, schema, name, missingOk, RelationDescriptor.RELKIND_TABLE);
    }

    /** DROP SEQUENCE. */
    public boolean dropSequence(Transaction tx, String schema, String name, boolean missingOk) {
        return dropRelation(tx, schema, name, missingOk, RelationDescriptor.RELKIND_SEQUENCE);
    }

    private boolean dropRelation(Transaction tx, String schema, String name, boolean missingOk, char relkind) {
        RelationDescriptor d;
        try {
            d = openRelation(tx, schema, name, LockMode.ACCESS_EXCLUSIVE);
        } catch (PgException e) {
            if (missingOk && SqlState.UNDEFINED_TABLE.equals(e.sqlState())) return false;
            throw e;
        }
        if (d.relkind() != relkind) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a " + (relkind == 'r' ? "table" : "sequence"));
        }
        if (d.namespaceOid() == PG_CATALOG_NAMESPACE) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + name + "\" is a system catalog");
        }
        int oid = d.oid();
        for (RelationDescriptor.Index idx : d.indexes()) removeIndexRows(tx, idx, false);
        for (Row r : scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == oid)) delete(PG_CLASS, tx, r);
        for (Row r : scan(PG_TYPE, tx, v -> (Integer) v[PG_TYPE.col("typrelid")] == oid)) delete(PG_TYPE, tx, r);
        for (Row r : scan(PG_ATTRIBUTE, tx, v -> (Integer) v[PG_ATTRIBUTE.col("attrelid")] == oid)) delete(PG_ATTRIBUTE, tx, r);
        for (Row r : scan(PG_ATTRDEF, tx, v -> (Integer) v[PG_ATTRDEF.col("adrelid")] == oid)) delete(PG_ATTRDEF, tx, r);
        for (Row r : scan(PG_CONSTRAINT, tx, v -> (Integer) v[PG_CONSTRAINT.col("conrelid")] == oid)) delete(PG_CONSTRAINT, tx, r);
        for (Row r : scan(PG_SEQUENCE, tx, v -> (Integer) v[PG_SEQUENCE.col("seqrelid")] == oid)) delete(PG_SEQUENCE, tx, r);
        HeapRelation file = fileOnly(d.relfilenode(), d.name());
        int relfilenode = d.relfilenode();
        boolean isSeq = relkind == RelationDescriptor.RELKIND_SEQUENCE;
        tx.atEnd(() -> {
            files.drop(file);
            if (isSeq) sequences.remove(dbOid, oid, relfilenode);
        }, null);
        finishDdl(tx);
        return true;
    }

    // ------------------------------------------------------------------ views

    /**
     * CREATE VIEW: a pg_class row of relkind 'v' (no relation file), its row type, one
     * pg_attribute row per output column and the pg_rewrite rule "_RETURN" whose ev_action is the
     * query's SQL text. Returns the view's oid.
     */
    public int createView(Transaction tx, String schema, String name, List<ColumnDefinition> columns, String definition,
                          String relations) {
        int nsp = requireNamespace(tx, schema == null ? "public" : schema);
        Set<String> seen = new HashSet<>();
        for (ColumnDefinition c : columns) {
            if (!seen.add(c.name())) throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than once");
        }
        lockNewName(tx, nsp, name);
        int oid = oids.next();
        int typeOid = oids.next();
        rowType(tx, typeOid, name, nsp, oid);
        Object[] cls = classRow(oid, name, nsp, typeOid, 0, RelationDescriptor.RELKIND_VIEW, columns.size(), 0, false);
        cls[PG_CLASS.col("relam")] = 0;
        cls[PG_CLASS.col("relhasrules")] = true;
        insert(PG_CLASS, tx, cls);
        for (int i = 0; i < columns.size(); i++) insert(PG_ATTRIBUTE, tx, attributeRow(oid, i + 1, columns.get(i)));
        insert(PG_REWRITE, tx, PG_REWRITE.row("oid", oids.next(), "rulename", "_RETURN", "ev_class", oid,
                "ev_type", (byte) '1', "ev_enabled", (byte) 'O', "is_instead", true, "ev_qual", relations, "ev_action", definition));
        tx.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        finishDdl(tx);
        return oid;
    }

    /**
     * CREATE OR REPLACE VIEW of an existing view: new query text, columns appended after the
     * existing ones (the caller checked that the existing columns keep their names and types, as
     * PostgreSQL requires).
     */
    public void replaceView(Transaction tx, RelationDescriptor view, List<ColumnDefinition> columns, String definition,
                            String relations) {
        RelationDescriptor d = lockForAlter(tx, view);
        int oid = d.oid();
        for (int i = d.columns().size(); i < columns.size(); i++) insert(PG_ATTRIBUTE, tx, attributeRow(oid, i + 1, columns.get(i)));
        if (columns.size() != d.columns().size()) updateClass(tx, oid, "relnatts", (short) columns.size());
        for (Row r : scan(PG_REWRITE, tx, v -> (Integer) v[PG_REWRITE.col("ev_class")] == oid)) {
            Object[] v = r.v.clone();
            v[PG_REWRITE.col("ev_action")] = definition;
            v[PG_REWRITE.col("ev_qual")] = relations;
            update(PG_REWRITE, tx, r, v);
        }
        finishDdl(tx);
    }

    /**
     * A view's rule: its query's SQL text and the relations that query read when the view was made
     * (the executor's text; kept in ev_qual, which a view's rule does not otherwise use).
     */
    public record ViewRule(String query, String relations) {}

    /** The rule of a view, or null when {@code viewOid} is no view. */
    public ViewRule viewRule(Transaction tx, int viewOid) {
        for (Row r : scan(PG_REWRITE, tx, v -> (Integer) v[PG_REWRITE.col("ev_class")] == viewOid)) {
            return new ViewRule((String) r.v[PG_REWRITE.col("ev_action")], (String) r.v[PG_REWRITE.col("ev_qual")]);
        }
        return null;
    }

    /** DROP VIEW: its catalog rows (a view has no file). The caller checked that it is a view. */
    public void dropView(Transaction tx, RelationDescriptor view) {
        RelationDescriptor d = lockForAlter(tx, view);
        int oid = d.oid();
        for (Row r : scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == oid)) delete(PG_CLASS, tx, r);
        for (Row r : scan(PG_TYPE, tx, v -> (Integer) v[PG_TYPE.col("typrelid")] == oid)) delete(PG_TYPE, tx, r);
        for (Row r : scan(PG_ATTRIBUTE, tx, v -> (Integer) v[PG_ATTRIBUTE.col("attrelid")] == oid)) delete(PG_ATTRIBUTE, tx, r);
        for (Row r : scan(PG_REWRITE, tx, v -> (Integer) v[PG_REWRITE.col("ev_class")] == oid)) delete(PG_REWRITE, tx, r);
        finishDdl(tx);
    }

    /** ALTER TABLE name RENAME TO newName. */
    public void renameTable(Transaction tx, String schema, String name, String newName) {
        RelationDescriptor d = openRelation(tx, schema, name, LockMode.ACCESS_EXCLUSIVE);
        lockNewName(tx, d.namespaceOid(), newName);
        int oid = d.oid();
        for (Row r : scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == oid)) {
            Object[] v = r.v.clone();
            v[PG_CLASS.col("relname")] = newName;
            update(PG_CLASS, tx, r, v);
        }
        for (Row r : scan(PG_TYPE, tx, v -> (Integer) v[PG_TYPE.col("typrelid")] == oid)) {
            Object[] v = r.v.clone();
            v[PG_TYPE.col("typname")] = newName;
            update(PG_TYPE, tx, r, v);
        }
        finishDdl(tx);
    }

    /**
     * ALTER TABLE SET/RESET (storage parameters): replaces pg_class.reloptions with
     * {@code reloptions} ("name=value" entries, validated by the caller; empty means NULL).
     */
    public void setRelOptions(Transaction tx, RelationDescriptor rel, List<String> reloptions) {
        RelationDescriptor d = lockForAlter(tx, rel);
        updateClass(tx, d.oid(), "reloptions", TextArrays.format(reloptions));
        finishDdl(tx);
    }

    /**
     * ALTER TABLE ADD COLUMN. Old rows read the new column as null, so a DEFAULT or NOT NULL on
     * a table that has rows needs a table rewrite, which is not done yet (0A000 / 23502).
     */
    public void addColumn(Transaction tx, RelationDescriptor rel, ColumnDefinition c) {
        RelationDescriptor d = lockForAlter(tx, rel);
        if (d.column(c.name()) != null) {
            throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" of relation \"" + d.name() + "\" already exists");
        }
        storableType(c.typeOid());
        if ((c.defaultExpr() != null || c.notNull()) && hasRows(tx, d)) {
            if (c.defaultExpr() == null) {
                throw new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + c.name() + "\" of relation \"" + d.name() + "\" contains null values");
            }
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE ADD COLUMN with a default on a table that has rows is not supported");
        }
        int attnum = d.columns().size() + 1;
        insert(PG_ATTRIBUTE, tx, attributeRow(d.oid(), attnum, c));
        if (c.defaultExpr() != null) insertDefault(tx, d.oid(), attnum, c.defaultExpr());
        updateClass(tx, d.oid(), "relnatts", (short) attnum);
        finishDdl(tx);
    }

    private boolean hasRows(Transaction tx, RelationDescriptor d) {
        try (HeapScan s = heap.beginScan(d.heapRelation(), tx.snapshot(), tx)) {
            return s.hasNext();
        }
    }

    /** ALTER TABLE DROP COLUMN: marks it dropped (attisdropped); its bytes stay in old rows. */
    public void dropColumn(Transaction tx, RelationDescriptor rel, String column, boolean missingOk) {
        RelationDescriptor d = lockForAlter(tx, rel);
        RelationDescriptor.Column c = d.column(column);
        if (c == null) {
            if (missingOk) return;
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + d.name() + "\" does not exist");
        }
        int oid = d.oid();
        for (Row r : attributeRows(tx, oid, c.attnum())) {
            Object[] v = r.v.clone();
            v[PG_ATTRIBUTE.col("attisdropped")] = true;
            v[PG_ATTRIBUTE.col("attname")] = "........pg.dropped." + c.attnum() + "........";
            v[PG_ATTRIBUTE.col("attnotnull")] = false;
            v[PG_ATTRIBUTE.col("atthasdef")] = false;
            update(PG_ATTRIBUTE, tx, r, v);
        }
        for (Row r : scan(PG_ATTRDEF, tx, v -> (Integer) v[PG_ATTRDEF.col("adrelid")] == oid
                && (Short) v[PG_ATTRDEF.col("adnum")] == c.attnum())) delete(PG_ATTRDEF, tx, r);
        // an index on the column goes with it (with its constraint), as PostgreSQL's dependencies say
        for (RelationDescriptor.Index idx : d.indexes()) if (idx.attnums().contains(c.attnum())) removeIndexRows(tx, idx, false);
        int removedChecks = 0;
        for (Row r : scan(PG_CONSTRAINT, tx, v -> (Integer) v[PG_CONSTRAINT.col("conrelid")] == oid
                && parseIntArray((String) v[PG_CONSTRAINT.col("conkey")]).contains(c.attnum()))) {
            if ((Byte) r.v[PG_CONSTRAINT.col("contype")] == 'c') removedChecks++;
            delete(PG_CONSTRAINT, tx, r);
        }
        if (removedChecks > 0) {
            int checks = 0;
            for (RelationDescriptor.Constraint k : d.constraints()) if (k.type() == 'c') checks++;
            updateClass(tx, oid, "relchecks", (short) (checks - removedChecks));
        }
        finishDdl(tx);
    }

    /** ALTER TABLE RENAME COLUMN. */
    public void renameColumn(Transaction tx, RelationDescriptor rel, String column, String newName) {
        RelationDescriptor d = lockForAlter(tx, rel);
        RelationDescriptor.Column c = d.column(column);
        if (c == null) throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" does not exist");
        if (d.column(newName) != null) {
            throw new PgException(SqlState.DUPLICATE_COLUMN, "column \"" + newName + "\" of relation \"" + d.name() + "\" already exists");
        }
        for (Row r : attributeRows(tx, d.oid(), c.attnum())) {
            Object[] v = r.v.clone();
            v[PG_ATTRIBUTE.col("attname")] = newName;
            update(PG_ATTRIBUTE, tx, r, v);
        }
        finishDdl(tx);
    }

    /**
     * TRUNCATE: the relation gets a new, empty relfilenode; the old file is unlinked at commit
     * (the new one at abort), so a rolled-back TRUNCATE leaves the data as it was.
     */
    public void truncate(Transaction tx, RelationDescriptor rel) {
        RelationDescriptor d = lockForAlter(tx, rel);
        if (d.relkind() != RelationDescriptor.RELKIND_TABLE) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + d.name() + "\" is not a table");
        }
        int newNode = oids.next();
        createFile(tx, newNode, d.name(), List.of());
        HeapRelation old = fileOnly(d.relfilenode(), d.name());
        tx.atEnd(() -> files.drop(old), null);
        updateClass(tx, d.oid(), "relfilenode", newNode);
        // each index gets a new empty file too; the caller initialises it through the B-tree
        for (RelationDescriptor.Index idx : d.indexes()) {
            int node = oids.next();
            createFile(tx, node, idx.name(), List.of());
            HeapRelation oldIndex = fileOnly(idx.relfilenode(), idx.name());
            tx.atEnd(() -> files.drop(oldIndex), null);
            updateClass(tx, idx.oid(), "relfilenode", node, "relpages", 1, "reltuples", 0f);
        }
        finishDdl(tx);
    }

    /** CREATE SEQUENCE. Returns its oid. */
    public int createSequence(Transaction tx, String schema, String name, SequenceOptions o) {
        int nsp = requireNamespace(tx, schema == null ? "public" : schema);
        if (o.increment() == 0) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        if (o.min() >= o.max()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + o.min() + ") must be less than MAXVALUE (" + o.max() + ")");
        }
        if (o.start() < o.min()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + o.start() + ") cannot be less than MINVALUE (" + o.min() + ")");
        }
        if (o.start() > o.max()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + o.start() + ") cannot be greater than MAXVALUE (" + o.max() + ")");
        }
        lockNewName(tx, nsp, name);
        int oid = oids.next();
        int typeOid = oids.next();
        List<ColumnDefinition> cols = List.of(new ColumnDefinition("last_value", 20, -1, true, null),
                new ColumnDefinition("log_cnt", 20, -1, true, null), new ColumnDefinition("is_called", 16, -1, true, null));
        createFile(tx, oid, name, cols);
        rowType(tx, typeOid, name, nsp, oid);
        insert(PG_CLASS, tx, classRow(oid, name, nsp, typeOid, oid, 'S', cols.size(), 0, false));
        for (int i = 0; i < cols.size(); i++) insert(PG_ATTRIBUTE, tx, attributeRow(oid, i + 1, cols.get(i)));
        insert(PG_SEQUENCE, tx, PG_SEQUENCE.row("seqrelid", oid, "seqtypid", o.typeOid(), "seqstart", o.start(), "seqincrement", o.increment(),
                "seqmax", o.max(), "seqmin", o.min(), "seqcache", o.cache(), "seqcycle", o.cycle()));
        tx.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        finishDdl(tx);
        RelationDescriptor d = relation(tx, oid);
        heap.insert(d.heapRelation(), new Object[] {o.start(), 0L, false}, tx, tx.commandId());
        sequences.create(d, o);
        tx.atEnd(null, () -> sequences.remove(dbOid, oid, oid));
        return oid;
    }

    private RelationDescriptor lockForAlter(Transaction tx, RelationDescriptor rel) {
        tx.lockRelation(rel.oid(), LockMode.ACCESS_EXCLUSIVE);
        RelationDescriptor d = relation(tx, rel.oid());
        if (d == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.name() + "\" does not exist");
        if (d.namespaceOid() == PG_CATALOG_NAMESPACE) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"" + d.name() + "\" is a system catalog");
        }
        return d;
    }

    private List<Row> attributeRows(Transaction tx, int relOid, int attnum) {
        return scan(PG_ATTRIBUTE, tx, v -> (Integer) v[PG_ATTRIBUTE.col("attrelid")] == relOid && (Short) v[PG_ATTRIBUTE.col("attnum")] == attnum);
    }

    /** Updates columns of one pg_class row: (column, value) pairs, all in one new row version. */
    private void updateClass(Transaction tx, int oid, Object... columnValuePairs) {
        for (Row r : scan(PG_CLASS, tx, v -> (Integer) v[PG_CLASS.col("oid")] == oid)) {
            Object[] v = r.v.clone();
            for (int i = 0; i < columnValuePairs.length; i += 2) v[PG_CLASS.col((String) columnValuePairs[i])] = columnValuePairs[i + 1];
            update(PG_CLASS, tx, r, v);
        }
    }

    private static void finishDdl(Transaction tx) {
        tx.markCatalogChanged();
        tx.commandCounterIncrement();
    }

    // ------------------------------------------------------------------ relation cache

    /**
     * Committed relation descriptors and name → oid entries (relations and namespaces), shared by
     * the sessions of this process. Entries belong to one invalidation generation: when the
     * shared counter moves, the whole cache is emptied (DDL is rare; finer invalidation can come
     * with real sinval messages). An entry is stored only if the counter did not move while it
     * was being built. Transactions that changed the catalog themselves bypass the cache (they
     * must see their own uncommitted rows, which others must not). Guarded by its monitor.
     *
     * <p>Names that were looked up and not found are remembered as {@link #ABSENT} (an unqualified
     * name is tried in pg_catalog before public on every statement). That is as safe as a
     * positive entry: a relation or schema only appears through a committing DDL transaction,
     * which makes its rows visible before it bumps the counter, so a lookup that missed the new
     * rows either read the old generation (its entry is refused or emptied at the bump) or
     * started after the bump (and then its catalog snapshot sees the rows).
     */
    private static final class RelationCache {
        /** A name that does not exist in that generation; oid 0 (InvalidOid) never names an object. */
        static final Integer ABSENT = 0;
        private long generation = -1;
        private final Map<Integer, RelationDescriptor> byOid = new HashMap<>();
        private final Map<RelationKey, Integer> byName = new HashMap<>();
        private final Map<String, Integer> namespaces = new HashMap<>();

        private record RelationKey(int namespace, String name) {}

        private void sync(long current) {
            if (current != generation) {
                byOid.clear();
                byName.clear();
                namespaces.clear();
                generation = current;
            }
        }

        synchronized RelationDescriptor byOid(long current, int oid) {
            sync(current);
            return byOid.get(oid);
        }

        /** The oid, {@link #ABSENT}, or null when the name was not looked up in this generation. */
        synchronized Integer oidByName(long current, int nsp, String name) {
            sync(current);
            return byName.get(new RelationKey(nsp, name));
        }

        synchronized void put(long builtAt, long now, RelationDescriptor d) {
            if (builtAt != now) return;
            sync(now);
            byOid.put(d.oid(), d);
        }

        /** oid null: the name does not exist. */
        synchronized void putName(long builtAt, long now, int nsp, String name, Integer oid) {
            if (builtAt != now) return;
            sync(now);
            byName.put(new RelationKey(nsp, name), oid == null ? ABSENT : oid);
        }

        /** The namespace's oid, {@link #ABSENT}, or null when not looked up in this generation. */
        synchronized Integer namespaceByName(long current, String name) {
            sync(current);
            return namespaces.get(name);
        }

        synchronized void putNamespace(long builtAt, long now, String name, Integer oid) {
            if (builtAt != now) return;
            sync(now);
            namespaces.put(name, oid == null ? ABSENT : oid);
        }
    }

    /**
     * The relation cache of one transaction that changed the catalog (pgbench -i: TRUNCATE, then
     * one INSERT per branch and teller, each looking its table up twice). What such a
     * transaction's catalog snapshot shows changes only through (1) its own catalog writes, (2)
     * DDL that other sessions commit, which bumps the shared counter (each entry carries the
     * generation, as in {@link RelationCache}), and (3) the abort of one of its subtransactions.
     *
     * <p>(1): a row written at command id w is visible to snapshots from w + 1 on. Every write
     * ({@link #wrote}, from Catalog's insert/update/delete) empties the owner's entries and allows
     * storing again only from command id w + 1, so every entry was built after the last write
     * could be seen, and a write empties it before it becomes visible. (3): the cache is used
     * only at nesting level 0 ({@link Catalog#cacheFor}); a subtransaction that changed the
     * catalog has emptied it by its writes, and entries made after its abort see the abort.
     * One slot (the last such transaction; transaction objects are never reused); a transaction
     * that takes the slot over stores only from its next command id on, as its earlier writes
     * are unknown here.
     */
    private static final class OwnChangesCache {
        private Transaction owner;
        /** Entries may be read and stored only at command ids from this one on. */
        private int storeFrom;
        private RelationCache entries;

        /** The owner's cache, or null while it may not be used yet. */
        synchronized RelationCache forTransaction(Transaction tx) {
            if (owner != tx) {
                owner = tx;
                storeFrom = tx.commandId() + 1;
                entries = new RelationCache();
            }
            return tx.commandId() >= storeFrom ? entries : null;
        }

        synchronized void wrote(Transaction tx) {
            if (owner == tx) {
                entries = new RelationCache();
                storeFrom = tx.commandId() + 1;
            }
        }
    }
}
