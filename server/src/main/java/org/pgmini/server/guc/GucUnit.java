package org.pgmini.server.guc;

import java.util.List;

/**
 * Base units of numeric parameters and PostgreSQL's conversion rules between the unit a user
 * writes ({@code 64MB}, {@code 5min}) and the unit the value is stored in.
 *
 * <p>Multipliers are computed as the quotient of two exact integers (bytes or microseconds), so
 * they are the same correctly rounded doubles PostgreSQL's table holds; the rounding of
 * fractional input ("1.5GB") to the next smaller unit and the choice of display unit (the
 * largest that divides the value evenly) follow guc.c.
 */
public enum GucUnit {
    NONE("", 0, false),
    BYTE("B", 1, true),
    KB("kB", 1024, true),
    /** Data blocks of 8 kB (shared_buffers, temp_buffers). */
    BLOCKS("8kB", 8192, true),
    /** WAL blocks of 8 kB (wal_buffers). */
    WAL_BLOCKS("8kB", 8192, true),
    MB("MB", 1024 * 1024, true),
    MS("ms", 1000, false),
    S("s", 1000_000, false),
    MIN("min", 60_000_000, false);

    /** A user-visible unit and its size in bytes (memory) or microseconds (time). */
    private record Named(String name, long size) {}

    private static final List<Named> MEMORY_UNITS = List.of(
            new Named("TB", 1L << 40), new Named("GB", 1L << 30), new Named("MB", 1L << 20),
            new Named("kB", 1L << 10), new Named("B", 1));
    private static final List<Named> TIME_UNITS = List.of(
            new Named("d", 86_400_000_000L), new Named("h", 3_600_000_000L), new Named("min", 60_000_000L),
            new Named("s", 1_000_000L), new Named("ms", 1000L), new Named("us", 1L));

    static final String MEMORY_HINT = "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";
    static final String TIME_HINT = "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".";

    private final String pgName;
    private final long size;
    private final boolean memory;

    GucUnit(String pgName, long size, boolean memory) {
        this.pgName = pgName;
        this.size = size;
        this.memory = memory;
    }

    /** The unit column of pg_settings ("8kB", "ms", ...); null for NONE. */
    public String pgName() {
        return this == NONE ? null : pgName;
    }

    public boolean isMemory() {
        return this != NONE && memory;
    }

    String hint() {
        return memory ? MEMORY_HINT : TIME_HINT;
    }

    private List<Named> table() {
        return memory ? MEMORY_UNITS : TIME_UNITS;
    }

    private double multiplier(Named u) {
        return (double) u.size / (double) size;
    }

    /**
     * Converts {@code value} given in {@code unitText} (possibly followed by blanks) to this base
     * unit; null when the unit is not known. A fractional result is rounded to a whole number of
     * the next smaller unit, as PostgreSQL does.
     */
    Double toBase(double value, String unitText) {
        String unit = unitText.strip();
        if (unit.isEmpty() || unit.length() > 3 || !unitText.stripLeading().equals(unitText)) {
            return null;
        }
        List<Named> t = table();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).name.equals(unit)) {
                double v = value * multiplier(t.get(i));
                if (i + 1 < t.size()) {
                    double next = multiplier(t.get(i + 1));
                    v = Math.rint(v / next) * next;
                }
                return v;
            }
        }
        return null;
    }

    /** SHOW text of a positive integer in this base unit: the largest unit that divides it. */
    String formatInt(long base) {
        if (this == NONE || base <= 0) {
            return Long.toString(base);
        }
        for (Named u : table()) {
            double m = multiplier(u);
            if (m <= 1.0 || base % (long) m == 0) {
                return (long) Math.rint(base / m) + u.name;
            }
        }
        throw new IllegalStateException("no display unit for " + this);
    }

    /** SHOW text of a real in this base unit: the first unit giving a (nearly) whole number. */
    String formatReal(double base) {
        if (this == NONE || !(base > 0)) {
            return CFormat.g(base);
        }
        double v = base;
        String name = pgName;
        for (Named u : table()) {
            v = base / multiplier(u);
            name = u.name;
            if (v > 0 && Math.abs(Math.rint(v) / v - 1.0) <= 1e-8) {
                break;
            }
        }
        return CFormat.g(v) + name;
    }
}
