package org.pgmini.server.guc;

/**
 * Typed read access to configuration parameters. Integer parameters with a unit are returned
 * in the parameter's base unit, as PostgreSQL stores them (e.g. work_mem in kB,
 * shared_buffers in 8 kB blocks, statement_timeout in ms). Unknown names throw PgException 42704.
 */
public interface ConfigView {
    String getString(String name);

    int getInt(String name);

    boolean getBool(String name);

    double getReal(String name);
}
