package org.pgmini.executor.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.FunctionDef;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.SystemCatalogs;
import org.pgmini.storage.smgr.ForkNumber;
import org.pgmini.storage.smgr.RelFileLocator;

/**
 * The SQL-callable catalog functions clients use in their metadata queries (psql's \d family,
 * drivers): visibility along search_path, names of roles, types and encodings, deparsed
 * defaults and constraints, relation sizes, descriptions. All read the catalog of the
 * executing session, so they are registered volatile (never folded into shared plans).
 */
public final class CatalogFunctions {
    private CatalogFunctions() {}

    /** How expr.Catalog registers a function (its addVolatile). */
    public interface Registrar {
        void add(String name, PgType result, boolean strict, FunctionDef.Impl impl, PgType... args);
    }

    public static void register(Registrar r) {
        PgType oid = PgTypes.OID;
        PgType text = PgTypes.TEXT;
        PgType name = PgTypes.NAME;
        PgType bool = PgTypes.BOOL;
        PgType i4 = PgTypes.INT4;
        PgType i8 = PgTypes.INT8;
        PgType regclass = PgTypes.REGCLASS;
        r.add("current_schemas", PgTypes.arrayOf(name), true, (a, c) -> currentSchemas(c.session, (Boolean) a[0]), bool);
        r.add("pg_get_userbyid", name, true, (a, c) -> CatalogAccess.roleName(c.session, (Integer) a[0]), oid);
        r.add("pg_table_is_visible", bool, true, (a, c) -> CatalogAccess.relationVisible(c.session, (Integer) a[0]), oid);
        r.add("pg_function_is_visible", bool, true, (a, c) -> ProcCatalog.byOid((Integer) a[0]) != null, oid);
        r.add("pg_get_function_result", text, true, (a, c) -> ProcCatalog.result((Integer) a[0]), oid);
        r.add("pg_get_function_arguments", text, true, (a, c) -> ProcCatalog.arguments((Integer) a[0]), oid);
        r.add("pg_get_function_identity_arguments", text, true, (a, c) -> ProcCatalog.arguments((Integer) a[0]), oid);
        r.add("pg_type_is_visible", bool, true, (a, c) -> typeVisible(c.session, (Integer) a[0]), oid);
        r.add("format_type", text, false, (a, c) -> a[0] == null ? null
                : FormatType.format(c.session, (Integer) a[0], (Integer) a[1], a[1] != null), oid, i4);
        r.add("pg_encoding_to_char", name, true, (a, c) -> encodingName((Integer) a[0]), i4);
        r.add("pg_char_to_encoding", i4, true, (a, c) -> encodingNumber((String) a[0]), name);
        // comments: COMMENT ON is not supported, so only initdb's comments exist (BuiltinDescriptions)
        r.add("obj_description", text, true, (a, c) -> BuiltinDescriptions.object(c.session, (Integer) a[0], null), oid);
        r.add("obj_description", text, true, (a, c) -> BuiltinDescriptions.object(c.session, (Integer) a[0],
                catalogOid((String) a[1])), oid, name);
        r.add("col_description", text, true, (a, c) -> null, oid, i4);
        r.add("shobj_description", text, true, (a, c) -> {
            Integer cat = catalogOid((String) a[1]);
            return cat == null ? null : BuiltinDescriptions.shared(c.session, (Integer) a[0], cat);
        }, oid, name);
        r.add("pg_get_expr", text, true, (a, c) -> RuleUtils.expression(c.session, (String) a[0], (Integer) a[1]), text, oid);
        r.add("pg_get_expr", text, true, (a, c) -> RuleUtils.expression(c.session, (String) a[0], (Integer) a[1],
                (Boolean) a[2]), text, oid, bool);
        r.add("pg_get_constraintdef", text, true, (a, c) -> RuleUtils.constraint(c.session, (Integer) a[0]), oid);
        r.add("pg_get_constraintdef", text, true, (a, c) -> RuleUtils.constraint(c.session, (Integer) a[0], (Boolean) a[1]),
                oid, bool);
        r.add("pg_get_indexdef", text, true, (a, c) -> IndexDefinitions.definition(c.session, (Integer) a[0], 0, false), oid);
        r.add("pg_get_indexdef", text, true, (a, c) -> IndexDefinitions.definition(c.session, (Integer) a[0], (Integer) a[1],
                (Boolean) a[2]), oid, i4, bool);
        r.add("pg_get_viewdef", text, true, (a, c) -> ViewDefinition.of(c.session, (Integer) a[0], false), oid);
        r.add("pg_get_viewdef", text, true, (a, c) -> ViewDefinition.of(c.session, (Integer) a[0], (Boolean) a[1]), oid, bool);
        r.add("pg_get_viewdef", text, true, (a, c) -> ViewDefinition.of(c.session,
                CatalogAccess.regclassIn(c.session, (String) a[0]), false), text);
        r.add("pg_get_viewdef", text, true, (a, c) -> ViewDefinition.of(c.session,
                CatalogAccess.regclassIn(c.session, (String) a[0]), (Boolean) a[1]), text, bool);
        // the only rules are views' _RETURN rules, which psql never asks for (it lists the others)
        r.add("pg_get_ruledef", text, true, (a, c) -> ruleDefinition(c.session, (Integer) a[0]), oid);
        r.add("pg_get_ruledef", text, true, (a, c) -> ruleDefinition(c.session, (Integer) a[0]), oid, bool);
        // there are no extended statistics objects: the lookup finds nothing
        r.add("pg_get_statisticsobjdef_columns", text, true, (a, c) -> null, oid);
        r.add("pg_relation_is_publishable", bool, true, (a, c) -> publishable(c.session, (Integer) a[0]), regclass);
        r.add("pg_relation_size", i8, true, (a, c) -> relationSize(c.session, (Integer) a[0]), regclass);
        r.add("pg_relation_size", i8, true, (a, c) -> ((String) a[1]).equals("main")
                ? relationSize(c.session, (Integer) a[0]) : forkSize(c.session, (Integer) a[0], (String) a[1]), regclass, text);
        r.add("pg_table_size", i8, true, (a, c) -> relationSize(c.session, (Integer) a[0]), regclass);
        r.add("pg_total_relation_size", i8, true, (a, c) -> {
            Long table = relationSize(c.session, (Integer) a[0]);
            return table == null ? null : table + indexesSize(c.session, (Integer) a[0]);
        }, regclass);
        r.add("pg_indexes_size", i8, true, (a, c) -> relationExists(c.session, (Integer) a[0])
                ? indexesSize(c.session, (Integer) a[0]) : null, regclass);
        r.add("pg_database_size", i8, true, (a, c) -> databaseSize(c.session, databaseOid(c.session, (String) a[0])), name);
        r.add("pg_database_size", i8, true, (a, c) -> databaseSize(c.session, (Integer) a[0]), oid);
        r.add("has_database_privilege", bool, true, (a, c) -> DatabasePrivileges.check(c.session, c.session.userName(),
                (String) a[0], (String) a[1]), text, text);
        r.add("has_database_privilege", bool, true, (a, c) -> DatabasePrivileges.check(c.session, (String) a[0],
                (String) a[1], (String) a[2]), name, text, text);
        r.add("has_database_privilege", bool, true, (a, c) -> DatabasePrivileges.check(c.session, c.session.userName(),
                (Integer) a[0], (String) a[1]), oid, text);
        // only the two built-in tablespaces exist; they live in the data directory (empty location)
        r.add("pg_tablespace_location", text, true, (a, c) -> {
            int ts = (Integer) a[0];
            if (ts == 0 || ts == 1663 || ts == 1664) {
                return "";
            }
            throw new org.pgmini.error.PgException("58P01", "could not read symbolic link \"pg_tblspc/"
                    + Integer.toUnsignedString(ts) + "\": No such file or directory");
        }, oid);
        r.add("pg_size_pretty", text, true, (a, c) -> sizePretty((Long) a[0]), i8);
        r.add("pg_size_pretty", text, true, (a, c) -> sizePretty((BigDecimal) a[0]), PgTypes.NUMERIC);
    }

