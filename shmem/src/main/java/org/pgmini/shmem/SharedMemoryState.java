package org.pgmini.shmem;

import org.pgmini.error.PgException;
import org.pgmini.shmem.dsm.DsmImplKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a running postmaster has in shared memory, recorded in {@code pg_dynshmem/state} so that
 * a postmaster starting after a crash can remove it ({@link CrashCleanup}), and so that worker JVMs
 * know what to attach. PostgreSQL keeps the equivalent in postmaster.pid (line 7, the SysV key of
 * its main segment, whose header holds the DSM control handle); the server may copy these values
 * into postmaster.pid as well, but this file is what the cleanup reads, so shmem depends on no
 * other module's file format.
 *
 * <p>Format: {@code key=value} lines; written to a temporary file and renamed, so a reader sees
 * either the old or the new contents.
 */
public record SharedMemoryState(int postmasterPid, DsmImplKind dsmKind, int dsmControlHandle, String mainSegmentName) {

    public static final String FILE_NAME = "state";

    public static Path fileIn(Path dataDir) {
        return dataDir.resolve("pg_dynshmem").resolve(FILE_NAME);
    }

    public void write(Path dataDir) {
        Path file = fileIn(dataDir);
        StringBuilder sb = new StringBuilder();
        sb.append("# pgmini shared memory of the running postmaster; removed at clean shutdown\n");
        sb.append("postmaster_pid=").append(postmasterPid).append('\n');
        sb.append("dynamic_shared_memory_type=").append(dsmKind.gucName()).append('\n');
        sb.append("dsm_control_handle=").append(Integer.toUnsignedString(dsmControlHandle)).append('\n');
        sb.append("main_segment=").append(mainSegmentName == null ? "" : mainSegmentName).append('\n');
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PgException("58030", "could not write file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /** The recorded state, or null if the file does not exist. */
    public static SharedMemoryState read(Path dataDir) {
        Path file = fileIn(dataDir);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new PgException("58030", "could not read file \"" + file + "\": " + e.getMessage(), e);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            String main = kv.getOrDefault("main_segment", "");
            return new SharedMemoryState(Integer.parseInt(kv.get("postmaster_pid")),
                    DsmImplKind.fromGucName(kv.get("dynamic_shared_memory_type")),
                    Integer.parseUnsignedInt(kv.get("dsm_control_handle")),
                    main.isEmpty() ? null : main);
        } catch (RuntimeException e) {
            throw new PgException("XX001", "invalid contents in file \"" + file + "\"", e);
        }
    }

    public static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(fileIn(dataDir));
        } catch (IOException e) {
            throw new PgException("58030", "could not remove file \"" + fileIn(dataDir) + "\": " + e.getMessage(), e);
        }
    }
}
