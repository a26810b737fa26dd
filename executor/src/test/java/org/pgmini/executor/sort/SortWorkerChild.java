package org.pgmini.executor.sort;

import org.pgmini.storage.tape.SharedFileSet;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A parallel sort worker in its own JVM, for {@link ParallelSortProcessTest}: sorts its share
 * (rows of {@link TuplesortTest#rows} from the seed) into one run in the leader's shared fileset
 * and prints {@code EXPORT <hex>}. Arguments: fileset directory, file name, seed, rows, work_mem kB.
 */
public final class SortWorkerChild {
    private SortWorkerChild() {}

    static List<Object[]> share(long seed, int n) {
        List<Object[]> rows = TuplesortTest.rows(TuplesortTest.Shape.RANDOM, n, seed, true);
        // ids unique across workers
        for (Object[] r : rows) r[0] = seed * 1_000_000 + (Long) r[0];
        return rows;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[2]);
        int n = Integer.parseInt(args[3]);
        long workMem = Long.parseLong(args[4]);
        SharedFileSet fs = SharedFileSet.attach(dir);
        try (Tuplesort<Object[]> s = Tuplesort.beginWorker(TuplesortTest.BY_S_THEN_K_DESC, TuplesortTest.CODEC,
                new SortOptions(fs.dataDir()).workMemKB(workMem), fs, args[1])) {
            for (Object[] r : share(seed, n)) s.put(r);
            s.performSort();
            System.out.println("EXPORT " + HexFormat.of().formatHex(s.workerResult().toBytes()));
            System.out.println("STATS " + s.stats().explainLine());
        }
        System.out.flush();
    }
}
