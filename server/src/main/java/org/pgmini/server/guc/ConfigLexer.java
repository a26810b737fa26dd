package org.pgmini.server.guc;

/**
 * Tokens of postgresql.conf, with the patterns of PostgreSQL's guc-file.l and flex's rule:
 * the longest match wins, ties go to the earlier pattern (ID, QUALIFIED_ID, STRING,
 * UNQUOTED_STRING, INTEGER, REAL, EQUALS), anything else is a one-character UNRECOGNIZED token.
 */
final class ConfigLexer {
    enum Type { EOF, EOL, ID, QUALIFIED_ID, STRING, UNQUOTED_STRING, INTEGER, REAL, EQUALS, UNRECOGNIZED }

    record Token(Type type, String text) {}

    private final String s;
    private int pos;
    /** 1-based number of the line the next token is on (incremented after each newline). */
    private int line = 1;

    ConfigLexer(String s) {
        this.s = s;
    }

    int line() {
        return line;
    }

    Token next() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= s.length()) {
            return new Token(Type.EOF, "");
        }
        if (s.charAt(pos) == '\n') {
            pos++;
            line++;
            return new Token(Type.EOL, "\n");
        }
        int[] lengths = {
            id(pos), qualifiedId(pos), string(pos), unquoted(pos), integer(pos), real(pos),
            s.charAt(pos) == '=' ? 1 : 0};
        Type[] types = {Type.ID, Type.QUALIFIED_ID, Type.STRING, Type.UNQUOTED_STRING, Type.INTEGER, Type.REAL, Type.EQUALS};
        int best = -1;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] > 0 && (best < 0 || lengths[i] > lengths[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return new Token(Type.UNRECOGNIZED, s.substring(pos, ++pos));
        }
        String text = s.substring(pos, pos + lengths[best]);
        pos += lengths[best];
        return new Token(types[best], text);
    }

    private static boolean letter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    private static boolean letterOrDigit(char c) {
        return letter(c) || (c >= '0' && c <= '9');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private int id(int p) {
        if (p >= s.length() || !letter(s.charAt(p))) {
            return 0;
        }
        int i = p + 1;
        while (i < s.length() && letterOrDigit(s.charAt(i))) {
            i++;
        }
        return i - p;
    }

    private int qualifiedId(int p) {
        int a = id(p);
        if (a == 0 || p + a >= s.length() || s.charAt(p + a) != '.') {
            return 0;
        }
        int b = id(p + a + 1);
        return b == 0 ? 0 : a + 1 + b;
    }

    private int string(int p) {
        if (s.charAt(p) != '\'') {
            return 0;
        }
        int i = p + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                return 0;
            }
            if (c == '\\') {
                if (i + 1 >= s.length() || s.charAt(i + 1) == '\n') {
                    return 0;
                }
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1 - p;
                }
            } else {
                i++;
            }
        }
        return 0;
    }

    private int unquoted(int p) {
        if (!letter(s.charAt(p))) {
            return 0;
        }
        int i = p + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (letterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '/') {
                i++;
            } else {
                break;
            }
        }
        return i - p;
    }

    private int integer(int p) {
        int i = p;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        int best = 0;
        // Decimal digits followed by unit letters.
        int j = i;
        while (j < s.length() && digit(s.charAt(j))) {
            j++;
        }
        if (j > digitsStart) {
            while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            best = j - p;
        }
        // 0x followed by hex digits, then unit letters.
        if (i + 2 < s.length() && s.charAt(i) == '0' && s.charAt(i + 1) == 'x'
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            int k = i + 2;
            while (k < s.length() && Character.digit(s.charAt(k), 16) >= 0 && s.charAt(k) < 128) {
                k++;
            }
            while (k < s.length() && Character.isLetter(s.charAt(k)) && s.charAt(k) < 128) {
                k++;
            }
            best = Math.max(best, k - p);
        }
        return best;
    }

    private int real(int p) {
        int i = p;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        while (i < s.length() && digit(s.charAt(i))) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != '.') {
            return 0;
        }
        i++;
        while (i < s.length() && digit(s.charAt(i))) {
            i++;
        }
        i = CNumbers.skipExponent(s, i);
        return i - p;
    }
}
