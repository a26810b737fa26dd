package org.pgmini.server.postmaster;

import java.util.Locale;

import org.pgmini.error.PgException;
import org.pgmini.server.guc.ConfigMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import ch.qos.logback.classic.Level;

/** The postmaster's log, with PostgreSQL's severities (see {@link PgLevelConverter}). */
public final class ServerLog {
    private ServerLog() {}

    public static final Marker FATAL = MarkerFactory.getMarker("FATAL");
    static final Logger LOG = LoggerFactory.getLogger("postmaster");

    public static void log(String message) {
        LOG.info(message);
    }

    public static void warning(String message) {
        LOG.warn(message);
    }

    /** Logs a PgException at LOG level, with its DETAIL and HINT lines. */
    public static void logWithDetails(PgException e) {
        LOG.info(withDetails(e));
    }

    private static String withDetails(PgException e) {
        return e.getMessage()
                + (e.detail() == null ? "" : "\nDETAIL:  " + e.detail())
                + (e.hint() == null ? "" : "\nHINT:  " + e.hint());
    }

    /** Logs a PgException with its severity, then its DETAIL and HINT lines as PostgreSQL does. */
    public static void error(PgException e) {
        String text = withDetails(e);
        if ("FATAL".equals(e.severity()) || "PANIC".equals(e.severity())) {
            LOG.error(FATAL, text);
        } else if ("LOG".equals(e.severity())) {
            LOG.info(text);
        } else {
            LOG.error(text);
        }
    }

    public static void fatal(String message) {
        LOG.error(FATAL, message);
    }

    public static void config(ConfigMessage m) {
        String text = m.message()
                + (m.detail() == null ? "" : "\nDETAIL:  " + m.detail())
                + (m.hint() == null ? "" : "\nHINT:  " + m.hint());
        if ("FATAL".equals(m.level())) {
            LOG.error(FATAL, text);
        } else {
            LOG.info(text);
        }
    }

    /**
     * Maps log_min_messages to the root logger's level: PostgreSQL writes LOG-level messages
     * unless log_min_messages is fatal or panic, and adds DEBUG output for debug1..debug5.
     */
    static void applyLogMinMessages(String value) {
        org.slf4j.Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root instanceof ch.qos.logback.classic.Logger logback)) {
            return;
        }
        Level level = switch (value.toLowerCase(Locale.ROOT)) {
            case "debug5", "debug4", "debug3", "debug2" -> Level.TRACE;
            case "debug1" -> Level.DEBUG;
            case "fatal", "panic" -> Level.ERROR;
            default -> Level.INFO;
        };
        logback.setLevel(level);
    }
}
