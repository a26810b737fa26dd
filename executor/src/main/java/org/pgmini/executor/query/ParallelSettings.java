package org.pgmini.executor.query;

import java.util.Locale;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.SessionContext;

/**
 * The settings the parallel planner reads (PostgreSQL's GUCs of the same names), taken from the
 * session when a statement is planned. A session without settings (engine warm-up, tools)
 * plans nothing parallel.
 *
 * @param maxWorkersPerGather max_parallel_workers_per_gather (0 disables parallel query, also force_parallel_mode)
 * @param minTableScanPages   min_parallel_table_scan_size in 8 kB pages
 * @param setupCost           parallel_setup_cost
 * @param tupleCost           parallel_tuple_cost
 * @param leaderParticipation parallel_leader_participation
 * @param forceMode           force_parallel_mode: off, on or regress
 */
record ParallelSettings(int maxWorkersPerGather, int minTableScanPages, double setupCost, double tupleCost,
                        boolean leaderParticipation, String forceMode) {

    static final ParallelSettings DISABLED = new ParallelSettings(0, 1024, 1000, 0.1, true, "off");

    static ParallelSettings of(SessionContext session) {
        if (session == null) {
            return DISABLED;
        }
        try {
            return new ParallelSettings(
                    Integer.parseInt(get(session, "max_parallel_workers_per_gather")),
                    pages(get(session, "min_parallel_table_scan_size")),
                    Double.parseDouble(get(session, "parallel_setup_cost")),
                    Double.parseDouble(get(session, "parallel_tuple_cost")),
                    get(session, "parallel_leader_participation").equals("on"),
                    get(session, "force_parallel_mode").toLowerCase(Locale.ROOT));
        } catch (PgException | NullPointerException | NumberFormatException e) {
            return DISABLED; // a session whose settings lack these parameters has no parallel query
        }
    }

    private static String get(SessionContext session, String name) {
        return session.settings().currentSetting(name, true);
    }

    /** A memory size as SHOW prints it ({@code 8MB}, {@code 64kB}, {@code 0}) in 8 kB pages. */
    static int pages(String shown) {
        String s = shown.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-')) {
            i++;
        }
        long n = Long.parseLong(s.substring(0, i));
        String unit = s.substring(i).trim();
        long kb;
        switch (unit) {
            case "": return (int) n; // a number without unit is already in blocks
            case "B": kb = n / 1024; break;
            case "kB": kb = n; break;
            case "MB": kb = n * 1024; break;
            case "GB": kb = n * 1024 * 1024; break;
            case "TB": kb = n * 1024 * 1024 * 1024; break;
            default: throw new NumberFormatException("unit " + unit);
        }
        return (int) Math.min(Integer.MAX_VALUE, kb / 8);
    }

    /** Parallel query is possible at all (PostgreSQL's parallelModeOK needs a worker per Gather). */
    boolean enabled() {
        return maxWorkersPerGather > 0;
    }

    boolean forced() {
        return !forceMode.equals("off");
    }
}
