package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.ArrayType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * Catalog entries for one-dimensional arrays, registered once per array type (PostgreSQL
 * declares them over anyarray/anyelement; registering each concrete pair lets the ordinary
 * overload resolution pick them): comparison operators with array_cmp's order, {@code ||},
 * array_length/upper/lower/ndims/dims, cardinality, array_to_string, string_to_array,
 * array_append/prepend/cat, array_position, array_remove.
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register(Catalog catalog) {
        for (int oid = 0; oid < 4000; oid++) {
            PgType t = PgTypes.byOid(oid);
            if (t instanceof ArrayType a) {
                registerFor(catalog, a);
            }
        }
        PgType text = PgTypes.TEXT;
        PgType textArray = PgTypes.arrayOf(text);
        catalog.addNonStrict("string_to_array", textArray, (v, c) -> stringToArray(v[0], v[1], null), text, text);
        catalog.addNonStrict("string_to_array", textArray, (v, c) -> stringToArray(v[0], v[1], v[2]), text, text, text);
    }

    private static void registerFor(Catalog catalog, ArrayType a) {
        PgType e = a.element();
        PgType int4 = PgTypes.INT4;
        Catalog.Comparer elem = catalog.comparerFor(e);
        if (elem != null) {
            catalog.addComparisons((x, y) -> compare(elem, (Object[]) x, (Object[]) y), a, a);
            catalog.add("array_position", int4, (v, c) -> position(elem, (Object[]) v[0], v[1]), a, e);
            catalog.addNonStrict("array_remove", a, (v, c) -> remove(elem, (Object[]) v[0], v[1]), a, e);
        }
        catalog.add("array_length", int4, (v, c) -> dimension(v[1]) && ((Object[]) v[0]).length > 0
                ? ((Object[]) v[0]).length : null, a, int4);
        catalog.add("array_upper", int4, (v, c) -> dimension(v[1]) && ((Object[]) v[0]).length > 0
                ? ((Object[]) v[0]).length : null, a, int4);
        catalog.add("array_lower", int4, (v, c) -> dimension(v[1]) && ((Object[]) v[0]).length > 0 ? 1 : null, a, int4);
        catalog.add("array_ndims", int4, (v, c) -> ((Object[]) v[0]).length > 0 ? 1 : null, a);
        catalog.add("array_dims", PgTypes.TEXT, (v, c) -> ((Object[]) v[0]).length > 0
                ? "[1:" + ((Object[]) v[0]).length + "]" : null, a);
        catalog.add("cardinality", int4, (v, c) -> ((Object[]) v[0]).length, a);
        catalog.add("array_to_string", PgTypes.TEXT, (v, c) -> toText(a, (Object[]) v[0], (String) v[1], null, c),
                a, PgTypes.TEXT);
        catalog.addNonStrict("array_to_string", PgTypes.TEXT, (v, c) -> v[0] == null || v[1] == null ? null
                : toText(a, (Object[]) v[0], (String) v[1], (String) v[2], c), a, PgTypes.TEXT, PgTypes.TEXT);
        catalog.addNonStrict("array_append", a, (v, c) -> append((Object[]) v[0], v[1]), a, e);
        catalog.addNonStrict("array_prepend", a, (v, c) -> prepend(v[0], (Object[]) v[1]), e, a);
        catalog.addNonStrict("array_cat", a, (v, c) -> cat((Object[]) v[0], (Object[]) v[1]), a, a);
        catalog.addNonStrict("||", a, (v, c) -> cat((Object[]) v[0], (Object[]) v[1]), a, a);
        catalog.addNonStrict("||", a, (v, c) -> append((Object[]) v[0], v[1]), a, e);
        catalog.addNonStrict("||", a, (v, c) -> prepend(v[0], (Object[]) v[1]), e, a);
    }

    /** Only dimension 1 exists; any other asks about a dimension the array does not have (NULL). */
    private static boolean dimension(Object d) {
        return ((Integer) d) == 1;
    }

    /**
     * array_cmp: element by element with the element type's order, a NULL element after every
     * non-null one (and equal to another NULL); on a tie the shorter array is smaller.
     */
    static int compare(Catalog.Comparer elem, Object[] x, Object[] y) {
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            Object p = x[i];
            Object q = y[i];
            if (p == null || q == null) {
                if (p != q) {
                    return p == null ? 1 : -1;
                }
                continue;
            }
            int r = elem.compare(p, q);
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Object position(Catalog.Comparer elem, Object[] a, Object v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null && elem.compare(a[i], v) == 0) {
                return i + 1;
            }
        }
        return null;
    }

    /** array_remove: drops elements equal to v (IS NOT DISTINCT FROM, so NULL removes NULLs). */
    private static Object remove(Catalog.Comparer elem, Object[] a, Object v) {
        if (a == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(a.length);
        for (Object x : a) {
            boolean same = x == null || v == null ? x == v : elem.compare(x, v) == 0;
            if (!same) {
                out.add(x);
            }
        }
        return out.toArray();
    }

    private static Object[] append(Object[] a, Object v) {
        Object[] base = a == null ? new Object[0] : a;
        Object[] out = java.util.Arrays.copyOf(base, base.length + 1);
        out[base.length] = v;
        return out;
    }

    private static Object[] prepend(Object v, Object[] a) {
        Object[] base = a == null ? new Object[0] : a;
        Object[] out = new Object[base.length + 1];
        out[0] = v;
        System.arraycopy(base, 0, out, 1, base.length);
        return out;
    }

    private static Object[] cat(Object[] x, Object[] y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        Object[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** array_to_string: elements in their text form joined by the delimiter; NULLs skipped or replaced. */
    private static String toText(ArrayType a, Object[] v, String delimiter, String nullText, EvalContext c) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object x : v) {
            if (x == null && nullText == null) {
                continue;
            }
            if (!first) {
                sb.append(delimiter);
            }
            first = false;
            sb.append(x == null ? nullText : a.element() == PgTypes.BOOL ? ((Boolean) x ? "t" : "f")
                    : a.element().output(x, c == null ? null : c.session));
        }
        return sb.toString();
    }

    /**
     * string_to_array(text, delimiter [, null string]): a NULL delimiter splits into characters,
     * an empty delimiter gives the whole string as one element, an empty input the empty array.
     */
    private static Object stringToArray(Object input, Object delimiter, Object nullText) {
        if (input == null) {
            return null;
        }
        String s = (String) input;
        if (s.isEmpty()) {
            return new Object[0];
        }
        List<Object> parts = new ArrayList<>();
        if (delimiter == null) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        } else if (((String) delimiter).isEmpty()) {
            parts.add(s);
        } else {
            String d = (String) delimiter;
            int from = 0;
            while (true) {
                int i = s.indexOf(d, from);
                if (i < 0) {
                    parts.add(s.substring(from));
                    break;
                }
                parts.add(s.substring(from, i));
                from = i + d.length();
            }
        }
        if (nullText != null) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).equals(nullText)) {
                    parts.set(i, null);
                }
            }
        }
        return parts.toArray();
    }

    /** 42P18 for ARRAY[] without a type, as PostgreSQL's parse analysis reports it. */
    static PgException emptyArrayType(int position) {
        return new PgException(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array", null,
                "Explicitly cast to the desired type, for example ARRAY[]::integer[].", position, null, null);
    }
}
