package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** Utility statements of the write path: savepoints, VACUUM, CHECKPOINT, LOCK TABLE. */
public final class PgUtility {
    private PgUtility() {}

    /** SAVEPOINT name, RELEASE [SAVEPOINT] name, ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name. */
    public static final class Savepoint extends PgWriteStatement {
        public enum Action { SAVEPOINT, RELEASE, ROLLBACK_TO }

        public final Action action;
        public final String name;

        public Savepoint(SqlParserPos pos, Action action, String name) {
            super(pos, action == Action.SAVEPOINT ? "SAVEPOINT" : action == Action.RELEASE ? "RELEASE" : "ROLLBACK",
                    SqlKind.OTHER, action == Action.SAVEPOINT ? StatementKind.SAVEPOINT
                            : action == Action.RELEASE ? StatementKind.RELEASE_SAVEPOINT : StatementKind.ROLLBACK_TO_SAVEPOINT);
            this.action = action;
            this.name = name;
        }
    }

    /** VACUUM [FULL] [table, ...]; {@code options} the option words as written (full, analyze, verbose, ...). */
    public static final class Vacuum extends PgWriteStatement {
        public final boolean full;
        public final List<SqlIdentifier> tables;
        public final List<String> options;

        public Vacuum(SqlParserPos pos, boolean full, List<SqlIdentifier> tables) {
            this(pos, full, tables, full ? List.of("full") : List.of());
        }

        public Vacuum(SqlParserPos pos, boolean full, List<SqlIdentifier> tables, List<String> options) {
            super(pos, "VACUUM", SqlKind.OTHER, StatementKind.UTILITY);
            this.full = full;
            this.tables = List.copyOf(tables);
            this.options = List.copyOf(options);
        }
    }

    /** ANALYZE [VERBOSE] [table, ...]. */
    public static final class Analyze extends PgWriteStatement {
        public final List<SqlIdentifier> tables;

        public Analyze(SqlParserPos pos, List<SqlIdentifier> tables) {
            super(pos, "ANALYZE", SqlKind.OTHER, StatementKind.UTILITY);
            this.tables = List.copyOf(tables);
        }
    }

    /** CHECKPOINT. */
    public static final class Checkpoint extends PgWriteStatement {
        public Checkpoint(SqlParserPos pos) {
            super(pos, "CHECKPOINT", SqlKind.OTHER, StatementKind.UTILITY);
        }
    }

    /** LOCK [TABLE] [ONLY] name [, ...] [IN mode MODE] [NOWAIT]; {@code mode} as written, upper case words. */
    public static final class Lock extends PgWriteStatement {
        public final List<SqlIdentifier> tables;
        public final String mode;
        public final boolean nowait;

        public Lock(SqlParserPos pos, List<SqlIdentifier> tables, String mode, boolean nowait) {
            super(pos, "LOCK TABLE", SqlKind.OTHER, StatementKind.UTILITY);
            this.tables = List.copyOf(tables);
            this.mode = mode;
            this.nowait = nowait;
        }
    }
}