    /** current_schemas(implicit): the existing schemas of search_path; pg_catalog only when listed or implicit asked. */
    private static Object[] currentSchemas(SessionContext s, boolean implicit) {
        java.util.Collection<String> existing = CatalogAccess.namespaces(s).values();
        String sp;
        try {
            sp = s.settings().currentSetting("search_path", true);
        } catch (org.pgmini.error.PgException e) {
            sp = null;
        }
        java.util.List<String> listed = new java.util.ArrayList<>();
        for (String part : SearchPath.parse(sp == null ? "\"$user\", public" : sp)) {
            listed.add(part.equals("$user") ? s.userName() : part);
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        if (implicit && !listed.contains("pg_catalog")) {
            out.add("pg_catalog");
        }
        for (String n : listed) {
            if (existing.contains(n) && !out.contains(n)) {
                out.add(n);
            }
        }
        return out.toArray();
    }

    /** The oid of a system catalog named as obj_description's second argument; -1 for any other name. */
    private static Integer catalogOid(String name) {
        String n = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
        for (CatalogTable t : SystemCatalogs.ALL) {
            if (t.name().equals(n)) {
                return t.oid();
            }
        }
        Integer computed = CatalogViews.catalogOid(n);
        return computed != null ? computed : -1;
    }

    private static boolean typeVisible(SessionContext s, int typeOid) {
        CatalogTable t = SystemCatalogs.PG_TYPE;
        Object[] row = CatalogAccess.row(s, t, "oid", typeOid);
        if (row == null) {
            return false;
        }
        int nsp = (Integer) row[t.col("typnamespace")];
        if (nsp == 11) {
            return true;
        }
        int rel = (Integer) row[t.col("typrelid")];
        return rel != 0 && CatalogAccess.relationVisible(s, rel);
    }

    static String encodingName(int encoding) {
        switch (encoding) {
            case 0: return "SQL_ASCII";
            case 6: return "UTF8";
            case 8: return "LATIN1";
            default: return "";
        }
    }

    static int encodingNumber(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "SQLASCII": return 0;
            case "UTF8": case "UNICODE": return 6;
            case "LATIN1": return 8;
            default: return -1;
        }
    }

