package org.pgmini.shmem.libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process identity and liveness checks used to find counterparties that died. */
public final class Processes {
    private Processes() {}

    private static final int MY_PID = LibC.getpid();

    /** This process's pid (cached: a JVM cannot fork). */
    public static int myPid() {
        return MY_PID;
    }

    /**
     * Whether {@code pid} names a running process. kill(pid, 0) says whether the pid exists; a
     * dead child that its parent has not reaped yet (a zombie) still exists, so /proc is asked for
     * its state too. A recycled pid would be reported alive: pids are not reused quickly on Linux
     * (they count up to pid_max before wrapping), which is the same assumption PostgreSQL makes.
     */
    public static boolean isAlive(int pid) {
        if (pid <= 0) {
            return false;
        }
        if (LibC.kill(pid, 0) != 0) {
            return LibC.errno() == Errno.EPERM;
        }
        return !isZombie(pid);
    }

    private static boolean isZombie(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // Format: "pid (comm) S ...": comm may contain spaces and parentheses, so look after the last ')'.
            int close = stat.lastIndexOf(')');
            return close >= 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Asks the kernel to send {@code signal} to this process when the thread that started it
     * exits (PR_SET_PDEATHSIG). Only meaningful in a child JVM; see MACHINE-NOTES about threads.
     */
    public static void setParentDeathSignal(int signal) {
        if (LibC.prctl(LibC.PR_SET_PDEATHSIG, signal, 0, 0, 0) != 0) {
            throw Errno.sharedMemoryError("could not set parent death signal", LibC.errno());
        }
    }
}
