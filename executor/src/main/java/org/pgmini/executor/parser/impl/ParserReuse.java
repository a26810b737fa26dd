package org.pgmini.executor.parser.impl;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.util.SourceStringReader;

/**
 * One generated parser per thread, reused from statement to statement. Constructing a
 * {@link PgSqlParserImpl} allocates an Error with its stack trace (JavaCC's LookaheadSuccess),
 * 202 lookahead records and the character buffers, which under pgbench's simple protocol cost
 * more than parsing the statement itself.
 *
 * <p>Invariant: a parser is given back only after a parse that completed without any exception
 * ({@link #giveBack}); one that failed is dropped, so no half-consumed state (token stream,
 * lexical state, row-value-star depth) can reach the next statement. Before each use
 * {@link #take} resets everything a fresh instance would start with: JavaCC's state (ReInit),
 * the template's `?` counter, row-value-star depth, original text and warnings
 * ({@code pgReadyForReuse} in parserImpls.ftl), then applies the caller's configuration. While a
 * thread uses its parser the slot is empty, so a nested parse on the same thread builds its own.
 */
public final class ParserReuse {
    private static final ThreadLocal<PgSqlParserImpl> IDLE = new ThreadLocal<>();

    private ParserReuse() {
    }

    /** A parser positioned at the start of {@code sql}, configured like a fresh one from the factory. */
    public static PgSqlParserImpl take(String sql, Casing quotedCasing, Casing unquotedCasing, int identifierMaxLength,
                                       SqlConformance conformance) {
        PgSqlParserImpl parser = IDLE.get();
        if (parser == null) {
            parser = (PgSqlParserImpl) PgSqlParserImpl.FACTORY.getParser(new SourceStringReader(sql));
        } else {
            IDLE.set(null);
            try {
                parser.pgReadyForReuse(sql);
            } catch (ParseException e) {
                throw new IllegalStateException("cannot happen: the reset parses nothing", e);
            }
        }
        parser.setTabSize(1);
        parser.setQuotedCasing(quotedCasing);
        parser.setUnquotedCasing(unquotedCasing);
        parser.setIdentifierMaxLength(identifierMaxLength);
        parser.setConformance(conformance);
        parser.switchTo(SqlAbstractParserImpl.LexicalState.DQID);
        return parser;
    }

    /** Keeps a parser whose last parse completed normally for this thread's next statement. */
    public static void giveBack(PgSqlParserImpl parser) {
        IDLE.set(parser);
    }
}
