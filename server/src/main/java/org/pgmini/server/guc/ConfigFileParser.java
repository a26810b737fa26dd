package org.pgmini.server.guc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pgmini.error.SqlState;

/**
 * Reads files in postgresql.conf syntax the way PostgreSQL's guc-file.l does: one
 * {@code name [=] value} per line, {@code #} comments, single-quoted strings with {@code ''}
 * and backslash escapes, numbers with unit letters, and the {@code include},
 * {@code include_if_exists} and {@code include_dir} directives (paths relative to the including
 * file). A syntax error is reported with the file and line and parsing resumes on the next line,
 * so one pass reports every bad line.
 */
public final class ConfigFileParser {
    private static final int MAX_DEPTH = 10;
    private static final int MAX_SYNTAX_ERRORS = 100;

    private final List<ConfigEntry> entries = new ArrayList<>();
    private final List<ConfigMessage> messages = new ArrayList<>();
    private boolean ok = true;
    private String fileWithError;

    /** The outcome: entries in file order, messages to log, and whether every file was read cleanly. */
    public record Result(List<ConfigEntry> entries, List<ConfigMessage> messages, boolean ok, String fileWithError) {}

    /** Parses {@code file} (and what it includes). {@code strict}: a missing file is an error. */
    public static Result parse(Path file, boolean strict) {
        ConfigFileParser p = new ConfigFileParser();
        p.parseFile(file.toAbsolutePath().normalize(), strict, 0);
        return new Result(List.copyOf(p.entries), List.copyOf(p.messages), p.ok, p.fileWithError);
    }

    private void error(String sqlState, String message, String file, int line) {
        messages.add(ConfigMessage.log(sqlState, message, file, line));
        ok = false;
        if (fileWithError == null) {
            fileWithError = file;
        }
    }

    private void parseFile(Path file, boolean strict, int depth) {
        if (depth > MAX_DEPTH) {
            error(SqlState.PROGRAM_LIMIT_EXCEEDED, "could not open configuration file \"" + file
                    + "\": maximum nesting depth exceeded", file.toString(), 0);
            return;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (strict) {
                error(SqlState.UNDEFINED_FILE, "could not open configuration file \"" + file
                        + "\": No such file or directory", file.toString(), 0);
            } else {
                messages.add(ConfigMessage.log(null, "skipping missing configuration file \"" + file + "\"",
                        file.toString(), 0));
            }
            return;
        } catch (IOException e) {
            error(SqlState.IO_ERROR, "could not open configuration file \"" + file + "\": " + e.getMessage(),
                    file.toString(), 0);
            return;
        }
        parseLines(text, file, depth);
    }

    private void parseDirectory(Path dir, String callingFile, int depth) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && n.endsWith(".conf") && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage();
            error(SqlState.UNDEFINED_FILE, "could not open configuration directory \"" + dir + "\": " + reason,
                    callingFile, 0);
            return;
        }
        // Byte order of the names, as strcmp in PostgreSQL.
        files.sort((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        for (Path f : files) {
            parseFile(f, true, depth);
        }
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** Resolves an include path: absolute as given, else relative to the including file's directory. */
    private static Path resolve(String location, Path callingFile) {
        Path p = Path.of(location);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        Path dir = callingFile.getParent();
        return (dir == null ? p : dir.resolve(p)).toAbsolutePath().normalize();
    }

    private void parseLines(String text, Path file, int depth) {
        String fileName = file.toString();
        ConfigLexer lex = new ConfigLexer(text);
        int syntaxErrors = 0;
        ConfigLexer.Token tok;
        while ((tok = lex.next()).type() != ConfigLexer.Type.EOF) {
            if (tok.type() == ConfigLexer.Type.EOL) {
                continue;
            }
            int line = lex.line();
            boolean bad = false;
            String name = null;
            String value = null;
            if (tok.type() != ConfigLexer.Type.ID && tok.type() != ConfigLexer.Type.QUALIFIED_ID) {
                bad = true;
            } else {
                name = tok.text();
                tok = lex.next();
                if (tok.type() == ConfigLexer.Type.EQUALS) {
                    tok = lex.next();
                }
                switch (tok.type()) {
                    case ID, INTEGER, REAL, UNQUOTED_STRING -> value = tok.text();
                    case STRING -> value = deescape(tok.text());
                    default -> bad = true;
                }
                if (!bad) {
                    tok = lex.next();
                    if (tok.type() != ConfigLexer.Type.EOL && tok.type() != ConfigLexer.Type.EOF) {
                        bad = true;
                    }
                }
            }
            if (bad) {
                boolean atEnd = tok.type() == ConfigLexer.Type.EOL || tok.type() == ConfigLexer.Type.EOF;
                int errLine = tok.type() == ConfigLexer.Type.EOL ? lex.line() - 1 : lex.line();
                error(SqlState.SYNTAX_ERROR, "syntax error in file \"" + fileName + "\" line " + errLine
                        + (atEnd ? ", near end of line" : ", near token \"" + tok.text() + "\""), fileName, errLine);
                while (tok.type() != ConfigLexer.Type.EOL && tok.type() != ConfigLexer.Type.EOF) {
                    tok = lex.next();
                }
                if (++syntaxErrors >= MAX_SYNTAX_ERRORS) {
                    error(SqlState.SYNTAX_ERROR, "too many syntax errors found, abandoning file \"" + fileName + "\"",
                            fileName, errLine);
                    return;
                }
                continue;
            }
            if (name.equalsIgnoreCase("include_dir")) {
                parseDirectory(resolve(value, file), fileName, depth + 1);
            } else if (name.equalsIgnoreCase("include_if_exists")) {
                parseFile(resolve(value, file), false, depth + 1);
            } else if (name.equalsIgnoreCase("include")) {
                parseFile(resolve(value, file), true, depth + 1);
            } else {
                entries.add(new ConfigEntry(name, value, fileName, line));
            }
        }
    }

    /** Removes the quotes of a STRING token and resolves its escapes. */
    static String deescape(String quoted) {
        StringBuilder sb = new StringBuilder(quoted.length());
        int end = quoted.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char n = quoted.charAt(++i);
                switch (n) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    default -> {
                        if (n >= '0' && n <= '7') {
                            int v = 0;
                            int k = 0;
                            while (k < 3 && i + k < end && quoted.charAt(i + k) >= '0' && quoted.charAt(i + k) <= '7') {
                                v = (v << 3) + (quoted.charAt(i + k) - '0');
                                k++;
                            }
                            i += k - 1;
                            sb.append((char) (v & 0xff));
                        } else {
                            sb.append(n);
                        }
                    }
                }
            } else if (c == '\'' && i + 1 < end && quoted.charAt(i + 1) == '\'') {
                sb.append('\'');
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
