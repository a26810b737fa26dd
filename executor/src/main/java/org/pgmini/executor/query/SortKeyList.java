package org.pgmini.executor.query;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlNode;
import org.pgmini.executor.exec.SortNode;
import org.pgmini.executor.expr.Casts;
import org.pgmini.executor.expr.Eval;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.sort.SortKeyType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The sort keys of an ORDER BY list inside an expression (an aggregate call's or a window's),
 * in the arrays the executor's sorts take: each item's expression as written (without its
 * direction), analyzed (an unknown-type literal sorts as text), its key type, its direction and
 * its NULL placement.
 */
record SortKeyList(SqlNode[] exprs, PgType[] pgTypes, Eval[] evals, SortKeyType[] types, boolean[] descending,
                   boolean[] nullsFirst) {

    /** Analyzes the items in order with {@code analyze}; its errors come out as they occur. */
    static SortKeyList of(List<SqlNode> items, Function<SqlNode, Typed> analyze) {
        int n = items.size();
        SortKeyList keys = new SortKeyList(new SqlNode[n], new PgType[n], new Eval[n], new SortKeyType[n], new boolean[n],
                new boolean[n]);
        for (int i = 0; i < n; i++) {
            OrderByItem item = OrderByItem.of(items.get(i));
            Typed t = analyze.apply(item.expr());
            if (t.isUnknown()) {
                t = Casts.coerce(t, PgTypes.TEXT, -1, Casts.Context.IMPLICIT);
            }
            keys.exprs[i] = item.expr();
            keys.pgTypes[i] = t.type;
            keys.evals[i] = t.eval;
            keys.types[i] = SortNode.keyType(t.type);
            keys.descending[i] = item.descending();
            keys.nullsFirst[i] = item.nullsFirst();
        }
        return keys;
    }

    int size() {
        return evals.length;
    }
}
