package org.pgmini.executor.exec;

/**
 * Push side of a plan node: receives every row of the node's output. The array is only valid
 * during the call (a scan reuses one array per row); a consumer that keeps rows copies them.
 */
@FunctionalInterface
public interface RowSink {
    void accept(Object[] row);
}
