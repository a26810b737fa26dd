package org.pgmini.server.worker;

import java.nio.charset.StandardCharsets;

import org.pgmini.shmem.main.MainSharedMemory;
import org.pgmini.shmem.main.ShmemStruct;
import org.pgmini.shmem.region.MappedRegion;
import org.pgmini.shmem.sync.Latch;

/**
 * The parallel worker slots in main shared memory ("Parallel Worker Slots"), one per possible
 * worker process (max_worker_processes), {@value #SLOT_SIZE} bytes each:
 *
 * <pre>
 *  0 state (int)          EMPTY / STARTING / IDLE / ASSIGNED
 *  4 pid (int)            written once by the worker at start, before its first IDLE
 *  8 generation (int)     job number, written by the postmaster with the job
 * 12 dsm handle (int)     ┐
 * 16 leader pid (int)     │ the job: written by the postmaster only while the state is IDLE
 * 20 worker number (int)  │ (before it publishes ASSIGNED), read by the worker only after it
 * 24 launched (int)       │ saw ASSIGNED and before it writes IDLE
 * 28 entry length (int)   │
 * 32 entry name (64 B)    ┘
 * 96 latch (16 B)         owned by the worker; the postmaster sets it after publishing a job
 *112 leader backend pid   part of the job (like the fields above): the leader session's pid as
 *    (int)                clients see it, for pg_stat_activity.leader_pid
 * </pre>
 *
 * <p>Who writes the state, and when: the postmaster writes EMPTY (at creation and after the
 * process exited), STARTING (when it spawns a process for the slot) and ASSIGNED (only when the
 * state is IDLE, under the pool's monitor); the worker writes IDLE (at start, from STARTING, and
 * after each job, from ASSIGNED). So the two sides never write the state in the same phase.
 * Ordering: job fields with plain stores, then the state with a volatile store (release); the
 * worker reads the state with a volatile load (acquire) before the fields. The worker resets its
 * latch before it looks at the state, so a job published after the look still wakes it.
 */
final class WorkerSlots {
    static final String STRUCT_NAME = "Parallel Worker Slots";
    static final int SLOT_SIZE = 128;
    static final int EMPTY = 0;
    static final int STARTING = 1;
    static final int IDLE = 2;
    static final int ASSIGNED = 3;
    static final int MAX_ENTRY_NAME = 64;

    private static final int STATE = 0;
    private static final int PID = 4;
    private static final int GENERATION = 8;
    private static final int DSM_HANDLE = 12;
    private static final int LEADER_PID = 16;
    private static final int WORKER_NUMBER = 20;
    private static final int LAUNCHED = 24;
    private static final int ENTRY_LENGTH = 28;
    private static final int ENTRY = 32;
    private static final int LATCH = 96;
    private static final int LEADER_BACKEND_PID = 112;

    private final MappedRegion region;
    private final long base;
    private final int count;

    private WorkerSlots(MappedRegion region, long base, int count) {
        this.region = region;
        this.base = base;
        this.count = count;
    }

    static long sizeFor(int count) {
        return (long) Math.max(1, count) * SLOT_SIZE;
    }

    /** Postmaster: allocates and formats the slots in a fresh main segment. */
    static WorkerSlots create(MainSharedMemory main, int count) {
        ShmemStruct s = main.initStruct(STRUCT_NAME, sizeFor(count));
        WorkerSlots slots = new WorkerSlots(main.region(), s.offset(), count);
        for (int i = 0; i < count; i++) {
            main.region().fill(slots.at(i), SLOT_SIZE, (byte) 0);
            Latch.init(main.region(), slots.at(i) + LATCH, 0);
        }
        return slots;
    }

    /** Worker: the slots in the main segment it attached. */
    static WorkerSlots attach(MainSharedMemory main) {
        ShmemStruct s = main.lookup(STRUCT_NAME);
        return new WorkerSlots(main.region(), s.offset(), (int) (s.size() / SLOT_SIZE));
    }

    int count() { return count; }

    private long at(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("worker slot " + i);
        }
        return base + (long) i * SLOT_SIZE;
    }

    int state(int i) { return region.getIntVolatile(at(i) + STATE); }
    void setState(int i, int state) { region.putIntVolatile(at(i) + STATE, state); }
    int pid(int i) { return region.getIntVolatile(at(i) + PID); }
    void setPid(int i, int pid) { region.putIntVolatile(at(i) + PID, pid); }
    int generation(int i) { return region.getIntVolatile(at(i) + GENERATION); }
    Latch latch(int i) { return new Latch(region, at(i) + LATCH); }

    /** Postmaster, state IDLE: writes the job and publishes it (ASSIGNED), then wakes the worker. */
    void assign(int i, int generation, Job job) {
        long s = at(i);
        byte[] name = job.entryPoint().getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_ENTRY_NAME) {
            throw new IllegalArgumentException("entry point name too long: " + job.entryPoint());
        }
        region.putInt(s + GENERATION, generation);
        region.putInt(s + DSM_HANDLE, job.dsmHandle());
        region.putInt(s + LEADER_PID, job.leaderPid());
        region.putInt(s + WORKER_NUMBER, job.workerNumber());
        region.putInt(s + LAUNCHED, job.launched());
        region.putInt(s + LEADER_BACKEND_PID, job.leaderBackendPid());
        region.putInt(s + ENTRY_LENGTH, name.length);
        region.putBytes(s + ENTRY, name, 0, name.length);
        region.putIntVolatile(s + STATE, ASSIGNED);
        latch(i).set();
    }

    /** Worker, after it saw ASSIGNED: the job. */
    Job job(int i) {
        long s = at(i);
        byte[] name = new byte[Math.min(MAX_ENTRY_NAME, region.getInt(s + ENTRY_LENGTH))];
        region.getBytes(s + ENTRY, name, 0, name.length);
        return new Job(region.getInt(s + DSM_HANDLE), new String(name, StandardCharsets.UTF_8),
                region.getInt(s + LEADER_PID), region.getInt(s + WORKER_NUMBER), region.getInt(s + LAUNCHED),
                region.getInt(s + LEADER_BACKEND_PID));
    }

    record Job(int dsmHandle, String entryPoint, int leaderPid, int workerNumber, int launched, int leaderBackendPid) {}
}
