package org.pgmini.executor.query;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.SystemCatalogs;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.heap.HeapScan;
import org.pgmini.storage.heap.HeapTuple;
import org.pgmini.storage.mvcc.Snapshot;
import org.pgmini.storage.xact.Transaction;

/**
 * Reads the catalog the way the SQL-callable catalog functions need it (pg_table_is_visible,
 * regclass I/O, pg_get_userbyid, ...): rows of a catalog table under the transaction's catalog
 * snapshot, namespace and relation lookups, search_path visibility, and the roles.
 *
 * <p>Callers may run inside a scan's filter, i.e. while a buffer of the scanned catalog is
 * share-locked: these reads only take buffer content locks in shared mode, which storage's
 * LWLock grants again to the same holder (no writer priority), so they cannot deadlock there.
 */
public final class CatalogAccess {
    private CatalogAccess() {}

    /** Every visible row of a catalog table. */
    public static List<Object[]> rows(SessionContext session, CatalogTable t) {
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        Snapshot snap = tx.catalogSnapshot();
        List<Object[]> out = new ArrayList<>();
        HeapRelation rel = t.relation(db.catalog().dbOid());
        try (HeapScan s = db.heap().beginScan(rel, snap, tx)) {
            while (s.hasNext()) {
                HeapTuple tup = s.next();
                out.add(tup.values(t.desc()));
            }
        }
        return out;
    }

    /** The first visible row whose column equals the value, or null. */
    public static Object[] row(SessionContext session, CatalogTable t, String column, Object value) {
        int c = t.col(column);
        for (Object[] r : rows(session, t)) {
            if (value.equals(r[c])) {
                return r;
            }
        }
        return null;
    }

    /** Namespace oid → name. */
    public static Map<Integer, String> namespaces(SessionContext session) {
        CatalogTable n = SystemCatalogs.PG_NAMESPACE;
        Map<Integer, String> out = new HashMap<>();
        for (Object[] r : rows(session, n)) {
            out.put((Integer) r[n.col("oid")], (String) r[n.col("nspname")]);
        }
        return out;
    }

    /** The effective search_path: pg_catalog first unless listed, $user replaced by the user name. */
    public static List<String> searchPath(SessionContext session) {
        String sp;
        try {
            sp = session.settings().currentSetting("search_path", true);
        } catch (PgException e) {
            sp = null;
        }
        List<String> out = new ArrayList<>();
        for (String part : SearchPath.parse(sp == null ? "\"$user\", public" : sp)) {
            out.add(part.equals("$user") ? session.userName() : part);
        }
        if (!out.contains("pg_catalog")) {
            out.add(0, "pg_catalog");
        }
        return out;
    }

    /**
     * The schema an unqualified relation name means: the first schema of the effective
     * search_path (see {@link #searchPath}) that holds a relation of that name, or null.
     */
    public static String relationSchema(SessionContext session, String name) {
        var catalog = session.database().catalog();
        Transaction tx = session.database().transaction();
        for (String schema : searchPath(session)) {
            Integer nsp = catalog.namespaceOid(tx, schema);
            if (nsp != null && catalog.relationOid(tx, nsp, name) != null) {
                return schema;
            }
        }
        return null;
    }

    /**
     * PostgreSQL's creation namespace for an unqualified CREATE: the first schema named in
     * search_path that exists ($user meaning the user's name); pg_catalog only when listed
     * explicitly. 3F000 "no schema has been selected to create in" when none exists.
     */
    public static String creationSchema(SessionContext session) {
        String sp;
        try {
            sp = session.settings().currentSetting("search_path", true);
        } catch (PgException e) {
            sp = null;
        }
        var catalog = session.database().catalog();
        Transaction tx = session.database().transaction();
        for (String part : SearchPath.parse(sp == null ? "\"$user\", public" : sp)) {
            String schema = part.equals("$user") ? session.userName() : part;
            if (catalog.namespaceOid(tx, schema) != null) {
                return schema;
            }
        }
        throw new PgException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
    }

    /** One pg_class row's identity. */
    public record RelationName(int oid, String name, int namespace, String schema, char relkind) {}

    /** The relation with that oid, or null. */
    public static RelationName relation(SessionContext session, int oid) {
        CatalogTable c = SystemCatalogs.PG_CLASS;
        Object[] r = row(session, c, "oid", oid);
        if (r == null) {
            return null;
        }
        int nsp = (Integer) r[c.col("relnamespace")];
        return new RelationName(oid, (String) r[c.col("relname")], nsp, namespaces(session).get(nsp),
                (char) (byte) (Byte) r[c.col("relkind")]);
    }

    /**
     * PostgreSQL's RelationIsVisible: the relation is found first by its unqualified name along
     * the search path (a same-named relation in an earlier schema hides it).
     */
    public static boolean relationVisible(SessionContext session, int oid) {
        RelationName rel = relation(session, oid);
        if (rel == null) {
            return false;
        }
        CatalogTable c = SystemCatalogs.PG_CLASS;
        Map<Integer, String> nsps = namespaces(session);
        List<Object[]> classes = rows(session, c);
        for (String schema : searchPath(session)) {
            for (Object[] r : classes) {
                if (rel.name().equals(r[c.col("relname")]) && schema.equals(nsps.get((Integer) r[c.col("relnamespace")]))) {
                    return (Integer) r[c.col("oid")] == oid;
                }
            }
        }
        return false;
    }

