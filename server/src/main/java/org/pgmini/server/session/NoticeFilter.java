package org.pgmini.server.session;

import java.util.Locale;

/**
 * client_min_messages: which notice severities reach the client. The order is PostgreSQL's for
 * this parameter (LOG ranks below NOTICE here, unlike log_min_messages), and INFO is always sent.
 */
final class NoticeFilter {
    private NoticeFilter() {
    }

    static boolean sendToClient(String severity, String clientMinMessages) {
        if ("INFO".equals(severity)) {
            return true;
        }
        return rank(severity.toLowerCase(Locale.ROOT)) >= rank(clientMinMessages.toLowerCase(Locale.ROOT));
    }

    private static int rank(String level) {
        return switch (level) {
            case "debug5" -> 1;
            case "debug4" -> 2;
            case "debug3" -> 3;
            case "debug2", "debug" -> 4;
            case "debug1" -> 5;
            case "log" -> 6;
            case "notice" -> 7;
            case "warning" -> 8;
            case "error" -> 9;
            default -> 7; // unknown: treat as the default level, notice
        };
    }
}
