package org.pgmini.executor.query;

import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;

/**
 * has_database_privilege: whether a role holds CREATE, CONNECT or TEMPORARY on a database.
 * Superusers hold every privilege; anyone else gets what pg_database.datacl grants to PUBLIC
 * or to the role by name (a NULL datacl is the default: PUBLIC may CONNECT and TEMPORARY,
 * the owner everything). The privilege string is a comma-separated list, any one suffices,
 * each optionally "WITH GRANT OPTION" (which only the owner or an explicit grant holds).
 */
final class DatabasePrivileges {
    private DatabasePrivileges() {}

    static boolean check(SessionContext s, String role, String database, String privileges) {
        return check(s, role, CatalogFunctions.databaseOid(s, database), privileges);
    }

    /** By oid: NULL (here null) for a database that does not exist, as PostgreSQL. */
    static Boolean check(SessionContext s, String role, int dbOid, String privileges) {
        var d = org.pgmini.storage.catalog.SystemCatalogs.PG_DATABASE;
        Object[] row = CatalogAccess.row(s, d, "oid", dbOid);
        if (row == null) {
            return null;
        }
        CatalogAccess.Role r = null;
        for (CatalogAccess.Role candidate : CatalogAccess.roles(s)) {
            if (candidate.name().equals(role)) {
                r = candidate;
            }
        }
        if (r == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
        }
        boolean any = false;
        for (String p : privileges.split(",")) {
            String item = p.trim().toUpperCase(Locale.ROOT);
            boolean grant = item.endsWith(" WITH GRANT OPTION");
            String name = grant ? item.substring(0, item.length() - " WITH GRANT OPTION".length()).trim() : item;
            char letter = switch (name) {
                case "CREATE" -> 'C';
                case "CONNECT" -> 'c';
                case "TEMPORARY", "TEMP" -> 'T';
                default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \""
                        + p.trim() + "\"");
            };
            any |= holds(s, r, row, d, letter, grant);
        }
        return any;
    }

    private static boolean holds(SessionContext s, CatalogAccess.Role r, Object[] row,
                                 org.pgmini.storage.catalog.CatalogTable d, char letter, boolean grant) {
        if (r.superuser() || (Integer) row[d.col("datdba")] == r.oid()) {
            return true;
        }
        Object[] acl = CatalogViews.acl(s, (String) row[d.col("datacl")]);
        if (acl == null) {
            return !grant && (letter == 'c' || letter == 'T');
        }
        for (Object o : acl) {
            String item = (String) o;
            int eq = item.indexOf('=');
            int slash = item.lastIndexOf('/');
            String grantee = item.substring(0, eq);
            String rights = item.substring(eq + 1, slash);
            int at = rights.indexOf(letter);
            if ((grantee.isEmpty() || grantee.equals(r.name())) && at >= 0
                    && (!grant || (at + 1 < rights.length() && rights.charAt(at + 1) == '*'))) {
                return true;
            }
        }
        return false;
    }
}
