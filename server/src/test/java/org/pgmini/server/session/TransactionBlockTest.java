package org.pgmini.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.Notice;
import org.pgmini.server.testing.TestSessionSettings;

/** The transaction block state machine and its settings hooks, without a connection. */
class TransactionBlockTest {
    /** The settings hooks called, in order. */
    private final List<String> hooks = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final TransactionBlock txn = new TransactionBlock(new TestSessionSettings("u") {
        @Override
        public void atTransactionStart() {
            hooks.add("start");
            super.atTransactionStart();
        }

        @Override
        public void atTransactionCommit() {
            hooks.add("commit");
            super.atTransactionCommit();
        }

        @Override
        public void atTransactionAbort() {
            hooks.add("abort");
            super.atTransactionAbort();
        }
    }, notices::add);

    @Test
    void singleStatementCommitsAtItsEnd() {
        txn.startStatement();
        assertEquals('I', txn.status());
        txn.endStatement();
        txn.endOfBatch();
        assertEquals(List.of("start", "commit"), hooks);
        assertFalse(txn.inTransaction());
    }

    @Test
    void batchCommitsOnceAtItsEnd() {
        txn.startBatch();
        txn.startStatement();
        txn.endStatement();
        txn.startStatement();
        txn.endStatement();
        assertEquals(List.of("start"), hooks);
        txn.endOfBatch();
        assertEquals(List.of("start", "commit"), hooks);
    }

    @Test
    void blockLifecycleAndStatusBytes() {
        txn.startStatement();
        assertEquals("BEGIN", txn.begin());
        txn.endStatement();
        txn.endOfBatch();
        assertEquals('T', txn.status());
        assertTrue(txn.inBlock());
        long generation = txn.generation();
        txn.startStatement();
        txn.abortOnError();
        assertEquals('E', txn.status());
        assertTrue(txn.isAborted());
        assertTrue(txn.generation() > generation, "portals of the failed transaction are gone");
        assertThrows(PgException.class, txn::begin);
        assertEquals("ROLLBACK", txn.commit()); // COMMIT of a failed block rolls back
        assertEquals('I', txn.status());
        assertEquals(List.of("start", "abort"), hooks); // leaving FAILED calls no second hook
        assertTrue(notices.isEmpty());
    }

    @Test
    void redundantControlWarnsLikePostgres() {
        txn.startStatement();
        txn.begin();
        txn.begin();
        assertEquals("25001", notices.get(0).sqlState());
        assertEquals("WARNING", notices.get(0).severity());
        txn.commit();
        txn.startStatement();
        assertEquals("ROLLBACK", txn.rollback());
        assertEquals("25P01", notices.get(1).sqlState());
        assertEquals("there is no transaction in progress", notices.get(1).message());
        assertEquals(List.of("start", "commit", "start", "abort"), hooks);
    }

    @Test
    void commitInsideImplicitBatchEndsItAndTheNextStatementStartsAnother() {
        txn.startBatch();
        txn.startStatement();
        assertEquals("COMMIT", txn.commit());
        txn.endStatement();
        txn.startStatement();
        txn.endStatement();
        txn.endOfBatch();
        assertEquals(List.of("start", "commit", "start", "commit"), hooks);
        assertEquals(1, notices.size());
    }

    @Test
    void connectionLossRollsBackWhateverIsOpen() {
        txn.startStatement();
        txn.begin();
        txn.abortAll();
        assertEquals(List.of("start", "abort"), hooks);
        assertEquals('I', txn.status());
    }
}
