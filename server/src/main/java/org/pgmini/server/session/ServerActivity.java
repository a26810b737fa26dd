package org.pgmini.server.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pgmini.executor.api.BackendStatus;
import org.pgmini.server.worker.WorkerPool;

/**
 * Builds pg_stat_activity's rows: one per client backend, then one per parallel worker process.
 * A worker on a job shows its leader's database, user, application and query with state
 * {@code active} and {@code leader_pid}, as PostgreSQL's parallel workers do. pgmini keeps idle
 * workers warm between queries (PostgreSQL's exit): those show state {@code idle}, no leader
 * and no query.
 */
public final class ServerActivity {
    private ServerActivity() {
    }

    public static List<BackendStatus> collect(List<BackendActivity> backends, List<WorkerPool.WorkerProcess> workers) {
        List<BackendStatus> out = new ArrayList<>(backends.size() + workers.size());
        Map<Integer, BackendActivity> byPid = new HashMap<>();
        for (BackendActivity b : backends) {
            byPid.put(b.pid(), b);
            String addr = b.clientAddress() == null ? null : b.clientAddress().getHostAddress();
            out.add(new BackendStatus(b.pid(), null, b.databaseName(), b.userName(), b.applicationName(), addr,
                    b.clientPort(), millis(b.backendStart()), micros(b.xactStartMicros()), millis(b.queryStart()),
                    millis(b.stateChange()), b.state(), b.query(), "client backend"));
        }
        for (WorkerPool.WorkerProcess w : workers) {
            BackendActivity leader = w.leaderPid() == 0 ? null : byPid.get(w.leaderPid());
            if (leader != null) {
                out.add(new BackendStatus(w.pid(), w.leaderPid(), leader.databaseName(), leader.userName(),
                        leader.applicationName(), null, null, w.started(), micros(leader.xactStartMicros()),
                        millis(leader.queryStart()), millis(leader.queryStart()), "active", leader.query(),
                        "parallel worker"));
            } else if (w.leaderPid() != 0) {
                // on a job whose leader session just went away: still busy until the job ends
                out.add(new BackendStatus(w.pid(), w.leaderPid(), null, null, "", null, null, w.started(), null, null,
                        null, "active", "", "parallel worker"));
            } else {
                out.add(new BackendStatus(w.pid(), null, null, null, "", null, null, w.started(), null, null, null,
                        "idle", "", "parallel worker"));
            }
        }
        return out;
    }

    private static Instant millis(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Instant micros(long epochMicros) {
        return epochMicros == 0 ? null : Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }
}
