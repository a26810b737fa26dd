package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.storage.catalog.CatalogTable;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.catalog.SystemCatalogs;

/**
 * pg_get_indexdef, as PostgreSQL's ruleutils prints an index from pg_index: {@code CREATE
 * [UNIQUE] INDEX name ON table USING btree (col [DESC] [NULLS FIRST|LAST], ...)}. The table is
 * schema-qualified unless pretty (then only when not visible on search_path); a column is
 * followed by DESC and by the NULLS placement that is not its direction's default. With a
 * column number, only that column's name. Indexes here are on plain columns with the default
 * collation and operator class, so neither is ever printed.
 */
final class IndexDefinitions {
    private IndexDefinitions() {}

    private static final int INDOPTION_DESC = 1;
    private static final int INDOPTION_NULLS_FIRST = 2;

    /** The definition, or null when {@code indexOid} is no index (as PostgreSQL). */
    static String definition(SessionContext s, int indexOid, int colno, boolean pretty) {
        CatalogTable ix = SystemCatalogs.PG_INDEX;
        Object[] row = CatalogAccess.row(s, ix, "indexrelid", indexOid);
        if (row == null) {
            return null;
        }
        int tableOid = (Integer) row[ix.col("indrelid")];
        CatalogAccess.RelationName index = CatalogAccess.relation(s, indexOid);
        CatalogAccess.RelationName table = CatalogAccess.relation(s, tableOid);
        RelationDescriptor rel = s.database().catalog().relation(s.database().transaction(), tableOid);
        if (index == null || table == null || rel == null) {
            return null;
        }
        List<Integer> keys = vector((String) row[ix.col("indkey")]);
        List<Integer> options = vector((String) row[ix.col("indoption")]);
        if (colno > 0) {
            return colno <= keys.size() ? column(rel, keys.get(colno - 1)) : "";
        }
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int opt = i < options.size() ? options.get(i) : 0;
            StringBuilder c = new StringBuilder(column(rel, keys.get(i)));
            boolean desc = (opt & INDOPTION_DESC) != 0;
            boolean nullsFirst = (opt & INDOPTION_NULLS_FIRST) != 0;
            if (desc) {
                c.append(" DESC");
                if (!nullsFirst) {
                    c.append(" NULLS LAST");
                }
            } else if (nullsFirst) {
                c.append(" NULLS FIRST");
            }
            cols.add(c.toString());
        }
        String tableName = pretty ? CatalogAccess.regclassOut(s, tableOid)
                : CatalogAccess.quoteIdent(table.schema()) + "." + CatalogAccess.quoteIdent(table.name());
        return "CREATE " + (Boolean.TRUE.equals(row[ix.col("indisunique")]) ? "UNIQUE " : "") + "INDEX "
                + CatalogAccess.quoteIdent(index.name()) + " ON " + tableName + " USING btree (" + String.join(", ", cols) + ")";
    }

    private static String column(RelationDescriptor rel, int attnum) {
        return CatalogAccess.quoteIdent(rel.columns().get(attnum - 1).name());
    }

    /** A vector's text form ("1 3") as numbers. */
    private static List<Integer> vector(String text) {
        List<Integer> out = new ArrayList<>();
        if (text != null) {
            for (String p : text.trim().split("\\s+")) {
                if (!p.isEmpty()) {
                    out.add(Integer.parseInt(p));
                }
            }
        }
        return out;
    }

    /** pg_indexes: schemaname, tablename, indexname, tablespace, indexdef of every index. */
    static List<Object[]> indexesView(SessionContext s) {
        CatalogTable ix = SystemCatalogs.PG_INDEX;
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : CatalogAccess.rows(s, ix)) {
            int indexOid = (Integer) r[ix.col("indexrelid")];
            CatalogAccess.RelationName index = CatalogAccess.relation(s, indexOid);
            CatalogAccess.RelationName table = CatalogAccess.relation(s, (Integer) r[ix.col("indrelid")]);
            if (index == null || table == null) {
                continue;
            }
            out.add(new Object[] {table.schema(), table.name(), index.name(), null, definition(s, indexOid, 0, false)});
        }
        return out;
    }
}
