package org.pgmini.server.postmaster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.Marker;

/**
 * Logback converter {@code %pglevel}: PostgreSQL's severity names for log lines. SLF4J INFO is
 * PostgreSQL's LOG, WARN is WARNING; events carrying the {@link ServerLog#FATAL} marker print
 * FATAL.
 */
public final class PgLevelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        if (event.getMarkerList() != null) {
            for (Marker m : event.getMarkerList()) {
                if (m.getName().equals(ServerLog.FATAL.getName())) {
                    return "FATAL";
                }
            }
        }
        Level l = event.getLevel();
        if (l == Level.ERROR) {
            return "ERROR";
        }
        if (l == Level.WARN) {
            return "WARNING";
        }
        if (l == Level.INFO) {
            return "LOG";
        }
        if (l == Level.DEBUG) {
            return "DEBUG1";
        }
        return "DEBUG5";
    }
}
