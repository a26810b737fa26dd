package org.pgmini.server.postmaster;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback converter {@code %pid}: the process id, as PostgreSQL's {@code %p} in log_line_prefix. */
public final class PidConverter extends ClassicConverter {
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Override
    public String convert(ILoggingEvent event) {
        return PID;
    }
}
