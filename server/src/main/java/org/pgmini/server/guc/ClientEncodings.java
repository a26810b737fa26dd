package org.pgmini.server.guc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's encoding names and their aliases (matched ignoring case and punctuation, so
 * "utf-8" and "Unicode" mean UTF8), and which of them pgmini can talk to a client in.
 */
public final class ClientEncodings {
    private ClientEncodings() {}

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        String[] canonical = {"SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW", "EUC_JIS_2004", "UTF8",
            "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8",
            "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251", "WIN1252",
            "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254", "WIN1255",
            "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004"};
        for (String c : canonical) {
            ALIASES.put(clean(c), c);
        }
        String[][] aliases = {{"unicode", "UTF8"}, {"abc", "WIN1258"}, {"alt", "WIN866"},
            {"iso88591", "LATIN1"}, {"iso88592", "LATIN2"}, {"iso88593", "LATIN3"}, {"iso88594", "LATIN4"},
            {"iso88599", "LATIN5"}, {"iso885910", "LATIN6"}, {"iso885913", "LATIN7"}, {"iso885914", "LATIN8"},
            {"iso885915", "LATIN9"}, {"iso885916", "LATIN10"}, {"iso88595", "ISO_8859_5"},
            {"iso88596", "ISO_8859_6"}, {"iso88597", "ISO_8859_7"}, {"iso88598", "ISO_8859_8"},
            {"koi8", "KOI8R"}, {"mskanji", "SJIS"}, {"shiftjis", "SJIS"}, {"tcvn", "WIN1258"},
            {"tcvn5712", "WIN1258"}, {"vscii", "WIN1258"}, {"win", "WIN1251"}, {"win932", "SJIS"},
            {"win936", "GBK"}, {"win949", "UHC"}, {"win950", "BIG5"}, {"windows932", "SJIS"},
            {"windows936", "GBK"}, {"windows949", "UHC"}, {"windows950", "BIG5"}};
        for (String[] a : aliases) {
            ALIASES.put(a[0], a[1]);
        }
        for (String w : new String[] {"1250", "1251", "1252", "1253", "1254", "1255", "1256", "1257", "1258", "866", "874"}) {
            ALIASES.put("windows" + w, "WIN" + w);
        }
    }

    private static String clean(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** The canonical name of an encoding, or null if PostgreSQL knows no such encoding. */
    public static String canonicalName(String name) {
        return ALIASES.get(clean(name.toLowerCase(Locale.ROOT)));
    }

    /** Encodings the protocol layer converts to: UTF8, and SQL_ASCII (bytes passed through). */
    public static boolean isSupported(String canonical) {
        return "UTF8".equals(canonical) || "SQL_ASCII".equals(canonical);
    }
}
