package org.pgmini.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.Notice;
import org.pgmini.server.testing.TestSessionSettings;

/**
 * Savepoints in the transaction block and what they make the storage transaction and the GUC
 * stack do; error cases as PostgreSQL 15 answers them (checked with psql against it).
 */
class SavepointTest {
    /** Storage and GUC calls, in order. */
    private final List<String> calls = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();

    private final TestSessionSettings settings = new TestSessionSettings("u") {
        private int level = 1;

        @Override
        public void atTransactionStart() {
            level = 1;
            super.atTransactionStart();
        }

        @Override
        public void atTransactionCommit() {
            calls.add("guc commit");
            super.atTransactionCommit();
        }

        @Override
        public void atTransactionAbort() {
            calls.add("guc abort");
            super.atTransactionAbort();
        }

        @Override
        public int atSubTransactionStart() {
            calls.add("guc sub " + (level + 1));
            return ++level;
        }

        @Override
        public void atSubTransactionEnd(boolean commit, int l) {
            calls.add("guc end " + l + (commit ? " commit" : " abort"));
            level = l - 1;
        }
    };

    private final TransactionBlock txn = new TransactionBlock(settings, notices::add);

    SavepointTest() {
        txn.attachStorage(new StorageTransactions() {
            @Override public void statementStarting() { }
            @Override public void commit() { calls.add("commit"); }
            @Override public void abort() { calls.add("abort"); }
            @Override public void savepoint(String name) { calls.add("savepoint " + name); }
            @Override public void rollbackToSavepoint(String name) { calls.add("rollback to " + name); }
            @Override public void releaseSavepoint(String name) { calls.add("release " + name); }
        });
    }

