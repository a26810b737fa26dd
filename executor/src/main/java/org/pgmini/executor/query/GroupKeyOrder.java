package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;

/**
 * The order and sort direction of GROUP BY keys, as PostgreSQL 15 settles them before planning
 * so that one Sort can serve both GROUP BY and ORDER BY:
 * <ul>
 *   <li>a key that an ORDER BY item names takes that item's direction and NULL placement
 *       (parse_clause.c, transformGroupClause), others sort ascending, NULLs last;</li>
 *   <li>when the ORDER BY items, from the first, are all group keys, those keys move to the
 *       front in ORDER BY's order, followed by the remaining keys; when only a leading part of
 *       ORDER BY matches, the keys are reordered only if no key is left over
 *       (planner.c, preprocess_groupclause).</li>
 * </ul>
 * The order shows in EXPLAIN's {@code Group Key} (hashed or sorted) and is the Sort Key below a
 * GroupAggregate.
 */
final class GroupKeyOrder {
    private GroupKeyOrder() {}

    /** A group key: its expression and sort direction. */
    record Key(SqlNode node, boolean descending, boolean nullsFirst) {}

    /**
     * @param groupItems the GROUP BY expressions (ordinals and output names already resolved)
     * @param order      the ORDER BY items
     * @param resolve    maps an ORDER BY expression to the select-list expression it names
     */
    static List<Key> arrange(List<SqlNode> groupItems, List<OrderByItem> order, UnaryOperator<SqlNode> resolve) {
        List<Key> keys = new ArrayList<>();
        for (SqlNode g : groupItems) {
            OrderByItem o = matching(g, order, resolve);
            keys.add(o == null ? new Key(g, false, false) : new Key(g, o.descending(), o.nullsFirst()));
        }
        List<Key> front = new ArrayList<>();
        boolean partial = false;
        for (OrderByItem o : order) {
            Key k = find(keys, resolve.apply(o.expr()));
            if (k == null) {
                partial = true;
                break;
            }
            if (!front.contains(k)) {
                front.add(k);
            }
        }
        if (front.isEmpty()) {
            return keys;
        }
        List<Key> out = new ArrayList<>(front);
        for (Key k : keys) {
            if (!front.contains(k)) {
                if (partial) {
                    return keys;
                }
                out.add(k);
            }
        }
        return out;
    }

    /** Whether rows in the order of {@code keys} are in ORDER BY's order (ORDER BY is a prefix of the keys). */
    static boolean satisfies(List<Key> keys, List<OrderByItem> order, UnaryOperator<SqlNode> resolve) {
        if (order.isEmpty() || order.size() > keys.size()) {
            return false;
        }
        for (int i = 0; i < order.size(); i++) {
            OrderByItem o = order.get(i);
            Key k = keys.get(i);
            if (!k.node().equalsDeep(resolve.apply(o.expr()), Litmus.IGNORE) || k.descending() != o.descending()
                    || k.nullsFirst() != o.nullsFirst()) {
                return false;
            }
        }
        return true;
    }

    private static OrderByItem matching(SqlNode g, List<OrderByItem> order, UnaryOperator<SqlNode> resolve) {
        for (OrderByItem o : order) {
            if (g.equalsDeep(resolve.apply(o.expr()), Litmus.IGNORE)) {
                return o;
            }
        }
        return null;
    }

    private static Key find(List<Key> keys, SqlNode n) {
        for (Key k : keys) {
            if (k.node().equalsDeep(n, Litmus.IGNORE)) {
                return k;
            }
        }
        return null;
    }
}
