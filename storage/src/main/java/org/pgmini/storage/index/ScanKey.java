package org.pgmini.storage.index;

/**
 * One condition of an index scan: {@code index column <op> value}. {@code column} is 0-based in
 * the index; {@code value} is a storage Java value (a null value matches nothing, as a strict
 * operator with a NULL argument). The keys of one scan are ANDed.
 */
public record ScanKey(int column, Op op, Object value) {
    public enum Op { LT, LE, EQ, GE, GT }
}
