package org.pgmini.server.worker;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.WorkerLauncher;
import org.pgmini.shmem.PostmasterSharedMemory;
import org.pgmini.shmem.SharedMemoryState;
import org.pgmini.shmem.dsm.Dsm;
import org.pgmini.shmem.libc.Processes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postmaster's parallel worker processes: at most max_worker_processes JVMs, started on first
 * demand (so server start stays fast and a server that never runs parallel work starts none) and
 * kept warm afterwards, each bound to one {@link WorkerSlots} slot.
 *
 * <p>Processes are spawned by one long-lived thread ({@code worker-spawner}): the kernel's
 * PR_SET_PDEATHSIG, which each worker sets, fires when the <em>thread</em> that forked it exits.
 * Exits are seen through {@link Process#onExit()}: a clean exit (0 or 1) frees the slot; anything
 * else is handed to the crash handler (the postmaster's crash-and-restart), unless the pool itself
 * is killing its workers.
 *
 * <p>Locking: the monitor of this object protects {@link #procs}, {@link #epoch}, the choice of
 * slots and the postmaster's writes to the slots. {@link #launch} holds it while it waits for
 * freshly spawned workers to become ready (at most {@link #START_TIMEOUT_MS}); launches are rare
 * and short compared with a JVM start.
 */
public final class WorkerPool implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("postmaster");
    static final long START_TIMEOUT_MS = 30_000;
    public static final String MAIN_CLASS = ParallelWorkerProcess.class.getName();

    private final Path dataDir;
    private final int maxWorkerProcesses;
    private final IntSupplier maxParallelWorkers;
    private final Consumer<WorkerExit> crashHandler;
    private final BlockingQueue<Runnable> spawnRequests = new LinkedBlockingQueue<>();
    private final Thread spawner;
    private final Process[] procs;
    private PostmasterSharedMemory shm;
    private WorkerSlots slots;
    /** Incremented whenever the slots are re-created or the pool kills its workers: older exits are expected. */
    private int epoch;
    private int nextGeneration;
    private boolean closed;

    public WorkerPool(Path dataDir, int maxWorkerProcesses, IntSupplier maxParallelWorkers, Consumer<WorkerExit> crashHandler) {
        this.dataDir = dataDir;
        this.maxWorkerProcesses = maxWorkerProcesses;
        this.maxParallelWorkers = maxParallelWorkers;
        this.crashHandler = crashHandler;
        this.procs = new Process[maxWorkerProcesses];
        this.spawner = new Thread(this::spawnLoop, "worker-spawner");
        spawner.setDaemon(true);
        spawner.start();
    }

    /** Bytes of main shared memory the slots need. */
    public static long sharedMemorySize(int maxWorkerProcesses) {
        return WorkerSlots.sizeFor(maxWorkerProcesses);
    }

    /** Binds the pool to (newly created or re-created) shared memory; every slot starts EMPTY. */
    public synchronized void attach(PostmasterSharedMemory shm) {
        this.shm = shm;
        this.slots = WorkerSlots.create(shm.main(), maxWorkerProcesses);
        epoch++;
    }

    @Override
    public synchronized Dsm dsm() {
        if (shm == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "dynamic shared memory is not available");
        }
        return shm.dsm();
    }

    @Override
    public LaunchedWorkers launch(int nworkers, int dsmHandle, String entryPoint, int leaderPid, int leaderBackendPid) {
        List<Integer> chosen = new ArrayList<>();
        int[] gens;
        int[] pids;
        synchronized (this) {
            if (closed || slots == null || nworkers <= 0) {
                return new Launched(slots, new int[0], new int[0], new int[0]);
            }
            int busy = 0;
            for (int i = 0; i < maxWorkerProcesses; i++) {
                if (slots.state(i) == WorkerSlots.ASSIGNED) {
                    busy++;
                }
            }
            int allowed = Math.min(nworkers, maxParallelWorkers.getAsInt() - busy);
            if (allowed <= 0) {
                return new Launched(slots, new int[0], new int[0], new int[0]);
            }
            pickIdle(chosen, allowed);
            if (chosen.size() < allowed) {
                spawnAndWait(allowed - chosen.size());
                chosen.clear();
                pickIdle(chosen, allowed);
            }
            gens = new int[chosen.size()];
            pids = new int[chosen.size()];
            int[] idx = new int[chosen.size()];
            for (int k = 0; k < chosen.size(); k++) {
                int i = chosen.get(k);
                idx[k] = i;
                gens[k] = ++nextGeneration;
                pids[k] = slots.pid(i);
                slots.assign(i, gens[k], new WorkerSlots.Job(dsmHandle, entryPoint, leaderPid, k, chosen.size(), leaderBackendPid));
            }
            return new Launched(slots, idx, gens, pids);
        }
    }

    private void pickIdle(List<Integer> out, int max) {
        for (int i = 0; i < maxWorkerProcesses && out.size() < max; i++) {
            if (procs[i] != null && procs[i].isAlive() && slots.state(i) == WorkerSlots.IDLE) {
                out.add(i);
            }
        }
    }

    /** Starts up to {@code n} new workers in EMPTY slots and waits until they are IDLE (or gone, or the time is up). */
    private void spawnAndWait(int n) {
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < maxWorkerProcesses && started.size() < n; i++) {
            if (procs[i] == null && slots.state(i) == WorkerSlots.EMPTY) {
                Process p = spawn(i);
                if (p != null) {
                    started.add(i);
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        for (int i : started) {
            while (slots.state(i) == WorkerSlots.STARTING && procs[i] != null && procs[i].isAlive()
                    && System.nanoTime() < deadline) {
                try {
                    wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Spawns the JVM of slot {@code i} on the spawner thread; null if that failed (logged). */
    private Process spawn(int i) {
        SharedMemoryState st = shm.state();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=4");
        cmd.add("-Xss1m");
        for (String prop : new String[] {"pgmini.shmem.spinNanos", "logback.configurationFile"}) {
            String v = System.getProperty(prop);
            if (v != null) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.add(dataDir.toString());
        cmd.add(Integer.toString(i));
        cmd.add(Integer.toString(Processes.myPid()));
        cmd.add(st.dsmKind().gucName());
        cmd.add(Integer.toString(st.dsmControlHandle()));
        cmd.add(st.mainSegmentName());
        CompletableFuture<Process> f = new CompletableFuture<>();
        spawnRequests.add(() -> {
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
                f.complete(pb.start());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        Process p;
        try {
            p = f.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("could not start parallel worker process: " + e);
            return null;
        }
        procs[i] = p;
        slots.setState(i, WorkerSlots.STARTING);
        int myEpoch = epoch;
        p.onExit().thenAccept(done -> exited(i, done, myEpoch));
        return p;
    }

    private void spawnLoop() {
        for (;;) {
            try {
                spawnRequests.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void exited(int slot, Process p, int processEpoch) {
        WorkerExit exit = new WorkerExit((int) p.pid(), p.exitValue());
        boolean expected;
        synchronized (this) {
            expected = closed || processEpoch != epoch;
            if (procs[slot] == p) {
                procs[slot] = null;
                if (processEpoch == epoch && slots != null) {
                    slots.setState(slot, WorkerSlots.EMPTY);
                }
            }
            notifyAll();
        }
        if (!expected && exit.isCrash()) {
            crashHandler.accept(exit);
        } else if (!expected) {
            LOG.debug(exit.describe());
        }
    }

    /**
     * Kills every worker (SIGKILL: a worker holds nothing that needs cleaning up, and after a crash
     * shared memory is suspect) and waits for them to exit. Their exits are expected, not crashes.
     * Used by crash-and-restart, before shared memory is re-created.
     */
    public void killAll(long timeoutMillis) {
        List<Process> victims = new ArrayList<>();
        synchronized (this) {
            epoch++;
            for (int i = 0; i < procs.length; i++) {
                if (procs[i] != null) {
                    victims.add(procs[i]);
                    procs[i] = null;
                }
            }
            slots = null;
        }
        for (Process p : victims) {
            p.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Process p : victims) {
            try {
                p.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Postmaster exit: no more launches, all workers killed. */
    public void shutdown() {
        synchronized (this) {
            closed = true;
        }
        killAll(5000);
        spawner.interrupt();
    }

    /** A live worker process for pg_stat_activity; {@code leaderPid} (the leader's backend pid) is 0 while it waits for a job. */
    public record WorkerProcess(int slot, int pid, java.time.Instant started, int leaderPid) {}

    /** pg_stat_activity material: every live worker process (a snapshot; jobs change meanwhile). */
    public synchronized List<WorkerProcess> processes() {
        List<WorkerProcess> out = new ArrayList<>();
        for (int i = 0; i < procs.length; i++) {
            if (procs[i] != null && slots != null) {
                int leader = slots.state(i) == WorkerSlots.ASSIGNED ? slots.job(i).leaderBackendPid() : 0;
                java.time.Instant started = procs[i].toHandle().info().startInstant().orElse(null);
                out.add(new WorkerProcess(i, (int) procs[i].pid(), started, leader));
            }
        }
        return out;
    }

    /** The workers of one launch: slot indices and job generations, checked against the slots. */
    private static final class Launched implements LaunchedWorkers {
        private final WorkerSlots slots;
        private final int[] slotIndex;
        private final int[] generation;
        private final int[] pid;

        Launched(WorkerSlots slots, int[] slotIndex, int[] generation, int[] pid) {
            this.slots = slots;
            this.slotIndex = slotIndex;
            this.generation = generation;
            this.pid = pid;
        }

        @Override
        public int count() {
            return slotIndex.length;
        }

        @Override
        public int pid(int i) {
            return pid[i];
        }

        @Override
        public boolean isRunning(int i) {
            int s = slotIndex[i];
            return slots.state(s) == WorkerSlots.ASSIGNED && slots.generation(s) == generation[i]
                    && Processes.isAlive(pid[i]);
        }
    }
}
