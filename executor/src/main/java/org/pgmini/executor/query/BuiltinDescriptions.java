package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgmini.executor.api.SessionContext;

/**
 * The comments initdb gives the objects it creates, as PostgreSQL 15 has them in pg_description
 * and pg_shdescription: the schemas (pg_catalog, public) and the databases (postgres,
 * template0, template1). COMMENT ON is not supported, so these are the only comments there are;
 * built-in functions and types have no comment here (PostgreSQL's come from its catalog
 * sources, which this server does not reproduce), so obj_description of them is NULL.
 */
final class BuiltinDescriptions {
    private BuiltinDescriptions() {}

    static final int PG_NAMESPACE = 2615;
    static final int PG_DATABASE = 1262;

    private static final Map<String, String> SCHEMAS = Map.of(
            "pg_catalog", "system catalog schema",
            "public", "standard public schema",
            "pg_toast", "reserved schema for TOAST tables");

    private static final Map<String, String> DATABASES = Map.of(
            "postgres", "default administrative connection database",
            "template1", "default template for new databases",
            "template0", "unmodifiable empty database");

    /** pg_description rows (objoid, classoid, objsubid, description) of the schemas that exist. */
    static List<Object[]> descriptions(SessionContext s) {
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : CatalogAccess.namespaces(s).entrySet()) {
            String d = SCHEMAS.get(e.getValue());
            // only the schemas initdb created (fixed oids below 16384), not same-named later ones
            if (d != null && Integer.compareUnsigned(e.getKey(), 16384) < 0) {
                out.add(new Object[] {e.getKey(), PG_NAMESPACE, 0, d});
            }
        }
        return out;
    }

    /** pg_shdescription rows (objoid, classoid, description) of the initdb databases that exist. */
    static List<Object[]> sharedDescriptions(SessionContext s) {
        List<Object[]> out = new ArrayList<>();
        var d = org.pgmini.storage.catalog.SystemCatalogs.PG_DATABASE;
        for (Object[] r : CatalogAccess.rows(s, d)) {
            int oid = (Integer) r[d.col("oid")];
            String text = DATABASES.get((String) r[d.col("datname")]);
            if (text != null && Integer.compareUnsigned(oid, 16384) < 0) {
                out.add(new Object[] {oid, PG_DATABASE, text});
            }
        }
        return out;
    }

    /** obj_description(oid, catalog): the comment of the object in that catalog (classoid null: any). */
    static String object(SessionContext s, int objoid, Integer classoid) {
        for (Object[] r : descriptions(s)) {
            if ((Integer) r[0] == objoid && (classoid == null || (Integer) r[1] == classoid.intValue())) {
                return (String) r[3];
            }
        }
        return null;
    }

    /** shobj_description(oid, catalog). */
    static String shared(SessionContext s, int objoid, int classoid) {
        for (Object[] r : sharedDescriptions(s)) {
            if ((Integer) r[0] == objoid && (Integer) r[1] == classoid) {
                return (String) r[2];
            }
        }
        return null;
    }
}
