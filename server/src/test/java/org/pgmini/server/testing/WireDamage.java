package org.pgmini.server.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.pgmini.server.testing.PgWireClient.Msg;

/**
 * The protocol damage both fuzz tests do (the unit-level one against a test engine and the
 * full-stack one against a real postmaster): broken framing of several kinds, many connections
 * at once, and the rule for what may come back.
 */
public final class WireDamage {
    /** How many framing-damage kinds {@link #framing} knows; kinds at or above it send a random stream. */
    public static final int FRAMING_KINDS = 5;

    /** Frontend message types random bodies are sent under (Terminate left out: it would just end the session). */
    private static final String MESSAGE_TYPES = "QPBDECSHFdcfYz\0";

    private WireDamage() {}

    /** A fuzz run on one connection, seeded. */
    @FunctionalInterface
    public interface SeededRun {
        void run(Random rnd) throws Exception;
    }

    /** Runs {@code count} seeded connections, eight at a time; a failure of any is this call's failure. */
    public static void onManyConnections(int count, long firstSeed, int secondsEach, SeededRun run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long seed = firstSeed + i;
                futures.add(pool.submit(() -> {
                    run.run(new Random(seed));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(secondsEach, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Breaks the framing one way: 0 random bytes instead of a startup packet, 1 a truncated
     * startup packet, 2 random typed messages with random bodies, 3 a message announcing more
     * bytes than it sends, 4 an oversized length, anything else a random byte stream. Kinds 2 and
     * up expect a started session.
     */
    public static void framing(PgWireClient c, Random rnd, int kind) throws IOException {
        switch (kind) {
            case 0 -> {
                byte[] junk = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(junk);
                c.raw(junk).flush();
            }
            case 1 -> c.raw(PgWireClient.int32(100)).raw(PgWireClient.int32(196608)).raw(new byte[10]).flush();
            case 2 -> {
                for (int i = 0; i < 20; i++) {
                    byte[] body = new byte[rnd.nextInt(64)];
                    rnd.nextBytes(body);
                    c.message(MESSAGE_TYPES.charAt(rnd.nextInt(MESSAGE_TYPES.length())), body);
                }
                c.flush();
            }
            case 3 -> c.raw(new byte[] {'Q'}).raw(PgWireClient.int32(5000)).raw("SELECT".getBytes(StandardCharsets.UTF_8)).flush();
            case 4 -> c.raw(new byte[] {'P'}).raw(PgWireClient.int32(0x7fffffff)).flush();
            default -> {
                byte[] junk = new byte[1 + rnd.nextInt(500)];
                rnd.nextBytes(junk);
                c.raw(junk).flush();
            }
        }
    }

    /**
     * Reads whatever comes back until the server closes or goes quiet, handing each message to
     * {@code seen}; a FATAL may only be a protocol violation, a refused startup or a lack of slots.
     */
    public static void drain(PgWireClient c, Consumer<Msg> seen) throws IOException {
        try {
            c.setReadTimeout(500);
            while (true) {
                Msg m = c.read();
                seen.accept(m);
                if (m.type() == 'E' && "FATAL".equals(m.fields().get('S'))) {
                    assertTrue(m.sqlState().startsWith("08") || m.sqlState().equals("28000")
                            || m.sqlState().equals("0A000") || m.sqlState().equals("53300"), m.toString());
                }
            }
        } catch (IOException expected) {
            // closed or quiet
        }
    }
}
