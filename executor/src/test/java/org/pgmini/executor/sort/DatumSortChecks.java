package org.pgmini.executor.sort;

import org.pgmini.storage.tmp.TempFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the datum sort tests share: the expected order of values with NULLs, and the temp file count. */
final class DatumSortChecks {
    private DatumSortChecks() {}

    /** Files in the data directory's pgsql_tmp (0 when it does not exist). */
    static long filesInTempDir(Path dataDir) throws Exception {
        Path d = TempFiles.tempDir(dataDir);
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    /** PostgreSQL's order of {@code in} (null = NULL): {@code order} or its reverse, NULLs first or last. */
    static <T> List<T> reference(T[] in, Comparator<T> order, boolean desc, boolean nullsFirst) {
        List<T> l = new ArrayList<>(Arrays.asList(in));
        l.sort((a, b) -> {
            if (a == null || b == null) return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
            int c = order.compare(a, b);
            return desc ? -c : c;
        });
        return l;
    }
}
