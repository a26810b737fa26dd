package org.pgmini.server.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.executor.api.SettingInfo;

/** postgresql.conf syntax, includes, error reports, reload and ALTER SYSTEM. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private ConfigFileParser.Result parse(String text) throws Exception {
        Path f = dir.resolve("t.conf");
        Files.writeString(f, text);
        return ConfigFileParser.parse(f, true);
    }

    private String file() {
        return dir.resolve("t.conf").toAbsolutePath().normalize().toString();
    }

    @org.junit.jupiter.api.BeforeEach
    void autoConf() throws Exception {
        Files.writeString(dir.resolve("postgresql.auto.conf"), AutoConfWriter.HEADER);
    }

    @Test
    void syntax() throws Exception {
        ConfigFileParser.Result r = parse("# comment\nwork_mem = 8MB # trailing\nport 5433\n\n"
                + "x.y = 'a''b\\\\c\\n\\101'\nlisten_addresses='*'\nseq_page_cost = 1.5\nfoo.bar = -3\n"
                + "search_path = '\"$user\", public'\ndatestyle = iso\nlast = 0x10");
        assertTrue(r.ok(), r.messages().toString());
        assertEquals(List.of(
                new ConfigEntry("work_mem", "8MB", file(), 2),
                new ConfigEntry("port", "5433", file(), 3),
                new ConfigEntry("x.y", "a'b\\c\nA", file(), 5),
                new ConfigEntry("listen_addresses", "*", file(), 6),
                new ConfigEntry("seq_page_cost", "1.5", file(), 7),
                new ConfigEntry("foo.bar", "-3", file(), 8),
                new ConfigEntry("search_path", "\"$user\", public", file(), 9),
                new ConfigEntry("datestyle", "iso", file(), 10),
                new ConfigEntry("last", "0x10", file(), 11)), r.entries());
    }

    @Test
    void syntaxErrorsNameFileAndLine() throws Exception {
        ConfigFileParser.Result r = parse("work_mem = 8MB junk\nok = 1\nfoo = = 1\nwork_mem = \nwork_mem = 'open\n"
                + "work_mem = 1.5GB\n");
        assertFalse(r.ok());
        List<String> msgs = r.messages().stream().map(ConfigMessage::message).toList();
        assertEquals(List.of(
                "syntax error in file \"" + file() + "\" line 1, near token \"junk\"",
                "syntax error in file \"" + file() + "\" line 3, near token \"=\"",
                "syntax error in file \"" + file() + "\" line 4, near end of line",
                "syntax error in file \"" + file() + "\" line 5, near token \"'\"",
                "syntax error in file \"" + file() + "\" line 6, near token \"GB\""), msgs);
        assertEquals("42601", r.messages().get(0).sqlState());
        assertEquals(List.of(new ConfigEntry("ok", "1", file(), 2)), r.entries());
    }

    @Test
    void lexerCornerCases() throws Exception {
        // flex's longest match: "a.b.c" is an unquoted string, not a parameter name.
        // (These outcomes were checked against PostgreSQL 15's own parser.)
        ConfigFileParser.Result r = parse("a.b.c = 1\nx = a.b\ny = -.5e3\nz = 10MB\nw = tmp/x:y\n");
        List<String> msgs = r.messages().stream().map(ConfigMessage::message).toList();
        assertEquals(List.of(
                "syntax error in file \"" + file() + "\" line 1, near token \"a.b.c\"",
                "syntax error in file \"" + file() + "\" line 2, near token \"a.b\""), msgs);
        assertEquals(List.of("y=-.5e3", "z=10MB"), r.entries().stream().map(e -> e.name() + "=" + e.value()).toList()
                .subList(0, 2));
        assertEquals(3, r.entries().size());
        assertEquals("tmp/x:y", r.entries().get(2).value());
        r = parse("w = /tmp/x\n");
        assertFalse(r.ok(), "an unquoted value must start with a letter");
    }

    @Test
    void commandLineConfigFileAndEnvironment() throws Exception {
        Path other = dir.resolve("elsewhere.conf");
        Files.writeString(other, "work_mem = 32MB\n");
        ServerConfig c = ServerConfig.load(dir, List.of(Map.entry("config_file", other.toString())), Map.of());
        assertEquals(32768, c.getInt("work_mem"));
        assertEquals(other.toString(), c.getString("config_file"));
        ServerConfig.StartupFailure f = assertThrows(ServerConfig.StartupFailure.class,
                () -> ServerConfig.load(dir, List.of(), Map.of("PGPORT", "99999")));
        assertEquals("99999 is outside the valid range for parameter \"port\" (1 .. 65535)", f.getMessage());
        f = assertThrows(ServerConfig.StartupFailure.class,
                () -> ServerConfig.load(dir, List.of(Map.entry("nosuch", "1")), Map.of()));
        assertEquals("unrecognized configuration parameter \"nosuch\"", f.getMessage());
        assertEquals("42704", f.sqlState());
    }

    @Test
    void includes() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(sub.resolve("b.conf"), "work_mem = 2MB\n");
        Files.writeString(sub.resolve("a.conf"), "work_mem = 1MB\ninclude '../inc/x.conf'\n");
        Files.writeString(sub.resolve("c.txt"), "work_mem = 9MB\n");
        Files.writeString(sub.resolve(".hidden.conf"), "work_mem = 9MB\n");
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("inc/x.conf"), "port = 1\n");
        ConfigFileParser.Result r = parse("include_dir 'conf.d'\ninclude_if_exists 'missing.conf'\nINCLUDE = 'inc/x.conf'\n");
        assertTrue(r.ok(), r.messages().toString());
        assertEquals(List.of("work_mem=1MB", "port=1", "work_mem=2MB", "port=1"),
                r.entries().stream().map(e -> e.name() + "=" + e.value()).toList());
        assertEquals(dir.resolve("conf.d/a.conf").toString(), r.entries().get(0).file());
        assertEquals("skipping missing configuration file \"" + dir.resolve("missing.conf") + "\"",
                r.messages().get(0).message());

        r = parse("include 'missing.conf'\n");
        assertFalse(r.ok());
        assertEquals("could not open configuration file \"" + dir.resolve("missing.conf")
                + "\": No such file or directory", r.messages().get(0).message());

        Files.writeString(dir.resolve("loop.conf"), "include 'loop.conf'\n");
        r = parse("include 'loop.conf'\n");
        assertFalse(r.ok());
        assertTrue(r.messages().get(0).message().endsWith("maximum nesting depth exceeded"));
    }

    @Test
    void startFailsOnBadValuesWithPostgresMessages() throws Exception {
        Path conf = dir.resolve("postgresql.conf");
        Files.writeString(conf, "max_connections = 'x'\nshared_buffers=1\nnosuch = 1\n");
        ServerConfig.StartupFailure f = assertThrows(ServerConfig.StartupFailure.class,
                () -> ServerConfig.load(dir, List.of(), Map.of()));
        assertEquals("unrecognized configuration parameter \"nosuch\" in file \"" + conf + "\" line 3",
                f.messages().get(0).message());
        assertEquals("configuration file \"" + conf + "\" contains errors", f.getMessage());
        assertEquals("F0000", f.sqlState());

        Files.writeString(conf, "max_connections = 'x'\nshared_buffers=1\n");
        f = assertThrows(ServerConfig.StartupFailure.class, () -> ServerConfig.load(dir, List.of(), Map.of()));
        assertEquals(List.of("invalid value for parameter \"max_connections\": \"x\"",
                "1 8kB is outside the valid range for parameter \"shared_buffers\" (16 .. 1073741823)"),
                f.messages().stream().map(ConfigMessage::message).toList());

        Files.writeString(conf, "work_mem = 8MB junk\n");
        f = assertThrows(ServerConfig.StartupFailure.class, () -> ServerConfig.load(dir, List.of(), Map.of()));
        assertEquals("syntax error in file \"" + conf + "\" line 1, near token \"junk\"", f.messages().get(0).message());
    }

    @Test
    void sourcesPrioritiesAndPgSettings() throws Exception {
        Files.writeString(dir.resolve("postgresql.conf"), "work_mem = 8MB\nport = 5555\nmax_connections = 20\n");
        Files.writeString(dir.resolve("postgresql.auto.conf"), "work_mem = '16MB'\n");
        ServerConfig server = ServerConfig.load(dir, List.of(Map.entry("port", "6000")), Map.of("PGDATESTYLE", "German"));
        assertEquals(6000, server.getInt("port"));
        assertEquals(16384, server.getInt("work_mem"));
        assertEquals("German, DMY", server.getString("DateStyle"));
        SettingInfo port = row(server.settingInfos(), "port");
        assertEquals("command line", port.source());
        assertEquals("5432", port.bootVal());
        assertEquals("6000", port.resetVal());
        assertEquals("environment variable", row(server.settingInfos(), "DateStyle").source());
        SettingInfo wm = row(server.settingInfos(), "work_mem");
        assertEquals("configuration file", wm.source());
        assertEquals(dir.resolve("postgresql.auto.conf").toString(), wm.sourceFile());
        assertEquals(1, wm.sourceLine());
        assertEquals("kB", wm.unit());
        assertEquals("64", wm.minVal());
        assertEquals("user", wm.context());
        assertEquals("integer", wm.vartype());
        assertEquals("Resource Usage / Memory", wm.category());
        SettingInfo wb = row(server.settingInfos(), "wal_buffers");
        assertEquals("-1", wb.bootVal());
        assertEquals("512", wb.setting());
        assertEquals("default", wb.source());
        SettingInfo iso = row(server.settingInfos(), "default_transaction_isolation");
        assertEquals(List.of("serializable", "repeatable read", "read committed", "read uncommitted"), iso.enumVals());
        assertEquals(dir.resolve("pg_hba.conf").toString(), server.getString("hba_file"));
    }

    private static SettingInfo row(List<SettingInfo> rows, String name) {
        return rows.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void reloadAppliesToServerAndSessions() throws Exception {
        Path conf = dir.resolve("postgresql.conf");
        Files.writeString(conf, "work_mem = 8MB\ndatestyle = 'iso, mdy'\nmax_connections = 20\n");
        ServerConfig server = ServerConfig.load(dir, List.of(), Map.of());
        SessionGucs s = GucTestSupport.session(server);
        s.reportedValues();
        s.atTransactionStart();
        s.set("search_path", List.of("mine"), false);
        s.atTransactionCommit();

        Files.writeString(conf, "work_mem = 1MB\ndatestyle = german\nsearch_path = 'other'\nmax_connections = 30\n");
        List<String> log = server.reload().stream().map(ConfigMessage::message).toList();
        assertEquals(List.of(
                "parameter \"max_connections\" cannot be changed without restarting the server",
                "parameter \"work_mem\" changed to \"1MB\"",
                "parameter \"datestyle\" changed to \"german\"",
                "parameter \"search_path\" changed to \"other\"",
                "configuration file \"" + conf + "\" contains errors; unaffected changes were applied"),
                log.stream().sorted((a, b) -> rank(a) - rank(b)).toList());
        assertTrue(row(server.settingInfos(), "max_connections").pendingRestart());
        assertEquals(20, server.getInt("max_connections"));

        assertEquals(Map.of("DateStyle", "German, DMY"), s.takeReportedChanges());
        assertEquals("1MB", s.show("work_mem"));
        assertEquals("mine", s.show("search_path"), "a session's own SET outranks the file");
        s.atTransactionStart();
        s.reset("search_path");
        assertEquals("other", s.show("search_path"));
        s.atTransactionCommit();

        // A parameter removed from the file goes back to its default.
        Files.writeString(conf, "max_connections = 20\n");
        log = server.reload().stream().map(ConfigMessage::message).toList();
        assertTrue(log.contains("parameter \"work_mem\" removed from configuration file, reset to default"), log.toString());
        s.atTransactionStart();
        assertEquals("4MB", s.show("work_mem"));
        assertEquals("default", row(s.all(), "work_mem").source());

        // Syntax errors: nothing is applied.
        Files.writeString(conf, "max_connections = 20\nwork_mem = 2MB\nbad line here\n");
        log = server.reload().stream().map(ConfigMessage::message).toList();
        assertEquals("configuration file \"" + conf + "\" contains errors; no changes were applied", log.get(log.size() - 1));
        assertEquals(4096, server.getInt("work_mem"));
    }

    private static int rank(String msg) {
        if (msg.contains("max_connections")) {
            return 0;
        }
        if (msg.contains("work_mem")) {
            return 1;
        }
        if (msg.contains("datestyle")) {
            return 2;
        }
        if (msg.contains("search_path")) {
            return 3;
        }
        return 4;
    }

    @Test
    void alterSystem() throws Exception {
        Path conf = dir.resolve("postgresql.conf");
        Files.writeString(conf, "work_mem = 8MB\n");
        ServerConfig server = ServerConfig.load(dir, List.of(), Map.of());
        SessionGucs s = GucTestSupport.session(server);
        s.atTransactionStart();
        s.alterSystem("work_mem", "32MB");
        s.alterSystem("search_path", "a, \"B\"");
        s.alterSystem("datestyle", "german");
        s.alterSystem("datestyle", null);
        Path auto = dir.resolve("postgresql.auto.conf");
        String text = Files.readString(auto);
        assertTrue(text.startsWith(AutoConfWriter.HEADER));
        assertTrue(text.endsWith("work_mem = '32MB'\nsearch_path = 'a, \"B\"'\n"), text);
        assertEquals("8MB", s.show("work_mem"), "ALTER SYSTEM needs a reload");
        assertTrue(s.reloadConfiguration());
        s.atTransactionCommit();
        s.atTransactionStart();
        assertEquals("32MB", s.show("work_mem"));
        assertEquals("a, \"B\"", s.show("search_path"));

        GucTestSupport.fails("22023", "invalid value for parameter \"work_mem\": \"x\"", () -> s.alterSystem("work_mem", "x"));
        GucTestSupport.fails("55P02", "parameter \"block_size\" cannot be changed", () -> s.alterSystem("block_size", "1"));
        GucTestSupport.fails("42704", "unrecognized configuration parameter \"foo.bar\"", () -> s.alterSystem("foo.bar", "1"));
        GucTestSupport.fails("22023", "parameter value for ALTER SYSTEM must not contain a newline",
                () -> s.alterSystem("application_name", "a\nb"));
        SessionGucs bob = new SessionGucs(server, "bob", false, () -> true);
        GucTestSupport.fails("42501", "permission denied to set parameter \"work_mem\"", () -> bob.alterSystem("work_mem", "1MB"));
        s.alterSystem("all", null);
        assertEquals(AutoConfWriter.HEADER, Files.readString(auto));
        // The quoting round-trips through the parser.
        s.alterSystem("application_name", "it's \\ odd");
        assertEquals("it's \\ odd", ConfigFileParser.parse(auto, true).entries().get(0).value());
    }
}
