package org.pgmini.server.worker;

import java.nio.file.Path;

import org.pgmini.executor.parallel.ParallelWorkerMain;
import org.pgmini.shmem.BackendSharedMemory;
import org.pgmini.shmem.SharedMemoryState;
import org.pgmini.shmem.dsm.DsmImplKind;
import org.pgmini.shmem.libc.LibC;
import org.pgmini.shmem.libc.Processes;
import org.pgmini.shmem.sync.Latch;
import org.pgmini.shmem.sync.PostmasterDeath;

/**
 * Main class of a parallel worker JVM, started by {@link WorkerPool} from the postmaster's class
 * path: {@code ParallelWorkerProcess DATADIR SLOT POSTMASTER_PID DSM_KIND CONTROL_HANDLE MAIN_SEGMENT}.
 *
 * <p>It asks for SIGKILL when the postmaster's spawning thread dies (PR_SET_PDEATHSIG) and, since
 * that can race with a postmaster that died before the call, also checks its parent and watches
 * the postmaster in every latch wait. Then it attaches shared memory, announces itself in its slot
 * (pid, IDLE) and serves jobs until the postmaster goes away: exit code 0 on postmaster death
 * (nothing left to protect), 1 on a setup failure, 3 on an unexpected JVM error (the postmaster
 * treats anything but 0 and 1 as a crash and restarts, as for PostgreSQL's background workers).
 */
public final class ParallelWorkerProcess {
    private static final int SIGKILL = 9;

    private ParallelWorkerProcess() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int slot = Integer.parseInt(args[1]);
        int postmasterPid = Integer.parseInt(args[2]);
        Processes.setParentDeathSignal(SIGKILL);
        if (LibC.getppid() != postmasterPid) {
            System.exit(0); // the postmaster died before PR_SET_PDEATHSIG was in place
        }
        SharedMemoryState state = new SharedMemoryState(postmasterPid, DsmImplKind.fromGucName(args[3]),
                Integer.parseInt(args[4]), args[5]);
        BackendSharedMemory shm;
        WorkerSlots slots;
        try {
            shm = BackendSharedMemory.attach(dataDir, state);
            slots = WorkerSlots.attach(shm.main());
            // jobs that read tables attach the postmaster's buffer pool and clog (read-only) per job
            org.pgmini.executor.parallel.WorkerStorageSource.install(() -> org.pgmini.storage.WorkerStorage.attach(dataDir,
                    org.pgmini.storage.shared.MainSegmentRegion.attach(shm.main(),
                            org.pgmini.server.storage.ServerDatabase.SHMEM_STRUCT), 0));
        } catch (RuntimeException e) {
            System.err.println("FATAL:  parallel worker could not attach to shared memory: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            serve(shm, slots, slot);
        } catch (Throwable t) {
            System.err.println("PANIC:  parallel worker failed: " + t);
            t.printStackTrace();
            Runtime.getRuntime().halt(3);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void serve(BackendSharedMemory shm, WorkerSlots slots, int slot) {
        int me = Processes.myPid();
        Latch latch = slots.latch(slot);
        latch.setOwnerPid(me);
        slots.setPid(slot, me);
        slots.setState(slot, WorkerSlots.IDLE);
        for (;;) {
            latch.reset();
            if (slots.state(slot) == WorkerSlots.ASSIGNED) {
                WorkerSlots.Job job = slots.job(slot);
                boolean[] done = {false};
                Runnable markIdle = () -> {
                    if (!done[0]) {
                        done[0] = true;
                        slots.setState(slot, WorkerSlots.IDLE);
                    }
                };
                try {
                    ParallelWorkerMain.runJob(shm.dsm(), job.dsmHandle(), job.entryPoint(), job.workerNumber(),
                            job.launched(), markIdle);
                } catch (RuntimeException e) {
                    // The job could not even start (its leader already left, ...): the leader, if it
                    // still waits, sees this worker stop running the job.
                    System.err.println("LOG:  parallel worker could not run its job: " + e.getMessage());
                } finally {
                    markIdle.run();
                }
                continue;
            }
            int r = latch.await(-1, null);
            if ((r & Latch.WL_POSTMASTER_DEATH) != 0 || PostmasterDeath.isDead()) {
                return;
            }
        }
    }
}
