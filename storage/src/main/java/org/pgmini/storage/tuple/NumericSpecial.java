package org.pgmini.storage.tuple;

/** The numeric values that {@link java.math.BigDecimal} cannot represent. */
public enum NumericSpecial {
    NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY
}
