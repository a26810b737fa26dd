package org.pgmini.executor.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWith;
import org.pgmini.executor.parser.ast.PgDml;
import org.pgmini.executor.parser.impl.PgSqlParserImpl;
import org.pgmini.executor.parser.impl.PgSqlParserImplConstants;
import org.pgmini.executor.parser.impl.Token;

/**
 * Semantic lookahead for {@code WITH ... INSERT ...} (parserImpls.ftl, PgWithInsert): scans the
 * WITH list by tokens (parentheses balanced) and answers whether the statement after it is an
 * INSERT, so every other WITH statement keeps Calcite's query rule. A static method because
 * JavaCC's lookahead routines cannot call JAVACODE productions.
 */
public final class PgWithWrite {
    private PgWithWrite() {}

    /** True when tokens 1.. are {@code WITH [RECURSIVE] item, ... INSERT}. */
    public static boolean precedesInsert(PgSqlParserImpl tokens) {
        if (tokens.getToken(1).kind != PgSqlParserImplConstants.WITH) {
            return false;
        }
        int depth = 0;
        boolean closed = false;
        for (int k = 2; k < 1_000_000; k++) {
            Token t = tokens.getToken(k);
            if (t.kind == PgSqlParserImplConstants.EOF || t.kind == PgSqlParserImplConstants.SEMICOLON) {
                return false;
            }
            if (closed) {
                // a parenthesis just closed at the top level: a column list (AS follows), an item's query
                // (a comma or the statement follows)
                closed = false;
                if (t.kind == PgSqlParserImplConstants.INSERT) {
                    return true;
                }
                if (t.kind != PgSqlParserImplConstants.COMMA && t.kind != PgSqlParserImplConstants.AS) {
                    return false;
                }
                continue;
            }
            if (t.kind == PgSqlParserImplConstants.LPAREN) {
                depth++;
            } else if (t.kind == PgSqlParserImplConstants.RPAREN) {
                depth--;
                closed = depth == 0;
            }
        }
        return false;
    }

    /** The INSERT with the WITH list moved onto its source query (DEFAULT VALUES has none: the list is dropped). */
    public static SqlNode attach(SqlNodeList withList, SqlNode statement) {
        PgDml.Insert insert = (PgDml.Insert) statement;
        if (insert.source == null) {
            return insert;
        }
        SqlNode source = new SqlWith(insert.source.getParserPosition(), withList, insert.source);
        return new PgDml.Insert(insert.getParserPosition(), insert.table, insert.alias, insert.columns, source, insert.returning);
    }
}
