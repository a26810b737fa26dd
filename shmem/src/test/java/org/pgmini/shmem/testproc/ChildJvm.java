package org.pgmini.shmem.testproc;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real second JVM running {@link ChildMain}, with a line protocol over its stdin/stdout. Closing
 * it kills the process if it is still running, so a failing test leaves nothing behind.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            } finally {
                lines.add(EOF);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(String... args) throws IOException {
        return start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args);
    }

    public static ChildJvm start(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(jvmOptions);
        cmd.add(ChildMain.class.getName());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("childjvm", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.directory(new File(System.getProperty("java.io.tmpdir")));
        return new ChildJvm(pb.start(), err);
    }

    public long pid() { return process.pid(); }
    public Process process() { return process; }

    public void send(String line) {
        in.println(line);
    }

    /** The next line of output; fails after {@code timeoutMs} or if the child ended. */
    public String readLine(long timeoutMs) throws InterruptedException {
        String l = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (l == null) {
            throw new AssertionError("child said nothing within " + timeoutMs + " ms" + stderrText());
        }
        if (l.equals(EOF)) {
            lines.add(EOF);
            throw new AssertionError("child ended" + stderrText());
        }
        return l;
    }

    /** Reads lines until one starts with {@code prefix}; returns the rest of it. */
    public String expect(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (;;) {
            String l = readLine(Math.max(1, deadline - System.currentTimeMillis()));
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public int waitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child did not exit within " + timeoutMs + " ms" + stderrText());
        }
        return process.exitValue();
    }

    public String stderrText() {
        try {
            String s = Files.readString(stderr);
            return s.isEmpty() ? "" : "; stderr:\n" + s;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill9();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
