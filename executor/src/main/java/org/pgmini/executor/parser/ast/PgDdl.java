package org.pgmini.executor.parser.ast;

import java.util.List;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.pgmini.executor.api.StatementKind;

/** DDL statements: CREATE/DROP/ALTER TABLE, TRUNCATE, CREATE/DROP SCHEMA, CREATE/DROP SEQUENCE. */
public final class PgDdl {
    private PgDdl() {}

    /**
     * A column or table constraint as written. {@code expr} is the DEFAULT or CHECK expression,
     * {@code exprSpan} the exact span of its source text (the catalog keeps that text);
     * {@code columns} the column list of a table-level PRIMARY KEY / UNIQUE.
     */
    public record Constraint(SqlParserPos pos, String name, Type type, SqlNode expr, SqlParserPos exprSpan,
                             List<String> columns) {
        public enum Type { NOT_NULL, NULL, DEFAULT, CHECK, PRIMARY_KEY, UNIQUE, REFERENCES }
    }

    /** A column definition: name, type as written, its constraints in order. */
    public record ColumnDef(SqlIdentifier name, SqlDataTypeSpec type, List<Constraint> constraints) {}

    /**
     * A storage parameter as written in WITH (...) / SET (...) / RESET (...): {@code namespace}
     * (e.g. toast) or null, the name, the value as PostgreSQL's def_arg text (null when none).
     */
    public record RelOption(SqlParserPos pos, String namespace, String name, String value) {}

    /** CREATE TABLE [IF NOT EXISTS] name (column | table constraint, ...) [WITH (storage parameters)]. */
    public static final class CreateTable extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifNotExists;
        public final List<ColumnDef> columns;
        public final List<Constraint> constraints;
        /** WITH (...) storage parameters, in order. */
        public final List<RelOption> options;

        public CreateTable(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists, List<ColumnDef> columns,
                           List<Constraint> constraints) {
            this(pos, name, ifNotExists, columns, constraints, List.of());
        }

