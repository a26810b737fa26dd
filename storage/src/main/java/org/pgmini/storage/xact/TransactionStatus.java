package org.pgmini.storage.xact;

/** The 2-bit commit-log states, with PostgreSQL's encoding. */
public enum TransactionStatus {
    IN_PROGRESS(0), COMMITTED(1), ABORTED(2), SUB_COMMITTED(3);

    private final int bits;

    TransactionStatus(int bits) { this.bits = bits; }

    public int bits() { return bits; }

    public static TransactionStatus ofBits(int b) {
        return switch (b & 3) {
            case 0 -> IN_PROGRESS;
            case 1 -> COMMITTED;
            case 2 -> ABORTED;
            default -> SUB_COMMITTED;
        };
    }
}
