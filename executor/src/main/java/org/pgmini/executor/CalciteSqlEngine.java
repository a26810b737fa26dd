package org.pgmini.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.ParsedStatement;
import org.pgmini.executor.api.PreparedQuery;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.api.SqlEngine;
import org.pgmini.executor.api.StatementKind;
import org.pgmini.executor.parser.PgParser;
import org.pgmini.executor.parser.PgStatement;
import org.pgmini.executor.parser.ast.PgSetStatement;
import org.pgmini.executor.parser.ast.PgShowStatement;
import org.pgmini.executor.parser.ast.PgTransactionStatement;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.plan.Planner;

/**
 * The SQL engine: Calcite's parser (generated with our PostgreSQL grammar extensions) and our
 * own PostgreSQL-rule analysis and evaluation. Thread-safe: it holds only caches of immutable
 * parse results and plans, keyed by query text (plus declared parameter types for plans).
 * Nothing in a plan depends on session settings yet (no tables, no search_path lookups);
 * when name lookup arrives, the plan key must grow to include what it depends on.
 */
public final class CalciteSqlEngine implements SqlEngine {
    /** Bounded caches: cleared wholesale when full (cheap, and the hot set refills at once). */
    private static final int MAX_CACHED = 4096;

    private final Map<String, List<ParsedStatement>> parseCache = new ConcurrentHashMap<>();
    private final Map<PlanKey, PreparedQuery> planCache = new ConcurrentHashMap<>();

    /** searchPath: the session's search_path when planning (names in FROM resolve through it). */
    private record PlanKey(String sql, int offset, String whole, List<Integer> paramOids, String searchPath) {}

    public CalciteSqlEngine() {
        warmUp();
    }

    /** Loads and JIT-primes the parser and analyzer so that the first client query is not slow. */
    private void warmUp() {
        for (int i = 0; i < 200; i++) {
            for (ParsedStatement p : parseUncached("SELECT 1, 'a' || 'b', 1.5::float8 * 2, CASE WHEN true THEN $1 END; SHOW x; SET x = 1")) {
                if (((PgStatement) p).node() instanceof org.apache.calcite.sql.SqlSelect) {
                    planUncached((PgStatement) p, new int[] {23}, null);
                }
            }
        }
    }

    @Override
    public List<ParsedStatement> parse(String sql) {
        List<ParsedStatement> cached = parseCache.get(sql);
        if (cached != null) {
            return cached;
        }
        List<ParsedStatement> parsed;
        try {
            parsed = parseUncached(sql);
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw internalError(e);
        }
        if (parseCache.size() >= MAX_CACHED) {
            parseCache.clear();
        }
        parseCache.put(sql, parsed);
        return parsed;
    }

    private static List<ParsedStatement> parseUncached(String sql) {
        List<ParsedStatement> out = new ArrayList<>();
        for (PgParser.RawStatement r : PgParser.parse(sql)) {
            out.add(new PgStatement(r, sql, kindOf(r.node())));
        }
        if (out.isEmpty()) {
            out.add(PgStatement.empty(sql));
        }
        return List.copyOf(out);
    }

    static StatementKind kindOf(SqlNode node) {
        if (node instanceof org.pgmini.executor.parser.ast.PgWriteStatement) {
            return ((org.pgmini.executor.parser.ast.PgWriteStatement) node).statementKind();
        }
        if (node instanceof PgTransactionStatement) {
            switch (((PgTransactionStatement) node).action()) {
                case BEGIN: return StatementKind.BEGIN;
                case COMMIT: return StatementKind.COMMIT;
                default: return StatementKind.ROLLBACK;
            }
        }
        if (node instanceof PgSetStatement || node instanceof PgShowStatement) {
            return StatementKind.UTILITY;
        }
        if (node instanceof org.pgmini.executor.parser.ast.PgExplainStatement) {
            return StatementKind.QUERY;
        }
        switch (node.getKind()) {
            case INSERT: case UPDATE: case DELETE: case MERGE:
                return StatementKind.DML;
            default:
                break;
        }
        if (node.getKind().belongsTo(org.apache.calcite.sql.SqlKind.DDL)) {
            return StatementKind.DDL;
        }
        return StatementKind.QUERY;
    }

    @Override
    public PreparedQuery prepare(ParsedStatement statement, int[] paramTypeOids, SessionContext session) {
        PgStatement st = (PgStatement) statement;
        if (st.kind() == StatementKind.EMPTY) {
            throw new IllegalArgumentException("an empty statement has nothing to prepare");
        }
        int[] oids = paramTypeOids == null ? new int[0] : paramTypeOids;
        PlanKey key = new PlanKey(st.sql(), st.raw().offset(), st.whole(),
                Arrays.stream(oids).boxed().toList(), org.pgmini.executor.query.PlanValidity.searchPath(session));
        PreparedQuery cached = planCache.get(key);
        if (cached != null && org.pgmini.executor.query.PlanValidity.stillValid(cached, session)) {
            return cached;
        }
        PreparedQuery plan;
        try {
            plan = planUncached(st, oids, session);
            org.pgmini.executor.query.PlanValidity.enableReplanning(plan, s -> planUncached(st, oids, s));
        } catch (PgException e) {
            throw e;
        } catch (RuntimeException e) {
            throw internalError(e);
        }
        if (!org.pgmini.executor.query.PlanValidity.cacheable(plan, session)) {
            planCache.remove(key);
            return plan;
        }
        if (planCache.size() >= MAX_CACHED) {
            planCache.clear();
        }
        planCache.put(key, plan);
        return plan;
    }

    /** A bug of ours must not look like a client error, nor escape as a raw exception. */
    private static PgException internalError(RuntimeException e) {
        return new PgException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }

    private static PreparedQuery planUncached(PgStatement st, int[] oids, SessionContext session) {
        Planner planner = new Planner(new ExpressionAnalyzer.PositionMapper() {
            @Override
            public int position(org.apache.calcite.sql.parser.SqlParserPos pos) {
                return st.position(pos);
            }

            @Override
            public int endPosition(org.apache.calcite.sql.parser.SqlParserPos pos) {
                return st.endPosition(pos);
            }

            @Override
            public String source() {
                return st.whole();
            }
        }, oids, session);
        return planner.plan(st.node());
    }
}