        public CreateTable(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists, List<ColumnDef> columns,
                           List<Constraint> constraints, List<RelOption> options) {
            super(pos, "CREATE TABLE", SqlKind.CREATE_TABLE, StatementKind.DDL);
            this.name = name;
            this.ifNotExists = ifNotExists;
            this.columns = List.copyOf(columns);
            this.constraints = List.copyOf(constraints);
            this.options = List.copyOf(options);
        }
    }

    /** CREATE TABLE [IF NOT EXISTS] name [(column names)] AS query [WITH [NO] DATA]. */
    public static final class CreateTableAs extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifNotExists;
        /** Column names given before AS, or null. */
        public final List<String> columnNames;
        public final SqlNode query;
        public final boolean withData;
        /** WITH (...) storage parameters, in order. */
        public final List<RelOption> options;

        public CreateTableAs(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists, List<String> columnNames,
                             SqlNode query, boolean withData) {
            this(pos, name, ifNotExists, columnNames, query, withData, List.of());
        }

        public CreateTableAs(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists, List<String> columnNames,
                             SqlNode query, boolean withData, List<RelOption> options) {
            super(pos, "CREATE TABLE AS", SqlKind.CREATE_TABLE, StatementKind.DDL);
            this.options = List.copyOf(options);
            this.name = name;
            this.ifNotExists = ifNotExists;
            this.columnNames = columnNames == null ? null : List.copyOf(columnNames);
            this.query = query;
            this.withData = withData;
        }
    }

    /** What a DROP statement drops. */
    public enum ObjectType {
        TABLE("table"), SEQUENCE("sequence"), SCHEMA("schema"), VIEW("view"), INDEX("index");

        public final String word;

        ObjectType(String word) {
            this.word = word;
        }
    }

    /** DROP {TABLE | SEQUENCE | SCHEMA} [IF EXISTS] name [, ...] [CASCADE | RESTRICT]. */
    public static final class Drop extends PgWriteStatement {
        public final ObjectType type;
        public final List<SqlIdentifier> names;
        public final boolean ifExists;
        public final boolean cascade;
        /** DROP INDEX CONCURRENTLY. */
        public final boolean concurrently;

        public Drop(SqlParserPos pos, ObjectType type, List<SqlIdentifier> names, boolean ifExists, boolean cascade) {
            this(pos, type, names, ifExists, cascade, false);
        }

        public Drop(SqlParserPos pos, ObjectType type, List<SqlIdentifier> names, boolean ifExists, boolean cascade,
                    boolean concurrently) {
            super(pos, "DROP " + type.name(), type == ObjectType.TABLE ? SqlKind.DROP_TABLE
                    : type == ObjectType.SEQUENCE ? SqlKind.DROP_SEQUENCE
                    : type == ObjectType.INDEX ? SqlKind.DROP_INDEX : SqlKind.DROP_SCHEMA, StatementKind.DDL);
            this.type = type;
            this.names = List.copyOf(names);
            this.ifExists = ifExists;
            this.cascade = cascade;
            this.concurrently = concurrently;
        }
    }

    /** One action of ALTER TABLE. */
    public record AlterAction(SqlParserPos pos, Kind kind, ColumnDef column, String name, String newName,
                              boolean ifExistsOrNot, List<RelOption> options) {
        public enum Kind { ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE, SET_OPTIONS, RESET_OPTIONS, DROP_CONSTRAINT }

        public AlterAction(SqlParserPos pos, Kind kind, ColumnDef column, String name, String newName, boolean ifExistsOrNot) {
            this(pos, kind, column, name, newName, ifExistsOrNot, List.of());
        }
    }

    /** ALTER TABLE [IF EXISTS] name action [, ...]. */
    public static final class AlterTable extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifExists;
        public final List<AlterAction> actions;

        public AlterTable(SqlParserPos pos, SqlIdentifier name, boolean ifExists, List<AlterAction> actions) {
            super(pos, "ALTER TABLE", SqlKind.ALTER_TABLE, StatementKind.DDL);
            this.name = name;
            this.ifExists = ifExists;
            this.actions = List.copyOf(actions);
        }
    }

    /** ALTER TABLE [IF EXISTS] name ADD table_constraint (one action; PRIMARY KEY and UNIQUE are supported). */
    public static final class AlterTableAddConstraint extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifExists;
        public final Constraint constraint;

        public AlterTableAddConstraint(SqlParserPos pos, SqlIdentifier name, boolean ifExists, Constraint constraint) {
            super(pos, "ALTER TABLE", SqlKind.ALTER_TABLE, StatementKind.DDL);
            this.name = name;
            this.ifExists = ifExists;
            this.constraint = constraint;
        }
    }

    /** TRUNCATE [TABLE] name [, ...]. */
    public static final class Truncate extends PgWriteStatement {
        public final List<SqlIdentifier> names;

        public Truncate(SqlParserPos pos, List<SqlIdentifier> names) {
            super(pos, "TRUNCATE TABLE", SqlKind.OTHER_DDL, StatementKind.DDL);
            this.names = List.copyOf(names);
        }
    }

    /** CREATE SCHEMA [IF NOT EXISTS] name. */
    public static final class CreateSchema extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifNotExists;

        public CreateSchema(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists) {
            super(pos, "CREATE SCHEMA", SqlKind.CREATE_SCHEMA, StatementKind.DDL);
            this.name = name;
            this.ifNotExists = ifNotExists;
        }
    }

    /** One option of CREATE SEQUENCE: its name (increment, minvalue, ...) and value (null for NO ... / plain CYCLE). */
    public record SequenceOption(SqlParserPos pos, String option, Long value) {}

    /** CREATE SEQUENCE [IF NOT EXISTS] name [options]. */
    public static final class CreateSequence extends PgWriteStatement {
        public final SqlIdentifier name;
        public final boolean ifNotExists;
        public final List<SequenceOption> options;

        public CreateSequence(SqlParserPos pos, SqlIdentifier name, boolean ifNotExists, List<SequenceOption> options) {
            super(pos, "CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE, StatementKind.DDL);
            this.name = name;
            this.ifNotExists = ifNotExists;
            this.options = List.copyOf(options);
        }
    }
}
