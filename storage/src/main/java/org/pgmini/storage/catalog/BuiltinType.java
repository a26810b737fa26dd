package org.pgmini.storage.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The base types pg_type starts with (PostgreSQL's oids, names, lengths, categories, I/O
 * function names) and their array types. Array types exist as catalog rows (clients look them
 * up) even though tables cannot store arrays yet.
 */
public record BuiltinType(int oid, String name, int len, boolean byval, char category, boolean preferred,
                          char align, char storage, String prefix, int arrayOid, int elemOid) {

    private static final List<BuiltinType> BASE = List.of(
            base(16, "bool", 1, true, 'B', true, 'c', 'p', "bool", 1000),
            base(17, "bytea", -1, false, 'U', false, 'i', 'x', "bytea", 1001),
            base(18, "char", 1, true, 'Z', false, 'c', 'p', "char", 1002),
            new BuiltinType(19, "name", 64, false, 'S', false, 'c', 'p', "name", 1003, 18),
            base(20, "int8", 8, true, 'N', false, 'd', 'p', "int8", 1016),
            base(21, "int2", 2, true, 'N', false, 's', 'p', "int2", 1005),
            base(23, "int4", 4, true, 'N', false, 'i', 'p', "int4", 1007),
            base(25, "text", -1, false, 'S', true, 'i', 'x', "text", 1009),
            base(26, "oid", 4, true, 'N', true, 'i', 'p', "oid", 1028),
            base(700, "float4", 4, true, 'N', false, 'i', 'p', "float4", 1021),
            base(701, "float8", 8, true, 'N', true, 'd', 'p', "float8", 1022),
            base(1042, "bpchar", -1, false, 'S', false, 'i', 'x', "bpchar", 1014),
            base(1043, "varchar", -1, false, 'S', false, 'i', 'x', "varchar", 1015),
            base(1082, "date", 4, true, 'D', false, 'i', 'p', "date_", 1182),
            base(1114, "timestamp", 8, true, 'D', false, 'd', 'p', "timestamp_", 1115),
            base(1184, "timestamptz", 8, true, 'D', true, 'd', 'p', "timestamptz_", 1185),
            base(1186, "interval", 16, false, 'T', true, 'd', 'p', "interval_", 1187),
            base(1700, "numeric", -1, false, 'N', false, 'i', 'm', "numeric_", 1231),
            base(2205, "regclass", 4, true, 'N', false, 'i', 'p', "regclass", 2210));

    /** Every built-in type: the base types, then their array types. */
    public static final List<BuiltinType> ALL;

    static {
        List<BuiltinType> all = new ArrayList<>(BASE);
        for (BuiltinType b : BASE) {
            all.add(new BuiltinType(b.arrayOid, "_" + b.name, -1, false, 'A', false, b.align == 'd' ? 'd' : 'i', 'x',
                    "array_", 0, b.oid));
        }
        ALL = Collections.unmodifiableList(all);
    }

    private static BuiltinType base(int oid, String name, int len, boolean byval, char cat, boolean pref,
                                    char align, char storage, String prefix, int arrayOid) {
        return new BuiltinType(oid, name, len, byval, cat, pref, align, storage, prefix, arrayOid, 0);
    }

    /** typinput: PostgreSQL's names (boolin, int4in, date_in, array_in, ...). */
    public String input() { return prefix + "in"; }
    public String output() { return prefix + "out"; }
    public String receive() { return prefix + "recv"; }
    public String send() { return prefix + "send"; }

    public static BuiltinType byOid(int oid) {
        for (BuiltinType t : ALL) if (t.oid == oid) return t;
        return null;
    }

    public static BuiltinType byName(String name) {
        for (BuiltinType t : ALL) if (t.name.equals(name)) return t;
        return null;
    }
}
