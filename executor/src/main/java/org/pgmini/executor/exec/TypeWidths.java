package org.pgmini.executor.exec;

/**
 * The planner's average width in bytes of a value of each type, as PostgreSQL's
 * get_typavgwidth assumes without statistics: the fixed length of fixed-length types, 32 for
 * variable-length ones (text, numeric, arrays, bytea), 64 for name.
 */
public final class TypeWidths {
    private TypeWidths() {}

    public static int of(int typeOid) {
        switch (typeOid) {
            case 16: case 18: return 1;
            case 21: return 2;
            case 23: case 26: case 700: case 1082: return 4;
            case 20: case 701: case 1114: case 1184: case 1083: case 3220: return 8;
            case 19: return 64;
            case 1186: return 16;
            default: return 32;
        }
    }
}