    private static boolean relationExists(SessionContext s, int oid) {
        return CatalogAccess.relation(s, oid) != null;
    }

    private static boolean publishable(SessionContext s, int oid) {
        CatalogAccess.RelationName r = CatalogAccess.relation(s, oid);
        return r != null && r.relkind() == 'r' && !r.schema().equals("pg_catalog") && !r.schema().equals("information_schema");
    }

    /** Size of the main fork; null for a relation that does not exist (as PostgreSQL). */
    private static Long relationSize(SessionContext s, int oid) {
        CatalogTable c = SystemCatalogs.PG_CLASS;
        Object[] row = CatalogAccess.row(s, c, "oid", oid);
        if (row == null) {
            return null;
        }
        var db = s.database();
        RelFileLocator loc = new RelFileLocator(db.catalog().dbOid(), (Integer) row[c.col("relfilenode")]);
        var smgr = db.catalog().engine().smgr();
        return smgr.exists(loc, ForkNumber.MAIN) ? (long) smgr.nblocks(loc, ForkNumber.MAIN) * 8192L : 0L;
    }

    /** pg_get_ruledef: null for no rule; a view's _RETURN rule is not printed here (0A000). */
    private static String ruleDefinition(SessionContext s, int oid) {
        CatalogTable r = SystemCatalogs.PG_REWRITE;
        if (CatalogAccess.row(s, r, "oid", oid) == null) {
            return null;
        }
        throw new org.pgmini.error.PgException(org.pgmini.error.SqlState.FEATURE_NOT_SUPPORTED,
                "pg_get_ruledef of a view's rule is not supported");
    }

