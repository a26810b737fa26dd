package org.pgmini.executor.query;

import org.pgmini.executor.exec.PlanNode;

/**
 * PostgreSQL 15's cost of a Sort (costsize.c cost_sort) and of a Gather Merge
 * (cost_gather_merge), in its units, so that EXPLAIN shows its numbers and plan choices between
 * sorted paths come out as PostgreSQL's.
 *
 * <p>Sort: {@code 2 * cpu_operator_cost} per comparison, {@code n log2 n} comparisons (or
 * {@code n log2(2k)} for a bounded top-k heap that fits in work_mem); when the input, sized as
 * heap tuples ({@code MAXALIGN(width) + 24} bytes each), exceeds work_mem, the page traffic of
 * an external merge: {@code 2 * pages * ceil(log_mergeorder(runs))} page accesses at 3/4
 * sequential and 1/4 random cost. All of it before the first row; then
 * {@code cpu_operator_cost} per row returned.
 */
final class SortCosts {
    private SortCosts() {}

    static final double CPU_OPERATOR_COST = 0.0025;
    static final double SEQ_PAGE_COST = 1.0;
    static final double RANDOM_PAGE_COST = 4.0;
    private static final int BLCKSZ = 8192;

    /** Bytes PostgreSQL assumes for {@code tuples} rows of {@code width} (relation_byte_size). */
    static double relationBytes(double tuples, int width) {
        return tuples * (((width + 7) & ~7) + 24);
    }

    /** tuplesort_merge_order: inputs a merge can take with 32 blocks of buffer each. */
    static int mergeOrder(long allowedMem) {
        long order = (allowedMem - BLCKSZ) / (32L * BLCKSZ + BLCKSZ);
        return (int) Math.max(6, Math.min(500, order));
    }

    /**
     * Sets {@code sort}'s startup and total cost for sorting {@code input} ({@code input.rows}
     * rows of {@code input.width}) with work_mem {@code workMemKB}; {@code limitTuples} &gt; 0
     * when only that many rows will be read (a bounded sort).
     */
    static void sort(PlanNode sort, PlanNode input, long workMemKB, double limitTuples) {
        sort(sort, input, workMemKB, limitTuples, true);
    }

    /** PostgreSQL's disable_cost: what a plan node the enable_* settings turn off costs extra (to its startup). */
    static final double DISABLE_COST = 1.0e10;

    /** As {@link #sort(PlanNode, PlanNode, long, double)}; with enable_sort off the sort costs {@link #DISABLE_COST} more, as in PostgreSQL 15. */
    static void sort(PlanNode sort, PlanNode input, long workMemKB, double limitTuples, boolean enabled) {
        double tuples = Math.max(2.0, input.rows);
        double comparison = 2.0 * CPU_OPERATOR_COST;
        double inputBytes = relationBytes(tuples, input.width);
        double outputTuples = tuples;
        double outputBytes = inputBytes;
        if (limitTuples > 0 && limitTuples < tuples) {
            outputTuples = limitTuples;
            outputBytes = relationBytes(outputTuples, input.width);
        }
        long sortMemBytes = workMemKB * 1024L;
        double startup = 0;
        if (outputBytes > sortMemBytes) {
            double npages = Math.ceil(inputBytes / BLCKSZ);
            double nruns = inputBytes / sortMemBytes;
            double mergeOrder = mergeOrder(sortMemBytes);
            double logRuns = nruns > mergeOrder ? Math.ceil(Math.log(nruns) / Math.log(mergeOrder)) : 1.0;
            double pageAccesses = 2.0 * npages * logRuns;
            startup += comparison * tuples * log2(tuples);
            startup += pageAccesses * (SEQ_PAGE_COST * 0.75 + RANDOM_PAGE_COST * 0.25);
        } else if (tuples > 2 * outputTuples || inputBytes > sortMemBytes) {
            startup += comparison * tuples * log2(2.0 * outputTuples);
        } else {
            startup += comparison * tuples * log2(tuples);
        }
        double run = CPU_OPERATOR_COST * tuples;
        if (!enabled) {
            startup += DISABLE_COST;
        }
        sort.startupCost = input.totalCost + startup;
        sort.totalCost = input.totalCost + startup + run;
        sort.rows = input.rows;
        sort.width = input.width;
    }

    /**
     * Sets {@code gm}'s costs: a heap merge of {@code workers + 1} sorted streams over
     * {@code input} (the participants' Sort) passing {@code rows} rows in all.
     */
    static void gatherMerge(PlanNode gm, PlanNode input, int workers, double rows, double setupCost, double tupleCost) {
        double n = workers + 1;
        double logN = log2(n);
        double comparison = 2.0 * CPU_OPERATOR_COST;
        double startup = comparison * n * logN + setupCost;
        double run = rows * comparison * logN + CPU_OPERATOR_COST * rows + tupleCost * rows * 1.05;
        gm.startupCost = startup + input.startupCost;
        gm.totalCost = startup + run + input.totalCost;
        gm.rows = rows;
        gm.width = input.width;
    }

    /** Cost of reading the fraction of rows a LIMIT needs (startup + fraction of the rest). */
    static double fractional(PlanNode n, double fraction) {
        if (fraction <= 0 || fraction >= 1) {
            return n.totalCost;
        }
        return n.startupCost + fraction * (n.totalCost - n.startupCost);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
