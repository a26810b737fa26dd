package org.pgmini.executor.sort;

/**
 * What EXPLAIN ANALYZE reports about a sort (tuplesort_get_stats): the method, and the space:
 * peak memory for an in-memory sort, or the temp file's size for an external one, in kB
 * rounded up.
 */
public record SortStats(SortMethod method, boolean spaceOnDisk, long spaceKB) {
    /** The line as PostgreSQL's text format prints it, e.g. {@code Sort Method: quicksort  Memory: 25kB}. */
    public String explainLine() {
        return "Sort Method: " + method.label() + "  " + (spaceOnDisk ? "Disk" : "Memory") + ": " + spaceKB + "kB";
    }

    /** "Memory" or "Disk", as the JSON/YAML formats' "Sort Space Type" has it. */
    public String spaceType() { return spaceOnDisk ? "Disk" : "Memory"; }
}