    /** The oid of the database with that name (3D000 when there is none). */
    static int databaseOid(SessionContext s, String name) {
        CatalogTable d = SystemCatalogs.PG_DATABASE;
        Object[] row = CatalogAccess.row(s, d, "datname", name);
        if (row == null) {
            throw new org.pgmini.error.PgException("3D000", "database \"" + name + "\" does not exist");
        }
        return (Integer) row[d.col("oid")];
    }

    /** pg_database_size: the bytes of the files in the database's directory (base/OID), as PostgreSQL counts them. */
    private static Long databaseSize(SessionContext s, int dbOid) {
        java.nio.file.Path dir = s.database().catalog().engine().dataDir().resolve("base")
                .resolve(Integer.toUnsignedString(dbOid));
        if (!java.nio.file.Files.isDirectory(dir)) {
            return null;
        }
        long total = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                try {
                    if (java.nio.file.Files.isRegularFile(f)) {
                        total += java.nio.file.Files.size(f);
                    }
                } catch (java.io.IOException gone) {
                    // a file dropped meanwhile counts nothing, as in PostgreSQL's db_dir_size
                }
            }
        } catch (java.io.IOException e) {
            throw new org.pgmini.error.PgException("58030", "could not open directory \"" + dir + "\": "
                    + e.getMessage());
        }
        return total;
    }

    /** The main forks of a table's indexes (pg_index rows with indrelid = the table). */
    private static long indexesSize(SessionContext s, int tableOid) {
        CatalogTable ix = SystemCatalogs.PG_INDEX;
        long total = 0;
        for (Object[] r : CatalogAccess.rows(s, ix)) {
            if ((Integer) r[ix.col("indrelid")] == tableOid) {
                Long size = relationSize(s, (Integer) r[ix.col("indexrelid")]);
                total += size == null ? 0 : size;
            }
        }
        return total;
    }

    /** Other forks: the free space map lives in memory and there is no visibility map, so they have no files. */
    private static Long forkSize(SessionContext s, int oid, String fork) {
        if (!fork.equals("fsm") && !fork.equals("vm") && !fork.equals("init")) {
            throw org.pgmini.error.PgException.withHint(org.pgmini.error.SqlState.INVALID_PARAMETER_VALUE,
                    "invalid fork name", "Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
        }
        return relationExists(s, oid) ? 0L : null;
    }

    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    /** pg_size_pretty: bytes below 10 kB, then the largest unit that keeps the number under 20480, rounded half up. */
    static String sizePretty(long size) {
        long limit = 10 * 1024;
        long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) {
            return size + " bytes";
        }
        size >>= 9; // one extra bit for rounding
        for (int u = 0; u < UNITS.length; u++) {
            if (Math.abs(size) < limit2 || u == UNITS.length - 1) {
                return halfRounded(size) + " " + UNITS[u];
            }
            size >>= 10;
        }
        throw new IllegalStateException();
    }

    private static long halfRounded(long x) {
        return (x + (x < 0 ? -1 : 1)) / 2;
    }

    static String sizePretty(BigDecimal size) {
        BigDecimal limit = BigDecimal.valueOf(10 * 1024);
        BigDecimal limit2 = BigDecimal.valueOf(10 * 1024 * 2 - 1);
        BigDecimal v = size.setScale(0, RoundingMode.DOWN);
        if (v.abs().compareTo(limit) < 0) {
            return v.toPlainString() + " bytes";
        }
        v = v.divide(BigDecimal.valueOf(512), 0, RoundingMode.DOWN);
        for (int u = 0; u < UNITS.length; u++) {
            if (v.abs().compareTo(limit2) < 0 || u == UNITS.length - 1) {
                BigDecimal half = v.add(BigDecimal.valueOf(v.signum() < 0 ? -1 : 1)).divide(BigDecimal.valueOf(2), 0,
                        RoundingMode.DOWN);
                return half.toPlainString() + " " + UNITS[u];
            }
            v = v.divide(BigDecimal.valueOf(1024), 0, RoundingMode.DOWN);
        }
        throw new IllegalStateException();
    }
}
