package org.pgmini.executor.expr;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The date/time pieces of SQL syntax that Calcite's grammar produces in its own shapes:
 * {@code DATE '...'}, {@code TIMESTAMP '...'} and friends (Calcite's SqlUnknownLiteral with a
 * type tag) become casts of an untyped literal, and {@code EXTRACT(field FROM x)} becomes
 * PostgreSQL's {@code extract(text, x)} function.
 */
final class DateTimeSyntax {
    private DateTimeSyntax() {}

    /** {@code DATE 'text'} etc.: the literal read as that type, like PostgreSQL's typed constants. */
    static Typed typedLiteral(SqlUnknownLiteral lit, int position) {
        PgType type = switch (lit.tag) {
            case "DATE" -> PgTypes.DATE;
            case "TIME" -> PgTypes.TIME;
            case "TIMESTAMP" -> PgTypes.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> PgTypes.TIMESTAMPTZ;
            default -> null;
        };
        if (type == null) {
            String name = lit.tag.toLowerCase(Locale.ROOT);
            if (name.startsWith("time with")) {
                throw PgException.atPosition(SqlState.FEATURE_NOT_SUPPORTED, "type time with time zone is not supported", position);
            }
            throw PgException.atPosition(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist", position);
        }
        return Casts.coerce(Typed.unknownLiteral(lit.getValue(), position), type, -1, Casts.Context.EXPLICIT);
    }

    /** EXTRACT(field FROM source): extract('field', source). */
    static Typed extract(ExpressionAnalyzer analyzer, List<SqlNode> ops, SqlCall call) {
        SqlNode unitNode = ops.get(0);
        String unit;
        if (unitNode instanceof SqlIntervalQualifier q) {
            unit = q.timeFrameName != null ? q.timeFrameName : q.timeUnitRange.startUnit.name();
        } else {
            unit = unitNode.toString();
        }
        Typed field = Typed.constant(PgTypes.TEXT, -1, unit.toLowerCase(Locale.ROOT));
        return Resolver.call("extract", List.of(field, analyzer.analyze(ops.get(1))), false, analyzer.pos(call));
    }
}
