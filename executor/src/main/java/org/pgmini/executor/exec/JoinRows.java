package org.pgmini.executor.exec;

/** Builds a join's output row: the left input's slots, then the right input's (null-extended when missing). */
final class JoinRows {
    private JoinRows() {}

    static Object[] concat(Object[] left, int leftWidth, Object[] right, int rightWidth) {
        Object[] out = new Object[leftWidth + rightWidth];
        if (left != null) {
            System.arraycopy(left, 0, out, 0, leftWidth);
        }
        if (right != null) {
            System.arraycopy(right, 0, out, leftWidth, rightWidth);
        }
        return out;
    }
}
