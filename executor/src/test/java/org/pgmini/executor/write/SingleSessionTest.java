package org.pgmini.executor.write;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.pgmini.executor.TestDatabase;

/**
 * Base of tests that run SQL in one {@link DbSession} over a fresh database per test (in a
 * temporary directory, closed after the test, also when it failed).
 */
public abstract class SingleSessionTest {
    @TempDir
    protected Path dir;
    protected DbSession s;

    @BeforeEach
    void openSession() {
        s = new DbSession(TestDatabase.create(dir));
    }

    @AfterEach
    void closeSession() {
        s.close();
    }
}
