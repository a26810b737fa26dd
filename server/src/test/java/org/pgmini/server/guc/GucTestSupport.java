package org.pgmini.server.guc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.function.Executable;
import org.pgmini.error.PgException;

final class GucTestSupport {
    private GucTestSupport() {}

    static ServerConfig server(Path dir, String conf) throws IOException {
        Files.writeString(dir.resolve("postgresql.conf"), conf);
        return ServerConfig.load(dir, List.of(), Map.of());
    }

    static SessionGucs session(ServerConfig server) {
        return new SessionGucs(server, "alice", true, () -> {
            server.reload();
            return true;
        });
    }

    static PgException fails(String sqlState, String message, Executable e) {
        PgException ex = assertThrows(PgException.class, e);
        assertEquals(message, ex.getMessage());
        assertEquals(sqlState, ex.sqlState());
        return ex;
    }
}
