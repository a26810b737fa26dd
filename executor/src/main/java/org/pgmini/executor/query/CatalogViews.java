package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * pg_catalog relations that clients read (psql's \d family, drivers' metadata) whose rows are
 * computed instead of stored: fixed contents (pg_am, pg_collation, pg_tablespace, pg_language),
 * the roles (pg_roles, pg_user, pg_auth_members), initdb's comments (pg_description), and
 * catalogs of objects this server does not have (extensions, inheritance, policies, extended
 * statistics, publications, triggers), which are empty because no such object exists. Columns
 * and their order are PostgreSQL 15's. Column types that have no executor type yet
 * (pg_node_tree, regproc, aclitem) are shown as text in their text form (aclitem[] as text[]).
 *
 * <p>Some heap catalogs are shown through an overlay of the same name (a view in pg_catalog wins
 * over the table): pg_database, pg_class and pg_namespace (ACLs with role names, reloptions as
 * text[]), pg_index (its vectors, stored as text, as int2vector/oidvector) and pg_constraint
 * (conkey as int2[]).
 */
final class CatalogViews {
    private CatalogViews() {}

    private static final Map<String, SystemViews.View> VIEWS = new HashMap<>();

    static SystemViews.View lookup(String name) {
        return VIEWS.get(name);
    }

    /**
     * PostgreSQL's fixed oids of the catalogs computed here (not in pg_class: they are not heap
     * relations), so that 'pg_catalog.pg_extension'::regclass, as psql writes it, resolves.
     */
    private static final Map<String, Integer> CATALOG_OIDS = Map.ofEntries(
            Map.entry("pg_am", 2601), Map.entry("pg_collation", 3456), Map.entry("pg_tablespace", 1213),
            Map.entry("pg_auth_members", 1261), Map.entry("pg_index", 2610), Map.entry("pg_inherits", 2611),
            Map.entry("pg_description", 2609), Map.entry("pg_shdescription", 2396), Map.entry("pg_policy", 3256),
            Map.entry("pg_statistic_ext", 3381), Map.entry("pg_publication", 6104),
            Map.entry("pg_publication_namespace", 6237), Map.entry("pg_publication_rel", 6106),
            Map.entry("pg_trigger", 2620), Map.entry("pg_depend", 2608), Map.entry("pg_proc", 1255),
            Map.entry("pg_extension", 3079), Map.entry("pg_language", 2612));

    /** The oid of a computed catalog, or null. */
    static Integer catalogOid(String name) {
        return VIEWS.containsKey(name) ? CATALOG_OIDS.get(name) : null;
    }

