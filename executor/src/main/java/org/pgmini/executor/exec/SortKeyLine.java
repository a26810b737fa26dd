package org.pgmini.executor.exec;

/** EXPLAIN's {@code Sort Key: a, b DESC, c NULLS FIRST} line, as PostgreSQL prints it (the default NULL placement is not shown). */
final class SortKeyLine {
    private final StringBuilder sb = new StringBuilder("Sort Key: ");
    private boolean first = true;

    /** Adds one key: its text, then DESC and a NULL placement other than the direction's default. */
    SortKeyLine key(String text, boolean descending, boolean nullsFirst) {
        sb.append(first ? "" : ", ").append(text);
        first = false;
        if (descending) {
            sb.append(" DESC");
            if (!nullsFirst) {
                sb.append(" NULLS LAST");
            }
        } else if (nullsFirst) {
            sb.append(" NULLS FIRST");
        }
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
