package org.pgmini.executor.parser;

import org.pgmini.executor.parser.impl.PgSqlParserImplConstants;
import org.pgmini.executor.parser.impl.Token;

/**
 * Semantic lookahead of the generated parser (includes/pgWritePath.ftl): PostgreSQL words that
 * Calcite has no token for (IF, RENAME, VACUUM, LOCK, ...) arrive as identifiers and are
 * recognised by their text, so they stay usable as names. A plain static method rather than a
 * JAVACODE production because JavaCC's lookahead routines cannot call methods that throw.
 */
public final class PgWords {
    private PgWords() {}

    /** True when {@code t} is the unquoted word {@code word} (any case). */
    public static boolean is(Token t, String word) {
        return t.kind == PgSqlParserImplConstants.IDENTIFIER && t.image.equalsIgnoreCase(word);
    }
}
