package org.pgmini.sqltests.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion with a time limit. Output (stdout and stderr
 * together, as a shell's {@code > file 2>&1} would) goes to a file or is captured. A
 * program that outlives its limit is killed together with its children.
 */
public final class Command {

    /** How a program ended. {@code exitCode} is -1 when it was killed for taking too long. */
    public record Outcome(int exitCode, boolean timedOut, String output) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private final List<String> argv;
    private Map<String, String> environment;
    private Path workingDirectory;
    private Path stdin;

    private Command(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv);
    }

    /** Replaces the whole environment of the child with this map. */
    public Command environment(Map<String, String> env) {
        this.environment = env;
        return this;
    }

    public Command directory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    public Command stdin(Path file) {
        this.stdin = file;
        return this;
    }

    public List<String> argv() {
        return argv;
    }

    /** Runs and captures the output in memory (for short outputs: CLI messages, logs). */
    public Outcome run(Duration limit) {
        try {
            Path tmp = Files.createTempFile("pgmini-cmd", ".out");
            try {
                Outcome outcome = runTo(tmp, limit);
                String text = Files.readString(tmp, StandardCharsets.UTF_8);
                return new Outcome(outcome.exitCode(), outcome.timedOut(), text);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs with stdout and stderr written to {@code output}; the outcome's text is empty. */
    public Outcome runTo(Path output, Duration limit) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv));
        if (environment != null) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectErrorStream(true);
        pb.redirectOutput(output.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Outcome(process.exitValue(), false, "");
            }
            killTree(process);
            return new Outcome(-1, true, "");
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Outcome(-1, true, "");
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
