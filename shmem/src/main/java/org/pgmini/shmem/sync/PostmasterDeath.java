package org.pgmini.shmem.sync;

import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.libc.Processes;

/**
 * The process a worker must not outlive. A worker JVM calls {@link #watch(int)} at start with the
 * postmaster's pid; from then on every latch wait also returns when that process is gone. The
 * check is kill(pid, 0) plus getppid(): if we were the postmaster's child and got re-parented,
 * it has died even if its pid was already handed to someone else.
 */
public final class PostmasterDeath {
    private PostmasterDeath() {}

    private static volatile int postmasterPid;
    private static volatile boolean wasParent;

    public static void watch(int pid) {
        wasParent = LibC.getppid() == pid;
        postmasterPid = pid;
    }

    public static int watchedPid() {
        return postmasterPid;
    }

    /** True if a postmaster is watched and it is gone. Costs a syscall or two. */
    public static boolean isDead() {
        int pid = postmasterPid;
        if (pid == 0) {
            return false;
        }
        if (wasParent && LibC.getppid() != pid) {
            return true;
        }
        return !Processes.isAlive(pid);
    }
}
