package org.pgmini.executor.types;

import org.pgmini.executor.api.SessionContext;

/**
 * A SQL data type as the wire protocol sees it: its OID and size for RowDescription, and its
 * text and binary I/O functions. Values are plain Java objects (Integer for int4, String for
 * text, ...); each type documents its representation.
 */
public interface PgType {
    int oid();

    /** The type's name as pg_type.typname has it (e.g. {@code int4}). */
    String name();

    /** pg_type.typlen: the fixed size, or -1 for variable length. */
    short typlen();

    /** Text output (typoutput); may depend on session settings such as extra_float_digits or DateStyle. */
    String output(Object value, SessionContext session);

    /** Text input (typinput); PgException 22P02 etc. on bad input. */
    Object input(String text, int typmod);

    /**
     * Text input in a session: types whose input depends on settings (TimeZone, DateStyle) read
     * them here; the others ignore the session. {@code session} may be null (defaults then).
     */
    default Object input(String text, int typmod, SessionContext session) {
        return input(text, typmod);
    }

    /** True when {@link #input(String, int, SessionContext)} depends on session settings or the clock. */
    default boolean inputDependsOnSession() {
        return false;
    }

    /** True when {@link #output} depends on session settings (DateStyle, IntervalStyle, bytea_output...). */
    default boolean outputDependsOnSession() {
        return false;
    }

    /** Binary output (typsend). */
    byte[] send(Object value);

    /** Binary input (typreceive); PgException 22P03 on malformed data. */
    Object receive(byte[] data);
}
