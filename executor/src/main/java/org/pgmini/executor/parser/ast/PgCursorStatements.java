package org.pgmini.executor.parser.ast;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** DECLARE / FETCH / MOVE / CLOSE of SQL cursors (read by {@code parser.CursorStatementParser}; planned by {@code plan.Cursors}). */
public final class PgCursorStatements {
    private PgCursorStatements() {}

    /** DECLARE name [BINARY] [INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH|WITHOUT} HOLD] FOR query. */
    public static final class Declare extends PgWriteStatement {
        public final String name;
        public final boolean binary;
        /** SCROLL (true), NO SCROLL (false), or neither (null: decided by the plan, as PostgreSQL does). */
        public final Boolean scroll;
        public final boolean hold;
        public final SqlNode query;

        public Declare(SqlParserPos pos, String name, boolean binary, Boolean scroll, boolean hold, SqlNode query) {
            super(pos, "DECLARE CURSOR", SqlKind.OTHER, StatementKind.UTILITY);
            this.name = name;
            this.binary = binary;
            this.scroll = scroll;
            this.hold = hold;
            this.query = query;
        }
    }

    /** Where FETCH and MOVE go (PostgreSQL's FetchDirection). */
    public enum Direction { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }

    /**
     * FETCH or MOVE: {@code direction} and {@code count} as PostgreSQL's grammar reduces them
     * (NEXT = FORWARD 1, PRIOR = BACKWARD 1, FIRST = ABSOLUTE 1, LAST = ABSOLUTE -1, ALL =
     * FORWARD {@link #ALL}, a bare count = FORWARD count).
     */
    public static final class Fetch extends PgWriteStatement {
        /** FETCH ALL's count. */
        public static final long ALL = Long.MAX_VALUE;
        public final boolean move;
        public final Direction direction;
        public final long count;
        public final String name;

        public Fetch(SqlParserPos pos, boolean move, Direction direction, long count, String name) {
            super(pos, move ? "MOVE" : "FETCH", SqlKind.OTHER, StatementKind.UTILITY);
            this.move = move;
            this.direction = direction;
            this.count = count;
            this.name = name;
        }
    }

    /** CLOSE name, or CLOSE ALL ({@code name} null). */
    public static final class Close extends PgWriteStatement {
        public final String name;

        public Close(SqlParserPos pos, String name) {
            super(pos, "CLOSE CURSOR", SqlKind.OTHER, StatementKind.UTILITY);
            this.name = name;
        }
    }
}