    /** regclass output: the name, schema-qualified when not visible, quoted where needed; the number when unknown. */
    public static String regclassOut(SessionContext session, int oid) {
        RelationName rel = relation(session, oid);
        if (rel == null) {
            String computed = CatalogViews.catalogName(oid);
            return computed != null ? computed : Integer.toUnsignedString(oid);
        }
        String name = quoteIdent(rel.name());
        return relationVisible(session, oid) ? name : quoteIdent(rel.schema()) + "." + name;
    }

    /** regclass input: an oid number, or a possibly qualified name resolved along the search path (42P01). */
    public static int regclassIn(SessionContext session, String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(t);
        }
        List<String> parts = splitQualified(t);
        CatalogTable c = SystemCatalogs.PG_CLASS;
        Map<Integer, String> nsps = namespaces(session);
        List<String> schemas = parts.size() > 1 ? List.of(parts.get(parts.size() - 2)) : searchPath(session);
        String name = parts.get(parts.size() - 1);
        List<Object[]> classes = rows(session, c);
        for (String schema : schemas) {
            for (Object[] r : classes) {
                if (name.equals(r[c.col("relname")]) && schema.equals(nsps.get((Integer) r[c.col("relnamespace")]))) {
                    return (Integer) r[c.col("oid")];
                }
            }
            Integer computed = schema.equals("pg_catalog") ? CatalogViews.catalogOid(name) : null;
            if (computed != null) {
                return computed;
            }
        }
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + t + "\" does not exist");
    }

    /** regnamespace output / input. */
    public static String regnamespaceOut(SessionContext session, int oid) {
        String n = namespaces(session).get(oid);
        return n == null ? Integer.toUnsignedString(oid) : quoteIdent(n);
    }

    public static int regnamespaceIn(SessionContext session, String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(t);
        }
        String name = splitQualified(t).get(0);
        for (Map.Entry<Integer, String> e : namespaces(session).entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new PgException("3F000", "schema \"" + name + "\" does not exist");
    }

    /** Names in a dotted name, unquoted ones folded to lower case. */
    static List<String> splitQualified(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** quote_ident: double quotes unless the name is a plain lower-case identifier. */
    public static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && plain; i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        // jdbcmeta: a keyword PostgreSQL does not leave unreserved is quoted too, as quote_ident does
        return plain && !QuotedKeywords.WORDS.contains(name) ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ roles

    /** A role as pg_roles shows it. */
    public record Role(int oid, String name, boolean superuser, boolean canLogin) {}

    /** PostgreSQL 15's predefined roles (fixed oids, no login). */
    private static final Object[][] PREDEFINED = {
        {6171, "pg_database_owner"}, {6181, "pg_read_all_data"}, {6182, "pg_write_all_data"}, {3373, "pg_monitor"},
        {3374, "pg_read_all_settings"}, {3375, "pg_read_all_stats"}, {3377, "pg_stat_scan_tables"},
        {4569, "pg_read_server_files"}, {4570, "pg_write_server_files"}, {4571, "pg_execute_server_program"},
        {4200, "pg_signal_backend"}, {4544, "pg_checkpoint"},
    };

    /**
     * The roles: the bootstrap superuser (oid 10) as initdb recorded it in global/pgmini_roles
     * (the server's role file; its first superuser line), else the session's user, plus the
     * predefined roles. Roles beyond the bootstrap one have no oid yet and are not listed.
     */
    public static List<Role> roles(SessionContext session) {
        Map<Integer, Role> out = new LinkedHashMap<>();
        String bootstrap = bootstrapSuperuser(session);
        out.put(10, new Role(10, bootstrap, true, true));
        for (Object[] p : PREDEFINED) {
            out.put((Integer) p[0], new Role((Integer) p[0], (String) p[1], false, false));
        }
        return new ArrayList<>(out.values());
    }

    private static String bootstrapSuperuser(SessionContext session) {
        try {
            Path f = session.database().catalog().engine().dataDir().resolve("global/pgmini_roles");
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] parts = line.split("\t", -1);
                    if (!line.isBlank() && !line.startsWith("#") && parts.length >= 2 && parts[1].equals("t")) {
                        return parts[0];
                    }
                }
            }
        } catch (java.io.IOException | PgException e) {
            // fall back to the session's user below
        }
        return session.userName();
    }

    /** pg_get_userbyid: the role's name, or "unknown (OID=n)". */
    public static String roleName(SessionContext session, int oid) {
        for (Role r : roles(session)) {
            if (r.oid() == oid) {
                return r.name();
            }
        }
        return "unknown (OID=" + Integer.toUnsignedString(oid) + ")";
    }
}
