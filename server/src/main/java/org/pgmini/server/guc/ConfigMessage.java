package org.pgmini.server.guc;

/**
 * A message produced while reading configuration files, logged by the postmaster at the level
 * PostgreSQL uses (LOG for problems in the file, which become FATAL at start).
 */
public record ConfigMessage(String level, String sqlState, String message, String detail, String hint,
                            String file, int line) {
    public static ConfigMessage log(String sqlState, String message, String file, int line) {
        return new ConfigMessage("LOG", sqlState, message, null, null, file, line);
    }

    static ConfigMessage log(org.pgmini.error.PgException e, String file, int line) {
        return new ConfigMessage("LOG", e.sqlState(), e.getMessage(), e.detail(), e.hint(), file, line);
    }
}
