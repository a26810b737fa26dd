#!/usr/bin/env bash
# shm_mq through parallel worker processes, measured with SQL: test_shm_mq_pipelined throughput
# for 64 B, 8 KiB and 1 MiB messages through 1 and 2 workers, and the round-trip latency of the
# basic test_shm_mq, next to single-thread memcpy bandwidth measured in the same run.
#
#   sql-tests/bench/shm_mq.sh          (BENCH_SCALE=2 doubles the message counts)
#
# Starts a temporary pgmini (bin/pgmini initdb/start on a temp dir and a free port; the jar is
# built first if missing), runs each statement once to warm the workers' JIT and once measured
# (wall clock around psql), prints MB/s of message payload leader -> ... -> leader, messages/s,
# and the ratio to memcpy, then stops the server (also on failure or Ctrl-C).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
scale=${BENCH_SCALE:-1}
queue=${BENCH_QUEUE:-4194304}

if [[ ! -f $repo/server/target/pgmini-server.jar ]]; then
    echo "building the server ..."
    (cd "$repo" && flock /tmp/pgmini-mvn.lock mvn -B -o -q -DskipTests package -pl server -am)
fi

work=$(mktemp -d /tmp/pgmini-shmmq-bench.XXXXXX)
started=false
cleanup() {
    if $started; then "$repo/bin/pgmini" stop -D "$work/data" -m fast >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$repo/bin/pgmini" initdb -D "$work/data" -U bench --auth=trust >/dev/null
PGMINI_CDS=off "$repo/bin/pgmini" start -D "$work/data" -p "$port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories= -c max_worker_processes=4 -l "$work/log" >/dev/null
started=true

# Single-thread memcpy bandwidth, same method as shmem's ShmMqBench: 8 KiB blocks copied
# around a 4 MiB working set (in cache) and 1 MiB blocks around 256 MiB (memory bound).
cat >"$work/Memcpy.java" <<'JAVA'
import java.nio.ByteBuffer;
public class Memcpy {
    static double run(int workingSet, int block, double seconds) {
        ByteBuffer src = ByteBuffer.allocateDirect(workingSet), dst = ByteBuffer.allocateDirect(workingSet);
        long bytes = 0, start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        int off = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                dst.put(off, src, off, block);
                off += block;
                if (off + block > workingSet) off = 0;
                bytes += block;
            }
        }
        return bytes / ((System.nanoTime() - start) / 1e9);
    }
    public static void main(String[] a) {
        run(4 << 20, 8192, 0.3);
        System.out.printf("%.0f %.0f%n", run(4 << 20, 8192, 1.0) / 1e6, run(256 << 20, 1 << 20, 1.0) / 1e6);
    }
}
JAVA
read -r memcpy_cache memcpy_large < <(java "$work/Memcpy.java")

sql() { psql -X -q -h 127.0.0.1 -p "$port" -U bench -d postgres -v ON_ERROR_STOP=1 -f - >/dev/null; }
msg() { python3 -c "import sys; sys.stdout.write(('abcdefghijklmnopqrstuvwxyz' * ($1 // 26 + 1))[:$1])"; }
now() { date +%s.%N; }

echo "single-thread memcpy: ${memcpy_cache} MB/s (8 KiB blocks, 4 MiB working set), ${memcpy_large} MB/s (1 MiB blocks, 256 MiB)"
echo "test_shm_mq_pipelined, queue ${queue} bytes, payload verified by the leader:"
printf '%10s %8s %10s %12s %10s %18s\n' "msg size" workers messages "messages/s" "MB/s" "ratio to memcpy"
for spec in "64 500000" "8192 200000" "1048576 2000"; do
    read -r size count <<<"$spec"
    count=$((count * scale))
    m=$(msg "$size")
    for workers in 1 2; do
        echo "select test_shm_mq_pipelined($queue, '$m', $((count / 10 + 1)), $workers);" | sql
        # the same statement with one message: psql start, parse of the literal, segment setup
        b0=$(now)
        echo "select test_shm_mq_pipelined($queue, '$m', 1, $workers);" | sql
        b1=$(now)
        t0=$(now)
        echo "select test_shm_mq_pipelined($queue, '$m', $count, $workers);" | sql
        t1=$(now)
        python3 - "$size" "$workers" "$count" "$t0" "$t1" "$memcpy_cache" "$memcpy_large" "$b0" "$b1" <<'PY'
import sys
size, workers, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
# messages 2..count over the time beyond the one-message statement
secs = max(1e-6, (float(sys.argv[5]) - float(sys.argv[4])) - (float(sys.argv[9]) - float(sys.argv[8])))
count -= 1
mbs = size * count / secs / 1e6
print("%10s %8d %10d %12.0f %10.0f %11.2f / %.2f" % (
    {64: "64 B", 8192: "8 KiB", 1048576: "1 MiB"}[size], workers, count, count / secs, mbs,
    mbs / float(sys.argv[6]), mbs / float(sys.argv[7])))
PY
    done
done
echo "(MB/s: message payload per second leader -> workers -> leader, each message crosses workers+1 queues;"
echo " ratio: to the in-cache memcpy / to the 256 MiB one; the time of the same statement with one"
echo " message (psql start, parsing the literal, segment setup) is subtracted)"

echo "test_shm_mq round trip (one 64 B message at a time through the ring):"
for workers in 1 2; do
    n=$((20000 * scale))
    echo "select test_shm_mq(65536, 'x', 1000, $workers);" | sql
    b0=$(now)
    echo "select test_shm_mq(65536, '$(msg 64)', 1, $workers);" | sql
    b1=$(now)
    t0=$(now)
    echo "select test_shm_mq(65536, '$(msg 64)', $n, $workers);" | sql
    t1=$(now)
    python3 -c "s=($t1-$t0)-($b1-$b0); print('  %d worker(s): %.1f us per round trip (%d round trips in %.2f s)' % ($workers, s/$n*1e6, $n, s))"
done
