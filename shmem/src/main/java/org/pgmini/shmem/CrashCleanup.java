package org.pgmini.shmem;

import org.pgmini.error.PgException;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.dsm.MmapDsmImpl;
import org.pgmini.shmem.dsm.PosixDsmImpl;
import org.pgmini.shmem.libc.Processes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fourth cleanup occasion: a postmaster starting in a data directory whose previous
 * postmaster died without cleaning up (kill -9, power loss of the process tree). Reads
 * {@code pg_dynshmem/state} ({@link SharedMemoryState}), destroys every DSM segment listed in the
 * old control segment, the control segment and the old main segment, then removes every
 * {@code pg_dynshmem/mmap.*} file (mmap segments are files, so a directory scan finds even those
 * the control segment no longer lists, as PostgreSQL does at start).
 */
public final class CrashCleanup {
    private CrashCleanup() {}

    /**
     * Must run before the new postmaster creates its own shared memory. Refuses (55006) if the
     * recorded postmaster is still running. Returns the names of what it removed.
     */
    public static List<String> cleanupAfterCrash(Path dataDir) {
        List<String> removed = new ArrayList<>();
        Path dynshmem = dataDir.resolve("pg_dynshmem");
        SharedMemoryState old = SharedMemoryState.read(dataDir);
        if (old != null) {
            if (old.postmasterPid() != Processes.myPid() && Processes.isAlive(old.postmasterPid())) {
                throw PgException.withHint("55006",
                        "pre-existing shared memory block is still in use (postmaster PID " + old.postmasterPid() + ")",
                        "Terminate any old server processes associated with data directory \"" + dataDir + "\".");
            }
            removed.addAll(Dsm.destroyListedSegments(old.dsmKind(), dynshmem, old.dsmControlHandle()));
            if (old.mainSegmentName() != null && new PosixDsmImpl().destroyNamed(old.mainSegmentName())) {
                removed.add(old.mainSegmentName());
            }
            SharedMemoryState.remove(dataDir);
        }
        if (Files.isDirectory(dynshmem)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dynshmem, MmapDsmImpl.FILE_PREFIX + "*")) {
                for (Path f : files) {
                    if (Files.deleteIfExists(f)) {
                        removed.add("pg_dynshmem/" + f.getFileName());
                    }
                }
            } catch (IOException e) {
                throw new PgException("58030", "could not read directory \"" + dynshmem + "\": " + e.getMessage(), e);
            }
        }
        return removed;
    }
}
