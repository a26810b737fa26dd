package org.pgmini.executor.query;

import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.SystemCatalogs;

/**
 * format_type(oid, typmod): a type's SQL name as PostgreSQL's format_type_extended prints it:
 * SQL spellings for the built-in types (integer, character varying(20), numeric(10,2),
 * timestamp(3) with time zone), "bpchar" for bpchar with typmod -1 given explicitly, the
 * pg_type name otherwise (schema-qualified when the type is not visible), "???" for an
 * unknown oid.
 */
final class FormatType {
    private FormatType() {}

    /** format_type of a built-in type with a typmod given (-1: none), without catalog access. */
    static String name(org.pgmini.executor.types.PgType type, int typmod) {
        String builtin = builtin(type.oid(), typmod, true);
        return builtin != null ? builtin : CatalogAccess.quoteIdent(type.name());
    }

    static String format(SessionContext s, int oid, Integer typmod, boolean typmodGiven) {
        String builtin = builtin(oid, typmod == null ? -1 : typmod, typmodGiven && typmod != null);
        if (builtin != null) {
            return builtin;
        }
        return catalogName(s, oid, typmod, typmodGiven);
    }

    private static String builtin(int oid, int typmod, boolean typmodGiven) {
        Integer boxed = typmod;
        boolean withTypmod = typmodGiven && boxed >= 0;
        int tm = boxed;
        switch (oid) {
            case 16: return "boolean";
            case 21: return "smallint";
            case 23: return "integer";
            case 20: return "bigint";
            case 700: return "real";
            case 701: return "double precision";
            case 1700:
                return withTypmod && tm >= 4 ? "numeric(" + (((tm - 4) >> 16) & 0xffff) + "," + ((tm - 4) & 0xffff) + ")"
                        : "numeric";
            case 1043: return withTypmod ? "character varying(" + (tm - 4) + ")" : "character varying";
            case 1042:
                if (withTypmod) {
                    return "character(" + (tm - 4) + ")";
                }
                return typmodGiven ? "bpchar" : "character";
            case 1114: return withTypmod ? "timestamp(" + tm + ") without time zone" : "timestamp without time zone";
            case 1184: return withTypmod ? "timestamp(" + tm + ") with time zone" : "timestamp with time zone";
            case 1083: return withTypmod ? "time(" + tm + ") without time zone" : "time without time zone";
            case 1266: return withTypmod ? "time(" + tm + ") with time zone" : "time with time zone";
            case 18: return "\"char\"";
            default: return null;
        }
    }

    private static String catalogName(SessionContext s, int oid, Integer typmod, boolean typmodGiven) {
        CatalogTable t = SystemCatalogs.PG_TYPE;
        Object[] row = CatalogAccess.row(s, t, "oid", oid);
        if (row == null) {
            return "???";
        }
        int elem = (Integer) row[t.col("typelem")];
        String name = (String) row[t.col("typname")];
        if (elem != 0 && name.startsWith("_") && (Short) row[t.col("typlen")] == -1) {
            return format(s, elem, typmod, typmodGiven) + "[]";
        }
        int nsp = (Integer) row[t.col("typnamespace")];
        String quoted = CatalogAccess.quoteIdent(name);
        if (nsp == 11) {
            return quoted;
        }
        int rel = (Integer) row[t.col("typrelid")];
        boolean visible = rel != 0 && CatalogAccess.relationVisible(s, rel);
        return visible ? quoted : CatalogAccess.quoteIdent(CatalogAccess.namespaces(s).get(nsp)) + "." + quoted;
    }
}
