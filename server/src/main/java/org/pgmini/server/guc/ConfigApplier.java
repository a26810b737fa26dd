package org.pgmini.server.guc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * Applies parsed configuration files to a {@link GucTable} as PostgreSQL's ProcessConfigFile
 * does: nothing is applied if the files had syntax errors or unknown parameter names; otherwise
 * every valid line is applied (the last of duplicate lines wins), parameters removed from the
 * files fall back to their defaults, and each invalid value is reported.
 */
public final class ConfigApplier {
    private ConfigApplier() {}

    /** What happened: messages to log, whether everything was applied cleanly, and the summary error. */
    public record Outcome(boolean ok, List<ConfigMessage> messages, String fileWithError, boolean applied) {
        /** The closing message PostgreSQL logs (FATAL at start, LOG on reload); null if ok. */
        public String summary(boolean atStart) {
            if (ok) {
                return null;
            }
            String base = "configuration file \"" + fileWithError + "\" contains errors";
            if (atStart) {
                return base;
            }
            return base + (applied ? "; unaffected changes were applied" : "; no changes were applied");
        }
    }

    /**
     * @param context POSTMASTER at start, SIGHUP on reload
     * @param logChanges log "parameter changed" lines (the postmaster on reload)
     */
    public static Outcome apply(GucTable table, ConfigFileParser.Result parsed, GucContext context, boolean logChanges) {
        List<ConfigMessage> messages = new ArrayList<>(parsed.messages());
        String fileWithError = parsed.fileWithError();
        if (!parsed.ok()) {
            return new Outcome(false, messages, fileWithError, false);
        }
        boolean error = false;
        for (ConfigEntry e : parsed.entries()) {
            GucVariable v;
            try {
                v = table.lookup(e.name(), true);
            } catch (PgException ex) {
                v = null;
            }
            if (v == null) {
                messages.add(ConfigMessage.log(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                        + e.name() + "\" in file \"" + e.file() + "\" line " + e.line(), e.file(), e.line()));
                if (!error) {
                    fileWithError = e.file();
                }
                error = true;
            }
        }
        if (error) {
            return new Outcome(false, messages, fileWithError, false);
        }

        // The last line for a name wins.
        Map<String, ConfigEntry> last = new HashMap<>();
        for (ConfigEntry e : parsed.entries()) {
            last.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        Set<String> inFile = new HashSet<>(last.keySet());

        // Parameters that came from the file but are no longer in it go back to their defaults.
        for (GucVariable v : table.variables()) {
            String key = v.def.name().toLowerCase(Locale.ROOT);
            if (v.reset.source() != GucSource.FILE || inFile.contains(key)) {
                continue;
            }
            if (v.def.context().compareTo(GucContext.SIGHUP) < 0) {
                v.pendingRestart = true;
                messages.add(ConfigMessage.log(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + v.def.name()
                        + "\" cannot be changed without restarting the server", null, 0));
                error = true;
                continue;
            }
            v.reset = GucValue.of(v.reset.value(), GucSource.DEFAULT);
            if (v.current.source() == GucSource.FILE) {
                v.current = GucValue.of(v.current.value(), GucSource.DEFAULT);
            }
            for (GucVariable.StackEntry s = v.stack; s != null; s = s.prev) {
                if (s.prior.source() == GucSource.FILE) {
                    s.prior = GucValue.of(s.prior.value(), GucSource.DEFAULT);
                }
            }
            String before = v.show();
            table.set(v.def.name(), null, context, GucSource.DEFAULT, GucAction.SET, true, null, 0);
            if (logChanges && !before.equals(v.show())) {
                messages.add(ConfigMessage.log(null, "parameter \"" + v.def.name()
                        + "\" removed from configuration file, reset to default", null, 0));
            }
        }

        for (ConfigEntry e : parsed.entries()) {
            if (last.get(e.name().toLowerCase(Locale.ROOT)) != e) {
                continue;
            }
            GucVariable v = table.lookup(e.name(), true);
            String before = v.show();
            try {
                table.set(e.name(), e.value(), context, GucSource.FILE, GucAction.SET, true, e.file(), e.line());
            } catch (PgException ex) {
                messages.add(ConfigMessage.log(ex, e.file(), e.line()));
                if (!error) {
                    fileWithError = e.file();
                }
                error = true;
                continue;
            }
            if (logChanges && !before.equals(v.show())) {
                messages.add(ConfigMessage.log(null, "parameter \"" + e.name() + "\" changed to \"" + e.value() + "\"",
                        e.file(), e.line()));
            }
        }
        if (error && fileWithError == null) {
            fileWithError = parsed.entries().isEmpty() ? "" : parsed.entries().get(0).file();
        }
        return new Outcome(!error, messages, fileWithError, true);
    }
}
