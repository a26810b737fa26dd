package org.pgmini.executor.sort;

/** How a sort was done, named as PostgreSQL's EXPLAIN ANALYZE prints it (tuplesort_method_name). */
public enum SortMethod {
    STILL_IN_PROGRESS("still in progress"),
    TOP_N_HEAPSORT("top-N heapsort"),
    QUICKSORT("quicksort"),
    EXTERNAL_SORT("external sort"),
    EXTERNAL_MERGE("external merge");

    private final String label;

    SortMethod(String label) { this.label = label; }

    public String label() { return label; }
}
