package org.pgmini.server.guc;

/** One "name = value" line of a configuration file (value already de-quoted). */
public record ConfigEntry(String name, String value, String file, int line) {}
