package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.parser.PgParser;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.RelationDescriptor;

/**
 * pg_get_viewdef: a view's query as PostgreSQL's ruleutils prints it, from the SQL text the
 * catalog keeps (pg_rewrite.ev_action). Layout as PostgreSQL's (pretty-indent is always on):
 * {@code " SELECT a,\n    b\n   FROM t\n  WHERE ..."}, one target per line, column references
 * qualified by their FROM item, tables named as regclass shows them, {@code *} expanded,
 * {@code AS name} where the view column's name differs from the column's, joins on their own
 * lines ({@code "     JOIN u ON ..."}). Pretty mode (psql's) drops the parentheses PostgreSQL's
 * pretty mode drops.
 *
 * <p>Handled: SELECT [DISTINCT] over tables and views (aliases, comma lists, [LEFT|RIGHT|FULL|CROSS]
 * JOIN ... ON), WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, with the expressions
 * {@link RuleUtils} deparses (CASE included) plus count/sum/avg/min/max. Anything else (set operations, WITH,
 * subqueries, JOIN USING/NATURAL, DISTINCT ON, window functions ...) raises 0A000 rather
 * than print a text PostgreSQL would not print.
 */
final class ViewDefinition {
    private final SessionContext session;
    private final boolean pretty;
    private final List<Integer> relationOids;
    private final List<FromItem> items = new ArrayList<>();

    /** One relation of the FROM clause: the name column references use, and its columns. */
    private record FromItem(String refname, RelationDescriptor rel) {}

    private ViewDefinition(SessionContext session, boolean pretty, List<Integer> relationOids) {
        this.session = session;
        this.pretty = pretty;
        this.relationOids = relationOids;
    }

