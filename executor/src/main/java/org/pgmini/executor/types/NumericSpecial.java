package org.pgmini.executor.types;

/**
 * The numeric values that are not numbers: NaN and the infinities (PostgreSQL 14+). Finite
 * numeric values are java.math.BigDecimal; these three are the only other numeric values.
 * NaN equals itself and sorts above everything, as in PostgreSQL.
 */
public enum NumericSpecial {
    NEG_INFINITY("-Infinity"), POS_INFINITY("Infinity"), NAN("NaN");

    private final String text;

    NumericSpecial(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
