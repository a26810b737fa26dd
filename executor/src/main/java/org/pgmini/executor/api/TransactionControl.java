package org.pgmini.executor.api;

/**
 * The session's transaction block state. Until storage brings real transactions this only
 * tracks the block (and the GUC values a rollback must restore), but the contract is the
 * final one: each method returns the command tag PostgreSQL sends.
 */
public interface TransactionControl {
    /** BEGIN / START TRANSACTION; WARNING 25001 if already in a block. Returns "BEGIN". */
    String begin();

    /** COMMIT / END; WARNING 25P01 outside a block; in a failed block rolls back and returns "ROLLBACK". */
    String commit();

    /** ROLLBACK / ABORT; WARNING 25P01 outside a block. Returns "ROLLBACK". */
    String rollback();

    /** True between BEGIN and COMMIT/ROLLBACK. */
    boolean inBlock();
}