    /** pg_get_viewdef(oid[, pretty]): null when {@code oid} is not a view (as PostgreSQL). */
    static String of(SessionContext s, int viewOid, boolean pretty) {
        CatalogAccess.RelationName name = CatalogAccess.relation(s, viewOid);
        if (name == null || name.relkind() != 'v') {
            return null;
        }
        var db = s.database();
        RelationDescriptor view = db.catalog().relation(db.transaction(), viewOid);
        var rule = db.catalog().viewRule(db.transaction(), viewOid);
        if (view == null || rule == null) {
            return null;
        }
        List<Integer> oids = new ArrayList<>();
        if (rule.relations() != null && !rule.relations().isEmpty()) {
            for (String o : rule.relations().split(",")) {
                oids.add((int) Long.parseLong(o.trim()));
            }
        }
        SqlNode query = PgParser.parse(rule.query()).get(0).node();
        return RuleUtils.trimBeforeNewlines(new ViewDefinition(s, pretty, oids).query(query, view) + ";");
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "pg_get_viewdef of a view with " + what + " is not supported");
    }

    private String query(SqlNode node, RelationDescriptor view) {
        SqlNodeList order = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (node instanceof SqlOrderBy ob) {
            order = ob.orderList;
            offset = ob.offset;
            fetch = ob.fetch;
            node = ob.query;
        }
        if (!(node instanceof SqlSelect sel)) {
            throw unsupported(node.getKind() == SqlKind.WITH ? "WITH" : "a " + node.getKind().sql.toLowerCase() + " query");
        }
        if (sel.getOrderList() != null && sel.getOrderList().size() > 0) {
            order = sel.getOrderList();
        }
        offset = sel.getOffset() != null ? sel.getOffset() : offset;
        fetch = sel.getFetch() != null ? sel.getFetch() : fetch;
        if (sel.getWindowList() != null && sel.getWindowList().size() > 0) {
            throw unsupported("a WINDOW clause");
        }
        StringBuilder sb = new StringBuilder(" SELECT");
        if (sel.isDistinct()) {
            sb.append(" DISTINCT");
        }
        String from = null;
        if (sel.getFrom() != null) {
            from = fromItem(sel.getFrom(), true);
        }
        List<SqlNode> targetExprs = new ArrayList<>();
        List<String> targets = targets(sel.getSelectList(), view, targetExprs);
        for (int i = 0; i < targets.size(); i++) {
            // a target that starts a line of its own (a CASE) is not wrapped again, as in ruleutils
            sb.append(i == 0 ? " " : targets.get(i).startsWith("\n") ? "," : ",\n    ").append(targets.get(i));
        }
        if (from != null) {
            sb.append("\n   FROM ").append(from);
        }
        if (sel.getWhere() != null) {
            sb.append("\n  WHERE ").append(expr(sel.getWhere()));
        }
        if (sel.getGroup() != null && sel.getGroup().size() > 0) {
            List<String> keys = new ArrayList<>();
            for (SqlNode g : sel.getGroup()) {
                keys.add(sortGroupKey(outputReference(g, sel, targetExprs)));
            }
            sb.append("\n  GROUP BY ").append(String.join(", ", keys));
        }
        if (sel.getHaving() != null) {
            sb.append("\n HAVING ").append(expr(sel.getHaving()));
        }
        if (order != null && order.size() > 0) {
            List<String> keys = new ArrayList<>();
            for (SqlNode o : order) {
                keys.add(orderKey(o, sel, targetExprs));
            }
            sb.append("\n  ORDER BY ").append(String.join(", ", keys));
        }
        if (offset != null) {
            sb.append("\n OFFSET ").append(expr(offset));
        }
        if (fetch != null) {
            sb.append("\n LIMIT ").append(expr(fetch));
        }
        return sb.toString();
    }

    /** The select list, one text per output column, {@code *} expanded; the expressions go to {@code exprs}. */
    private List<String> targets(SqlNodeList list, RelationDescriptor view, List<SqlNode> exprs) {
        List<String> out = new ArrayList<>();
        List<RelationDescriptor.Column> viewCols = new ArrayList<>();
        for (RelationDescriptor.Column c : view.columns()) {
            if (!c.dropped()) {
                viewCols.add(c);
            }
        }
        for (SqlNode item : list) {
            SqlNode e = item;
            if (item.getKind() == SqlKind.AS) {
                e = ((SqlCall) item).operand(0);
            }
            if (e instanceof SqlIdentifier id && id.isStar()) {
                for (FromItem fi : items) {
                    if (id.names.size() > 1 && !fi.refname.equals(id.names.get(id.names.size() - 2))) {
                        continue;
                    }
                    for (RelationDescriptor.Column c : fi.rel.columns()) {
                        if (!c.dropped()) {
                            SqlIdentifier col = new SqlIdentifier(List.of(fi.refname, c.name()), id.getParserPosition());
                            out.add(target(col, c.name(), viewCols, out.size()));
                            exprs.add(col);
                        }
                    }
                }
                continue;
            }
            out.add(target(e, null, viewCols, out.size()));
            exprs.add(e);
        }
        if (out.size() != viewCols.size()) {
            throw unsupported("columns that no longer match its query");
        }
        return out;
    }

    /** One target: its expression and, where the view column's name is not the column's own, AS name. */
    private String target(SqlNode e, String ownName, List<RelationDescriptor.Column> viewCols, int index) {
        if (index >= viewCols.size()) {
            throw unsupported("columns that no longer match its query");
        }
        RelationDescriptor.Column vc = viewCols.get(index);
        String text = RuleUtils.queryExpression(session, e, this::find, pretty, PgTypes.byOid(vc.typeOid()));
        String own = ownName;
        if (own == null && e instanceof SqlIdentifier id) {
            own = id.names.get(id.names.size() - 1);
        }
        return vc.name().equals(own) ? text : text + " AS " + CatalogAccess.quoteIdent(vc.name());
    }

    /** GROUP BY / ORDER BY may name an output column by number or by its alias: the target's expression. */
    private SqlNode outputReference(SqlNode key, SqlSelect sel, List<SqlNode> targetExprs) {
        if (key instanceof SqlNumericLiteral n && n.isInteger()) {
            int i = n.intValue(true);
            if (i >= 1 && i <= targetExprs.size()) {
                return targetExprs.get(i - 1);
            }
        }
        if (key instanceof SqlIdentifier id && id.isSimple() && find(id) == null) {
            for (SqlNode item : sel.getSelectList()) {
                if (item.getKind() == SqlKind.AS && ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple().equals(id.getSimple())) {
                    return ((SqlCall) item).operand(0);
                }
            }
        }
        return key;
    }

    /** key [DESC] [NULLS FIRST|LAST]: the NULLS placement printed only when it is not the direction's default. */
    private String orderKey(SqlNode o, SqlSelect sel, List<SqlNode> targetExprs) {
        Boolean nullsFirst = null;
        boolean desc = false;
        while (true) {
            if (o.getKind() == SqlKind.NULLS_FIRST || o.getKind() == SqlKind.NULLS_LAST) {
                nullsFirst = o.getKind() == SqlKind.NULLS_FIRST;
                o = ((SqlCall) o).operand(0);
            } else if (o.getKind() == SqlKind.DESCENDING) {
                desc = true;
                o = ((SqlCall) o).operand(0);
            } else {
                break;
            }
        }
        String text = sortGroupKey(outputReference(o, sel, targetExprs));
        if (desc) {
            text += " DESC";
        }
        if (nullsFirst != null && nullsFirst != desc) {
            text += nullsFirst ? " NULLS FIRST" : " NULLS LAST";
        }
        return text;
    }

    /**
     * A GROUP BY / ORDER BY expression as ruleutils' get_rule_sortgroupclause prints it: a column
     * or constant bare; anything else in parentheses in pretty mode, and a function call or
     * aggregate in parentheses in both modes (jdbcmeta: a CASE key is wrapped only in pretty mode).
     */
    private String sortGroupKey(SqlNode n) {
        String text = expr(n);
        if (n instanceof SqlIdentifier || n instanceof org.apache.calcite.sql.SqlLiteral) {
            return text;
        }
        boolean functionLike = n instanceof SqlCall c && c.getOperator() instanceof org.apache.calcite.sql.SqlFunction
                && c.getKind() != SqlKind.COALESCE && c.getKind() != SqlKind.NULLIF
                && !c.getOperator().getName().equalsIgnoreCase("coalesce");
        return pretty || functionLike ? "(" + text + ")" : text;
    }

    private String expr(SqlNode n) {
        return RuleUtils.queryExpression(session, n, this::find, pretty, null);
    }

    // ------------------------------------------------------------------ FROM

    /** A FROM item as ruleutils prints it; {@code top}: an item of the FROM list itself. */
    private String fromItem(SqlNode n, boolean top) {
        if (n instanceof SqlJoin j) {
            if (j.getJoinType() == JoinType.COMMA) {
                if (!top) {
                    throw unsupported("a comma list inside a join");
                }
                return fromItem(j.getLeft(), true) + ",\n    " + fromItem(j.getRight(), true);
            }
            if (j.isNatural() || j.getConditionType() == JoinConditionType.USING) {
                throw unsupported("JOIN ... USING or NATURAL JOIN");
            }
            if (j.getRight() instanceof SqlJoin) {
                throw unsupported("a parenthesized join on the right of a join");
            }
            String left = fromItem(j.getLeft(), false);
            String right = fromItem(j.getRight(), false);
            String kw = switch (j.getJoinType()) {
                case INNER -> j.getConditionType() == JoinConditionType.ON ? "JOIN" : "CROSS JOIN";
                case LEFT -> "LEFT JOIN";
                case RIGHT -> "RIGHT JOIN";
                case FULL -> "FULL JOIN";
                case CROSS -> "CROSS JOIN";
                default -> throw unsupported(j.getJoinType().name() + " join");
            };
            StringBuilder sb = new StringBuilder();
            if (!pretty) {
                sb.append('(');
            }
            sb.append(left).append("\n     ").append(kw).append(' ').append(right);
            if (j.getConditionType() == JoinConditionType.ON) {
                String cond = expr(j.getCondition());
                sb.append(" ON ").append(pretty ? cond : "(" + cond + ")");
            } else if (!kw.equals("CROSS JOIN")) {
                sb.append(" ON TRUE");
            }
            if (!pretty) {
                sb.append(')');
            }
            return sb.toString();
        }
        String alias = null;
        SqlNode rel = n;
        if (n.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) n;
            if (as.operandCount() > 2) {
                throw unsupported("column aliases in FROM");
            }
            rel = as.operand(0);
            alias = ((SqlIdentifier) as.operand(1)).getSimple();
        }
        if (!(rel instanceof SqlIdentifier id)) {
            throw unsupported(rel instanceof SqlBasicCall ? "a function or subquery in FROM" : "a subquery in FROM");
        }
        RelationDescriptor d = relation(id);
        items.add(new FromItem(alias != null ? alias : d.name(), d));
        String shown = CatalogAccess.regclassOut(session, d.oid());
        return alias != null ? shown + " " + CatalogAccess.quoteIdent(alias) : shown;
    }

    /** The relation a FROM name meant when the view was created: among the relations recorded with the view. */
    private RelationDescriptor relation(SqlIdentifier id) {
        String name = id.names.get(id.names.size() - 1);
        String schema = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null;
        var db = session.database();
        RelationDescriptor found = null;
        for (int oid : relationOids) {
            RelationDescriptor d = db.catalog().relation(db.transaction(), oid);
            if (d != null && d.name().equals(name) && (schema == null || schema.equals(d.namespaceName()))) {
                if (found != null && schema == null) {
                    // two same-named relations in different schemas: the stored text does not say which
                    throw unsupported("two relations named " + name);
                }
                found = d;
            }
        }
        if (found == null) {
            throw unsupported("a FROM item \"" + id + "\" that is not a table or view");
        }
        return found;
    }

    /** A column reference: [refname.]column over the FROM items, printed refname.column. */
    private RuleUtils.ScopedColumn find(SqlIdentifier id) {
        if (id.isStar() || id.names.size() > 2) {
            return null;
        }
        String col = id.names.get(id.names.size() - 1);
        String ref = id.names.size() == 2 ? id.names.get(0) : null;
        for (FromItem fi : items) {
            if (ref != null && !fi.refname.equals(ref)) {
                continue;
            }
            for (RelationDescriptor.Column c : fi.rel.columns()) {
                if (!c.dropped() && c.name().equals(col)) {
                    return new RuleUtils.ScopedColumn(CatalogAccess.quoteIdent(fi.refname) + "." + CatalogAccess.quoteIdent(col),
                            PgTypes.byOid(c.typeOid()), c.typmod());
                }
            }
        }
        return null;
    }
}
