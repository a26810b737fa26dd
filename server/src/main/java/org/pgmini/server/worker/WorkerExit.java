package org.pgmini.server.worker;

/**
 * How a worker process ended, and PostgreSQL's wording for it (LogChildExit). Java reports a death
 * by signal N as exit value 128 + N, so exit codes above 128 are taken as signals.
 */
public record WorkerExit(int pid, int exitValue) {
    public static final String PROCESS_NAME = "background worker \"parallel worker\"";

    /** Exit 0 and 1 are clean for a background worker in PostgreSQL; anything else is a crash. */
    public boolean isCrash() {
        return exitValue != 0 && exitValue != 1;
    }

    public boolean bySignal() {
        return exitValue > 128 && exitValue < 128 + 65;
    }

    /** e.g. {@code background worker "parallel worker" (PID 123) was terminated by signal 9: Killed}. */
    public String describe() {
        if (bySignal()) {
            int sig = exitValue - 128;
            return PROCESS_NAME + " (PID " + pid + ") was terminated by signal " + sig + ": " + signalName(sig);
        }
        return PROCESS_NAME + " (PID " + pid + ") exited with exit code " + exitValue;
    }

    static String signalName(int sig) {
        return switch (sig) {
            case 1 -> "Hangup";
            case 2 -> "Interrupt";
            case 3 -> "Quit";
            case 4 -> "Illegal instruction";
            case 6 -> "Aborted";
            case 7 -> "Bus error";
            case 8 -> "Floating point exception";
            case 9 -> "Killed";
            case 11 -> "Segmentation fault";
            case 13 -> "Broken pipe";
            case 15 -> "Terminated";
            default -> "Unknown signal " + sig;
        };
    }
}