    private static void assertError(String sqlState, String message, Runnable r) {
        PgException e = assertThrows(PgException.class, r::run);
        assertEquals(sqlState, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    @Test
    void outsideABlockEachIsAnError() {
        assertError("25P01", "SAVEPOINT can only be used in transaction blocks", () -> txn.savepoint("a"));
        assertError("25P01", "RELEASE SAVEPOINT can only be used in transaction blocks", () -> txn.releaseSavepoint("a"));
        assertError("25P01", "ROLLBACK TO SAVEPOINT can only be used in transaction blocks", () -> txn.rollbackToSavepoint("a"));
        // an implicit transaction (multi-statement Query) is not a block either
        txn.startBatch();
        txn.startStatement();
        assertError("25P01", "SAVEPOINT can only be used in transaction blocks", () -> txn.savepoint("x"));
        assertEquals(List.of(), calls);
    }

    @Test
    void releaseMergesAndCommitCommitsStorageFirst() {
        txn.begin();
        assertEquals("SAVEPOINT", txn.savepoint("a"));
        assertEquals("SAVEPOINT", txn.savepoint("b"));
        assertEquals(List.of("a", "b"), txn.savepointNames());
        assertEquals("RELEASE", txn.releaseSavepoint("a")); // releases b too
        assertEquals(List.of(), txn.savepointNames());
        assertEquals("COMMIT", txn.commit());
        assertEquals(List.of("guc sub 2", "savepoint a", "guc sub 3", "savepoint b", "release a", "guc end 2 commit",
                "commit", "guc commit"), calls);
    }

    @Test
    void rollbackToKeepsTheSavepointAndDropsInnerOnes() {
        txn.begin();
        txn.savepoint("a");
        txn.savepoint("b");
        calls.clear();
        assertEquals("ROLLBACK", txn.rollbackToSavepoint("a"));
        assertEquals(List.of("a"), txn.savepointNames());
        assertEquals(List.of("rollback to a", "guc end 2 abort", "guc sub 2"), calls);
        assertEquals('T', txn.status());
    }

    @Test
    void duplicateNamesResolveToTheNewest() {
        txn.begin();
        txn.savepoint("a");
        txn.savepoint("a");
        txn.releaseSavepoint("a");
        assertEquals(List.of("a"), txn.savepointNames());
        txn.releaseSavepoint("a");
        assertEquals(List.of(), txn.savepointNames());
        assertError("3B001", "savepoint \"a\" does not exist", () -> txn.releaseSavepoint("a"));
    }

    @Test
    void anErrorWithoutSavepointsAbortsStorageAtOnce() {
        txn.begin();
        txn.startStatement();
        txn.abortOnError();
        assertEquals('E', txn.status());
        assertEquals(List.of("abort", "guc abort"), calls);
        // ROLLBACK TO an unknown name: 3B001, the block stays failed
        assertError("3B001", "savepoint \"a\" does not exist", () -> txn.rollbackToSavepoint("a"));
        txn.abortOnError();
        assertEquals('E', txn.status());
        assertEquals("ROLLBACK", txn.commit()); // COMMIT of a failed block rolls back; nothing more to abort
        assertEquals(List.of("abort", "guc abort"), calls);
        assertEquals('I', txn.status());
    }

    @Test
    void anErrorUnderASavepointUndoesOnlyItsWorkAndRollbackToResumes() {
        txn.begin();
        txn.savepoint("a");
        txn.savepoint("b");
        calls.clear();
        txn.startStatement();
        txn.abortOnError(); // e.g. division by zero inside b
        assertEquals('E', txn.status());
        assertEquals(List.of("rollback to b", "guc end 3 abort", "guc sub 3"), calls);
        assertError("25P02", "current transaction is aborted, commands ignored until end of transaction block",
                () -> txn.savepoint("c"));
        assertError("25P02", "current transaction is aborted, commands ignored until end of transaction block",
                () -> txn.releaseSavepoint("a"));
        calls.clear();
        assertEquals("ROLLBACK", txn.rollbackToSavepoint("a"));
        assertEquals('T', txn.status());
        assertEquals(List.of("rollback to a", "guc end 2 abort", "guc sub 2"), calls);
        calls.clear();
        assertEquals("COMMIT", txn.commit()); // the work before "a" commits
        assertEquals(List.of("commit", "guc commit"), calls);
    }

    @Test
    void rollbackOfAFailedBlockWithSavepointsAbortsTheTopLevelOnce() {
        txn.begin();
        txn.savepoint("a");
        txn.startStatement();
        txn.abortOnError();
        calls.clear();
        assertEquals("ROLLBACK", txn.rollback());
        assertEquals(List.of("abort", "guc abort"), calls);
        assertEquals('I', txn.status());
        assertEquals(List.of(), txn.savepointNames());
    }

    @Test
    void unknownNameInAnOpenBlockFailsTheBlock() {
        txn.begin();
        txn.savepoint("a");
        assertError("3B001", "savepoint \"x\" does not exist", () -> txn.rollbackToSavepoint("x"));
        txn.abortOnError(); // the session does this for every error in a block
        assertEquals('E', txn.status());
        assertEquals("ROLLBACK", txn.rollbackToSavepoint("a"));
        assertEquals('T', txn.status());
    }

    @Test
    void sessionEndRollsBackEverything() {
        txn.begin();
        txn.savepoint("a");
        calls.clear();
        txn.abortAll();
        assertEquals(List.of("abort", "guc abort"), calls);
    }

    @Test
    void aFailedCommitStillEndsTheBlockAndUndoesSets() {
        TransactionBlock t = new TransactionBlock(settings, notices::add);
        t.attachStorage(new StorageTransactions() {
            @Override public void statementStarting() { }
            @Override public void commit() { throw new PgException("58030", "could not write WAL"); }
            @Override public void abort() { calls.add("abort"); }
            @Override public void savepoint(String name) { }
            @Override public void rollbackToSavepoint(String name) { }
            @Override public void releaseSavepoint(String name) { }
        });
        t.begin();
        assertError("58030", "could not write WAL", t::commit);
        assertEquals('I', t.status());
        assertEquals(List.of("guc abort"), calls);
    }
}
