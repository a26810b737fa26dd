package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** INSERT, UPDATE and DELETE with PostgreSQL's clauses (RETURNING, DEFAULT VALUES, FROM, USING). */
public final class PgDml {
    private PgDml() {}

    /**
     * INSERT INTO table [AS alias] [(columns)] {DEFAULT VALUES | query} [RETURNING items].
     * {@code source} is null for DEFAULT VALUES; VALUES rows may hold DEFAULT calls.
     */
    public static final class Insert extends PgWriteStatement {
        public final SqlIdentifier table;
        public final SqlIdentifier alias;
        public final SqlNodeList columns;
        public final SqlNode source;
        public final SqlNodeList returning;

        public Insert(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, SqlNodeList columns, SqlNode source,
                      SqlNodeList returning) {
            super(pos, "INSERT", SqlKind.INSERT, StatementKind.DML);
            this.table = table;
            this.alias = alias;
            this.columns = columns;
            this.source = source;
            this.returning = returning;
        }
    }

    /** UPDATE table [[AS] alias] SET col = expr|DEFAULT, ... [FROM items] [WHERE cond] [RETURNING items]. */
    public static final class Update extends PgWriteStatement {
        public final SqlIdentifier table;
        public final SqlIdentifier alias;
        public final List<SqlIdentifier> targets;
        public final List<SqlNode> values;
        public final SqlNode from;
        public final SqlNode where;
        public final SqlNodeList returning;

        public Update(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, List<SqlIdentifier> targets,
                      List<SqlNode> values, SqlNode from, SqlNode where, SqlNodeList returning) {
            super(pos, "UPDATE", SqlKind.UPDATE, StatementKind.DML);
            this.table = table;
            this.alias = alias;
            this.targets = List.copyOf(targets);
            this.values = List.copyOf(values);
            this.from = from;
            this.where = where;
            this.returning = returning;
        }
    }

    /** DELETE FROM table [[AS] alias] [USING items] [WHERE cond] [RETURNING items]. */
    public static final class Delete extends PgWriteStatement {
        public final SqlIdentifier table;
        public final SqlIdentifier alias;
        public final SqlNode using;
        public final SqlNode where;
        public final SqlNodeList returning;

        public Delete(SqlParserPos pos, SqlIdentifier table, SqlIdentifier alias, SqlNode using, SqlNode where,
                      SqlNodeList returning) {
            super(pos, "DELETE", SqlKind.DELETE, StatementKind.DML);
            this.table = table;
            this.alias = alias;
            this.using = using;
            this.where = where;
            this.returning = returning;
        }
    }

    /** query FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF ...] [NOWAIT | SKIP LOCKED]. */
    public static final class LockingSelect extends PgWriteStatement {
        public final SqlNode query;
        public final String strength;
        public final List<SqlIdentifier> of;
        public final boolean nowait;
        public final boolean skipLocked;

        public LockingSelect(SqlParserPos pos, SqlNode query, String strength, List<SqlIdentifier> of, boolean nowait,
                             boolean skipLocked) {
            super(pos, "SELECT FOR " + strength, SqlKind.SELECT, StatementKind.QUERY);
            this.query = query;
            this.strength = strength;
            this.of = List.copyOf(of);
            this.nowait = nowait;
            this.skipLocked = skipLocked;
        }
    }
}