    /** The name of a computed catalog with that oid, or null. */
    static String catalogName(int oid) {
        for (Map.Entry<String, Integer> e : CATALOG_OIDS.entrySet()) {
            if (e.getValue() == oid && VIEWS.containsKey(e.getKey())) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The executor type for a catalog column type name. */
    private static PgType type(String name) {
        if (name.endsWith("[]")) {
            return PgTypes.arrayOf(type(name.substring(0, name.length() - 2)));
        }
        switch (name) {
            case "int2vector": return PgTypes.INT2VECTOR;
            case "oidvector": return PgTypes.OIDVECTOR;
            case "oid": return PgTypes.OID;
            case "name": return PgTypes.NAME;
            case "text": return PgTypes.TEXT;
            case "bool": return PgTypes.BOOL;
            case "int2": return PgTypes.INT2;
            case "int4": return PgTypes.INT4;
            case "float4": return PgTypes.FLOAT4;
            case "char": return PgTypes.CHAR;
            case "timestamptz": return PgTypes.TIMESTAMPTZ;
            default: return PgTypes.TEXT;
        }
    }

    /** Registers a view from "column:type" specs. */
    private static void view(String name, String columns, Function<SessionContext, List<Object[]>> rows) {
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (String c : columns.split(",")) {
            String[] p = c.trim().split(":");
            names.add(p[0]);
            types.add(type(p[1]));
        }
        VIEWS.put(name, new SystemViews.View(name, List.copyOf(names), List.copyOf(types), rows));
    }

    private static Function<SessionContext, List<Object[]>> none() {
        return s -> List.of();
    }

    private static Object[] row(Object... v) {
        return v;
    }

    private static byte c(char ch) {
        return (byte) ch;
    }

    static {
        view("pg_database", "oid:oid, datname:name, datdba:oid, encoding:int4, datlocprovider:char, datistemplate:bool, "
                + "datallowconn:bool, datconnlimit:int4, datfrozenxid:oid, datminmxid:oid, dattablespace:oid, "
                + "datcollate:text, datctype:text, daticulocale:text, datcollversion:text, datacl:aclitem[]",
                CatalogViews::databases);
        // pg_class and pg_namespace over their heap catalogs: array columns stored as text
        // (reloptions) are arrays, ACLs are aclitem[] with role names
        overlay(org.pgmini.storage.catalog.SystemCatalogs.PG_CLASS, Map.of(
                "reloptions", new Conversion("text[]", (s, v) -> PgTypes.arrayOf(PgTypes.TEXT).input((String) v, -1)),
                "relacl", new Conversion("aclitem[]", (s, v) -> acl(s, (String) v))));
        overlay(org.pgmini.storage.catalog.SystemCatalogs.PG_NAMESPACE, Map.of(
                "nspacl", new Conversion("aclitem[]", (s, v) -> acl(s, (String) v))));
        // pg_index's vectors are stored in their text form ("1 3"); clients subscript them
        overlay(org.pgmini.storage.catalog.SystemCatalogs.PG_INDEX, Map.of(
                "indkey", vector(PgTypes.INT2VECTOR), "indcollation", vector(PgTypes.OIDVECTOR),
                "indclass", vector(PgTypes.OIDVECTOR), "indoption", vector(PgTypes.INT2VECTOR)));
        // pg_constraint.conkey is int2[] ("{1,2}" stored as text)
        overlay(org.pgmini.storage.catalog.SystemCatalogs.PG_CONSTRAINT, Map.of(
                "conkey", new Conversion("int2[]", (s, v) -> PgTypes.arrayOf(PgTypes.INT2).input((String) v, -1))));
        // jdbcmeta: pg_constraint with all of PostgreSQL 15's columns in its order; the stored
        // catalog lacks the foreign-key, inheritance and exclusion columns, which have their
        // "none" values for the constraints that exist here (primary key, unique, check)
        reshape("pg_constraint", "oid:oid, conname:name, connamespace:oid, contype:char, condeferrable:bool, "
                + "condeferred:bool, convalidated:bool, conrelid:oid, contypid:oid, conindid:oid, conparentid:oid, "
                + "confrelid:oid, confupdtype:char, confdeltype:char, confmatchtype:char, conislocal:bool, "
                + "coninhcount:int4, connoinherit:bool, conkey:int2[], confkey:int2[], conpfeqop:oid[], conppeqop:oid[], "
                + "conffeqop:oid[], confdelsetcols:int2[], conexclop:oid[], conbin:pg_node_tree",
                Map.of("conparentid", 0, "confupdtype", c(' '), "confdeltype", c(' '), "confmatchtype", c(' '),
                        "conislocal", true, "coninhcount", 0,
                        // PostgreSQL marks primary key and unique constraints not inheritable
                        "connoinherit", (RowValue) r -> r[3] instanceof Byte t && t != 'c'));
        // the access methods that exist here: the heap table AM and the btree index AM
        view("pg_am", "oid:oid, amname:name, amhandler:regproc, amtype:char",
                s -> List.<Object[]>of(row(2, "heap", "heap_tableam_handler", c('t')), row(403, "btree", "bthandler", c('i'))));
        view("pg_collation", "oid:oid, collname:name, collnamespace:oid, collowner:oid, collprovider:char, "
                + "collisdeterministic:bool, collencoding:int4, collcollate:text, collctype:text, colliculocale:text, "
                + "collversion:text", s -> List.<Object[]>of(
                row(100, "default", 11, 10, c('d'), true, -1, null, null, null, null),
                row(950, "C", 11, 10, c('c'), true, -1, "C", "C", null, null),
                row(951, "POSIX", 11, 10, c('c'), true, -1, "POSIX", "POSIX", null, null),
                row(12340, "ucs_basic", 11, 10, c('c'), true, 6, "C", "C", null, null)));
        view("pg_tablespace", "oid:oid, spcname:name, spcowner:oid, spcacl:aclitem[], spcoptions:text[]",
                s -> List.<Object[]>of(row(1663, "pg_default", 10, null, null), row(1664, "pg_global", 10, null, null)));
        view("pg_roles", "rolname:name, rolsuper:bool, rolinherit:bool, rolcreaterole:bool, rolcreatedb:bool, "
                + "rolcanlogin:bool, rolreplication:bool, rolconnlimit:int4, rolpassword:text, rolvaliduntil:timestamptz, "
                + "rolbypassrls:bool, rolconfig:text[], oid:oid", CatalogViews::roles);
        view("pg_user", "usename:name, usesysid:oid, usecreatedb:bool, usesuper:bool, userepl:bool, usebypassrls:bool, "
                + "passwd:text, valuntil:timestamptz, useconfig:text[]", CatalogViews::users);
        // pg_monitor's members, as initdb creates them
        view("pg_auth_members", "roleid:oid, member:oid, grantor:oid, admin_option:bool", s -> List.<Object[]>of(
                row(3374, 3373, 10, false), row(3375, 3373, 10, false), row(3377, 3373, 10, false)));
        view("pg_indexes", "schemaname:name, tablename:name, indexname:name, tablespace:name, indexdef:text",
                IndexDefinitions::indexesView);
        view("pg_views", "schemaname:name, viewname:name, viewowner:name, definition:text", CatalogViews::views);
        view("pg_inherits", "inhrelid:oid, inhparent:oid, inhseqno:int4, inhdetachpending:bool", none());
        view("pg_description", "objoid:oid, classoid:oid, objsubid:int4, description:text",
                BuiltinDescriptions::descriptions);
        view("pg_shdescription", "objoid:oid, classoid:oid, description:text", BuiltinDescriptions::sharedDescriptions);
        // no extension is installed: there is no CREATE EXTENSION and no PL/pgSQL (PostgreSQL lists plpgsql)
        view("pg_extension", "oid:oid, extname:name, extowner:oid, extnamespace:oid, extrelocatable:bool, "
                + "extversion:text, extconfig:oid[], extcondition:text[]", none());
        // the languages built-in functions are written in; PL/pgSQL does not exist here
        view("pg_language", "oid:oid, lanname:name, lanowner:oid, lanispl:bool, lanpltrusted:bool, "
                + "lanplcallfoid:oid, laninline:oid, lanvalidator:oid, lanacl:aclitem[]", s -> List.<Object[]>of(
                row(12, "internal", 10, false, false, 0, 0, 2246, null),
                row(13, "c", 10, false, false, 0, 0, 2247, null),
                row(14, "sql", 10, false, true, 0, 0, 2248, null)));
        view("pg_policy", "oid:oid, polname:name, polrelid:oid, polcmd:char, polpermissive:bool, polroles:oid[], "
                + "polqual:pg_node_tree, polwithcheck:pg_node_tree", none());
        view("pg_statistic_ext", "oid:oid, stxrelid:oid, stxname:name, stxnamespace:oid, stxowner:oid, "
                + "stxstattarget:int4, stxkeys:int2vector, stxkind:char[], stxexprs:pg_node_tree", none());
        view("pg_publication", "oid:oid, pubname:name, pubowner:oid, puballtables:bool, pubinsert:bool, pubupdate:bool, "
                + "pubdelete:bool, pubtruncate:bool, pubviaroot:bool", none());
        view("pg_publication_namespace", "oid:oid, pnpubid:oid, pnnspid:oid", none());
        view("pg_publication_rel", "oid:oid, prpubid:oid, prrelid:oid, prqual:pg_node_tree, prattrs:int2vector", none());
        view("pg_trigger", "oid:oid, tgrelid:oid, tgparentid:oid, tgname:name, tgfoid:oid, tgtype:int2, tgenabled:char, "
                + "tgisinternal:bool, tgconstrrelid:oid, tgconstrindid:oid, tgconstraint:oid, tgdeferrable:bool, "
                + "tginitdeferred:bool, tgnargs:int2, tgattr:int2vector, tgargs:bytea, tgqual:pg_node_tree, "
                + "tgoldtable:name, tgnewtable:name", none());
        view("pg_depend", "classid:oid, objid:oid, objsubid:int4, refclassid:oid, refobjid:oid, refobjsubid:int4, "
                + "deptype:char", CatalogViews::dependencies);
        view("pg_proc", "oid:oid, proname:name, pronamespace:oid, proowner:oid, prolang:oid, procost:float4, "
                + "prorows:float4, provariadic:oid, prosupport:regproc, prokind:char, prosecdef:bool, proleakproof:bool, "
                + "proisstrict:bool, proretset:bool, provolatile:char, proparallel:char, pronargs:int2, "
                + "pronargdefaults:int2, prorettype:oid, proargtypes:oidvector, proallargtypes:oid[], proargmodes:char[], "
                + "proargnames:text[], proargdefaults:pg_node_tree, protrftypes:oid[], prosrc:text, probin:text, "
                + "prosqlbody:pg_node_tree, proconfig:text[], proacl:aclitem[]", s -> ProcCatalog.rows());
    }

    /**
     * pg_depend holds only what this server records: a serial column's sequence is owned by
     * the column (deptype 'a'), recognised, as DROP TABLE recognises it, by the column default
     * CREATE TABLE wrote: nextval('table_column_seq...') naming a sequence of the table's schema.
     */
    private static List<Object[]> dependencies(SessionContext s) {
        List<Object[]> out = new ArrayList<>();
        var db = s.database();
        var tx = db.transaction();
        var catalog = db.catalog();
        org.pgmini.storage.catalog.CatalogTable cls = org.pgmini.storage.catalog.SystemCatalogs.PG_CLASS;
        for (Object[] r : CatalogAccess.rows(s, cls)) {
            if ((byte) (Byte) r[cls.col("relkind")] != 'r' || (Integer) r[cls.col("relnamespace")] == 11) {
                continue;
            }
            var d = catalog.relation(tx, (Integer) r[cls.col("oid")]);
            if (d == null) {
                continue;
            }
            for (var c : d.columns()) {
                String def = c.defaultExpr();
                if (c.dropped() || def == null || !def.startsWith("nextval('") || !def.endsWith("')")) {
                    continue;
                }
                java.util.List<String> parts = CatalogAccess.splitQualified(def.substring(9, def.length() - 2).replace("''", "'"));
                String seq = parts.get(parts.size() - 1);
                if (!seq.startsWith(d.name() + "_" + c.name() + "_seq")) {
                    continue;
                }
                Integer seqOid = catalog.relationOid(tx, d.namespaceOid(), seq);
                if (seqOid != null) {
                    out.add(row(1259, seqOid, 0, 1259, d.oid(), c.attnum(), c('a')));
                }
            }
        }
        return out;
    }

    private static Conversion vector(org.pgmini.executor.types.VectorType t) {
        return new Conversion(t.name(), (s, v) -> t.input((String) v, -1));
    }

    /** How an overlaid catalog column is shown: its type name and the conversion of a non-null stored value. */
    private record Conversion(String type, java.util.function.BiFunction<SessionContext, Object, Object> convert) {}

    /**
     * A heap catalog shown through a view of the same name (views in pg_catalog win over its
     * tables): every column with its stored type except the converted ones.
     */
    private static void overlay(org.pgmini.storage.catalog.CatalogTable t, Map<String, Conversion> conversions) {
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        int n = t.desc().natts();
        java.util.function.BiFunction<SessionContext, Object, Object>[] conv = new java.util.function.BiFunction[n];
        for (int i = 0; i < n; i++) {
            var a = t.desc().attr(i);
            names.add(a.name());
            Conversion c = conversions.get(a.name());
            types.add(c != null ? type(c.type()) : PgTypes.byOid(a.type().oid()));
            conv[i] = c == null ? null : c.convert();
        }
        VIEWS.put(t.name(), new SystemViews.View(t.name(), List.copyOf(names), List.copyOf(types), s -> {
            List<Object[]> out = new ArrayList<>();
            for (Object[] r : CatalogAccess.rows(s, t)) {
                Object[] v = r.clone();
                for (int i = 0; i < n; i++) {
                    if (conv[i] != null && v[i] != null) {
                        v[i] = conv[i].apply(s, v[i]);
                    }
                }
                out.add(v);
            }
            return out;
        }));
    }

    /**
     * Replaces the view {@code name} (already registered) by one with PostgreSQL's columns
     * {@code columns} in PostgreSQL's order: a column the registered view has is taken from it by
     * name, any other is the constant in {@code constants} (or NULL when not listed), or computed
     * from the registered view's row when the constant is a {@link RowValue}.
     */
    /** A column of a reshaped view computed from the registered view's row. */
    private interface RowValue {
        Object of(Object[] storedRow);
    }

    private static void reshape(String name, String columns, Map<String, Object> constants) {
        SystemViews.View stored = VIEWS.get(name);
        List<String> names = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (String c : columns.split(",")) {
            String[] p = c.trim().split(":");
            names.add(p[0]);
            int from = stored.columns().indexOf(p[0]);
            types.add(from >= 0 ? stored.types().get(from) : type(p[1]));
        }
        int[] source = new int[names.size()];
        Object[] fill = new Object[names.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = stored.columns().indexOf(names.get(i));
            fill[i] = constants.get(names.get(i));
        }
        VIEWS.put(name, new SystemViews.View(name, List.copyOf(names), List.copyOf(types), s -> {
            List<Object[]> out = new ArrayList<>();
            for (Object[] r : stored.rows().apply(s)) {
                Object[] v = new Object[source.length];
                for (int i = 0; i < source.length; i++) {
                    v[i] = source[i] >= 0 ? r[source[i]] : fill[i] instanceof RowValue f ? f.of(r) : fill[i];
                }
                out.add(v);
            }
            return out;
        }));
    }

    /** pg_views: every view with its definition (pg_get_viewdef, not pretty). */
    private static List<Object[]> views(SessionContext s) {
        var cls = org.pgmini.storage.catalog.SystemCatalogs.PG_CLASS;
        Map<Integer, String> nsps = CatalogAccess.namespaces(s);
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : CatalogAccess.rows(s, cls)) {
            if ((byte) (Byte) r[cls.col("relkind")] != 'v') {
                continue;
            }
            int oid = (Integer) r[cls.col("oid")];
            out.add(row(nsps.get((Integer) r[cls.col("relnamespace")]), r[cls.col("relname")],
                    CatalogAccess.roleName(s, (Integer) r[cls.col("relowner")]), ViewDefinition.of(s, oid, false)));
        }
        return out;
    }

    /**
     * pg_database over the heap catalog: datacl is stored with role oids ("{=c/10,10=CTc/10}",
     * storage knows no role names) and shown as PostgreSQL shows aclitems, with names.
     */
    private static List<Object[]> databases(SessionContext s) {
        org.pgmini.storage.catalog.CatalogTable d = org.pgmini.storage.catalog.SystemCatalogs.PG_DATABASE;
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : CatalogAccess.rows(s, d)) {
            Object[] v = r.clone();
            v[d.col("datacl")] = acl(s, (String) r[d.col("datacl")]);
            out.add(v);
        }
        return out;
    }

