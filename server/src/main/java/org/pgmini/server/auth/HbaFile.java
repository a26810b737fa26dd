package org.pgmini.server.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * A parsed pg_hba.conf: its rules in file order, and the first-match lookup PostgreSQL does for
 * each connection. Parsing follows PostgreSQL 15's rules: {@code #} comments, whitespace-separated
 * fields, comma-separated lists inside a field, double quotes that keep spaces and take away a
 * keyword's meaning, {@code @file} inclusion of tokens, a trailing backslash continuing a line.
 * Every parse error is reported with the file and line, as PostgreSQL logs them.
 */
public final class HbaFile {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Path path;
    private final List<HbaLine> lines;

    private HbaFile(Path path, List<HbaLine> lines) {
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    public Path path() {
        return path;
    }

    public List<HbaLine> lines() {
        return lines;
    }

    /** Reads and parses a file; PgException F0000 (with the line in the context) when it is invalid. */
    public static HbaFile load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PgException(SqlState.CONFIG_FILE_ERROR, "could not open configuration file \"" + path
                    + "\": No such file or directory");
        } catch (IOException e) {
            throw new PgException(SqlState.CONFIG_FILE_ERROR, "could not open configuration file \"" + path
                    + "\": " + e.getMessage());
        }
        return parse(path, text);
    }

    /** Parses file contents; {@code path} names the file in errors and anchors {@code @file} includes. */
    public static HbaFile parse(Path path, String text) {
        List<HbaLine> rules = new ArrayList<>();
        String[] physical = text.split("\r?\n", -1);
        for (int i = 0; i < physical.length; i++) {
            int lineNumber = i + 1;
            StringBuilder logical = new StringBuilder(physical[i]);
            // A backslash at the very end continues the record on the next line.
            while (endsWithContinuation(logical) && i + 1 < physical.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(physical[++i]);
            }
            List<List<HbaToken>> fields;
            try {
                fields = tokenize(logical.toString(), path);
            } catch (PgException e) {
                throw atLine(e.getMessage(), lineNumber, path);
            }
            if (fields.isEmpty()) {
                continue;
            }
            rules.add(parseLine(fields, lineNumber, path));
        }
        return new HbaFile(path, rules);
    }

    private static boolean endsWithContinuation(StringBuilder s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\\';
    }

    /** Splits a line into fields, each a list of comma-separated tokens; {@code @file} tokens are expanded. */
    static List<List<HbaToken>> tokenize(String line, Path path) {
        List<List<HbaToken>> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n || line.charAt(i) == '#') {
                return fields;
            }
            List<HbaToken> field = new ArrayList<>();
            while (true) {
                StringBuilder tok = new StringBuilder();
                boolean quoted = false;
                boolean inQuote = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (inQuote) {
                        if (c == '"') {
                            inQuote = false;
                        } else {
                            tok.append(c);
                        }
                        i++;
                        continue;
                    }
                    if (c == '"') {
                        inQuote = true;
                        quoted = true;
                        i++;
                        continue;
                    }
                    if (c == ',' || c == '#' || Character.isWhitespace(c)) {
                        break;
                    }
                    tok.append(c);
                    i++;
                }
                if (inQuote) {
                    throw new PgException(SqlState.CONFIG_FILE_ERROR, "unterminated quoted string");
                }
                String text = tok.toString();
                if (!quoted && text.startsWith("@") && text.length() > 1) {
                    field.addAll(includeFile(path, text.substring(1)));
                } else {
                    field.add(new HbaToken(text, quoted));
                }
                if (i < n && line.charAt(i) == ',') {
                    i++;
                    continue;
                }
                break;
            }
            fields.add(field);
        }
    }

    /** Tokens of an {@code @file}: whitespace or comma separated, relative to the including file's directory. */
    private static List<HbaToken> includeFile(Path path, String name) {
        Path file = Path.of(name);
        if (!file.isAbsolute() && path != null && path.getParent() != null) {
            file = path.getParent().resolve(name);
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PgException(SqlState.CONFIG_FILE_ERROR, "could not open secondary authentication file \"@"
                    + name + "\" as \"" + file + "\": No such file or directory");
        }
        List<HbaToken> out = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            for (List<HbaToken> f : tokenize(line, file)) {
                out.addAll(f);
            }
        }
        return out;
    }

    private static HbaLine parseLine(List<List<HbaToken>> fields, int lineNumber, Path path) {
        int f = 0;
        HbaToken typeToken = single(fields.get(f++), "connection type", lineNumber, path);
        ConnectionType type = ConnectionType.byKeyword(typeToken.text());
        if (type == null) {
            throw atLine("invalid connection type \"" + typeToken.text() + "\"", lineNumber, path);
        }
        if (f >= fields.size()) {
            throw atLine("end-of-line before database specification", lineNumber, path);
        }
        List<HbaToken> databases = fields.get(f++);
        if (f >= fields.size()) {
            throw atLine("end-of-line before role specification", lineNumber, path);
        }
        List<HbaToken> users = fields.get(f++);
        HbaAddress address = null;
        if (type != ConnectionType.LOCAL) {
            if (f >= fields.size()) {
                throw atLine("end-of-line before IP address specification", lineNumber, path);
            }
            HbaToken addr = single(fields.get(f++), "IP address", lineNumber, path);
            String a = addr.text();
            if (addr.isKeyword("all")) {
                address = new HbaAddress.Any();
            } else if (addr.isKeyword("samehost")) {
                address = new HbaAddress.SameHost();
            } else if (addr.isKeyword("samenet")) {
                address = new HbaAddress.SameNet();
            } else {
                int slash = a.indexOf('/');
                String host = slash >= 0 ? a.substring(0, slash) : a;
                InetAddress ip = numericAddress(host);
                if (ip == null) {
                    if (slash >= 0) {
                        throw atLine("invalid IP address \"" + host + "\": Name or service not known", lineNumber, path);
                    }
                    address = new HbaAddress.HostName(host);
                } else if (slash >= 0) {
                    int bits;
                    try {
                        bits = Integer.parseInt(a.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        bits = -1;
                    }
                    int max = ip.getAddress().length * 8;
                    if (bits < 0 || bits > max) {
                        throw atLine("invalid CIDR mask in address \"" + a + "\"", lineNumber, path);
                    }
                    address = masked(ip, HbaAddress.Masked.maskOfLength(ip.getAddress().length, bits));
                } else {
                    // An address without a length takes the mask from the next field.
                    if (f >= fields.size()) {
                        throw atLine("end-of-line before netmask specification", lineNumber, path);
                    }
                    HbaToken maskToken = single(fields.get(f++), "netmask", lineNumber, path);
                    InetAddress mask = numericAddress(maskToken.text());
                    if (mask == null) {
                        throw atLine("invalid IP mask \"" + maskToken.text() + "\": Name or service not known",
                                lineNumber, path);
                    }
                    if (mask.getAddress().length != ip.getAddress().length) {
                        throw atLine("IP address and mask do not match", lineNumber, path);
                    }
                    address = masked(ip, mask.getAddress());
                }
            }
        }
        if (f >= fields.size()) {
            throw atLine("end-of-line before authentication method", lineNumber, path);
        }
        HbaToken methodToken = single(fields.get(f++), "authentication method", lineNumber, path);
        AuthMethod method = AuthMethod.byKeyword(methodToken.text());
        if (method == null) {
            throw atLine("invalid authentication method \"" + methodToken.text() + "\"", lineNumber, path);
        }
        if (type == ConnectionType.LOCAL && method == AuthMethod.IDENT) {
            method = AuthMethod.PEER; // PostgreSQL treats ident on local as peer
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (; f < fields.size(); f++) {
            for (HbaToken t : fields.get(f)) {
                int eq = t.text().indexOf('=');
                if (eq <= 0) {
                    throw atLine("authentication option not in name=value format: " + t.text(), lineNumber, path);
                }
                options.put(t.text().substring(0, eq), t.text().substring(eq + 1));
            }
        }
        return new HbaLine(lineNumber, type, List.copyOf(databases), List.copyOf(users), address, method,
                Map.copyOf(options));
    }

    private static HbaAddress masked(InetAddress ip, byte[] mask) {
        byte[] a = ip.getAddress();
        for (int i = 0; i < a.length; i++) {
            a[i] &= mask[i];
        }
        return new HbaAddress.Masked(a, mask);
    }

    private static HbaToken single(List<HbaToken> field, String what, int lineNumber, Path path) {
        if (field.size() != 1) {
            throw atLine("multiple values specified for " + what, lineNumber, path);
        }
        return field.get(0);
    }

    /** An IP literal, or null if {@code s} is not one (never a DNS lookup). */
    static InetAddress numericAddress(String s) {
        if (!IPV4.matcher(s).matches() && s.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static PgException atLine(String message, int lineNumber, Path path) {
        return new PgException("ERROR", SqlState.CONFIG_FILE_ERROR, message, null, null, 0,
                "line " + lineNumber + " of configuration file \"" + path + "\"", null);
    }

    /**
     * The first rule matching a connection, or null when none does. A TCP connection (never
     * encrypted: pgmini has no TLS or GSS encryption yet) matches host, hostnossl and hostnogssenc
     * lines; a Unix-domain socket connection matches local lines.
     */
    public HbaLine match(ClientOrigin origin, String user, String database) {
        for (HbaLine line : lines) {
            if (origin.isLocal() ? line.type() != ConnectionType.LOCAL : !line.type().matchesPlainTcp()) {
                continue;
            }
            if (!matchesDatabase(line.databases(), database, user)) {
                continue;
            }
            if (!matchesUser(line.users(), user)) {
                continue;
            }
            if (!origin.isLocal() && !line.address().matches(origin.address())) {
                continue;
            }
            return line;
        }
        return null;
    }

    /** {@link #match(ClientOrigin, String, String)} for a TCP client. */
    public HbaLine match(InetAddress client, String user, String database) {
        return match(ClientOrigin.tcp(client), user, database);
    }

    private static boolean matchesDatabase(List<HbaToken> tokens, String database, String user) {
        for (HbaToken t : tokens) {
            if (t.isKeyword("all")) {
                return true;
            }
            // Without a role catalog every role is a member only of itself, so samerole and
            // samegroup reduce to sameuser.
            if (t.isKeyword("sameuser") || t.isKeyword("samerole") || t.isKeyword("samegroup")) {
                if (database.equals(user)) {
                    return true;
                }
                continue;
            }
            if (t.isKeyword("replication")) {
                continue; // only physical replication connections, which pgmini does not accept
            }
            if (t.text().equals(database)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesUser(List<HbaToken> tokens, String user) {
        for (HbaToken t : tokens) {
            if (t.isKeyword("all")) {
                return true;
            }
            if (!t.quoted() && t.text().startsWith("+")) {
                // Group membership: with no role catalog, a role belongs only to itself.
                if (t.text().substring(1).equals(user)) {
                    return true;
                }
                continue;
            }
            if (t.text().equals(user)) {
                return true;
            }
        }
        return false;
    }
}