    /** An ACL stored with role oids as text[] of aclitems with role names. */
    static Object[] acl(SessionContext s, String stored) {
        if (stored == null) {
            return null;
        }
        String body = stored.substring(1, stored.length() - 1);
        if (body.isEmpty()) {
            return new Object[0];
        }
        String[] items = body.split(",");
        Object[] out = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int eq = item.indexOf('=');
            int slash = item.lastIndexOf('/');
            String grantee = item.substring(0, eq);
            String grantor = item.substring(slash + 1);
            out[i] = (grantee.isEmpty() ? "" : CatalogAccess.roleName(s, Integer.parseInt(grantee)))
                    + item.substring(eq, slash + 1) + CatalogAccess.roleName(s, Integer.parseInt(grantor));
        }
        return out;
    }

    private static List<Object[]> roles(SessionContext s) {
        List<Object[]> out = new ArrayList<>();
        for (CatalogAccess.Role r : CatalogAccess.roles(s)) {
            boolean su = r.superuser();
            // rolpassword is always shown masked by PostgreSQL's view
            out.add(row(r.name(), su, true, su, su, r.canLogin(), su, -1, "********", null, su, null, r.oid()));
        }
        return out;
    }

    private static List<Object[]> users(SessionContext s) {
        List<Object[]> out = new ArrayList<>();
        for (CatalogAccess.Role r : CatalogAccess.roles(s)) {
            if (r.canLogin()) {
                boolean su = r.superuser();
                out.add(row(r.name(), r.oid(), su, su, su, su, "********", null, null));
            }
        }
        return out;
    }
}
