package org.pgmini.executor.exec;

/** Join types relative to a join node's children: LEFT keeps unmatched outer rows, RIGHT unmatched inner rows. */
public enum JoinType {
    INNER(""), LEFT(" Left"), RIGHT(" Right"), FULL(" Full");

    /** The word EXPLAIN puts into the node name ({@code Hash Left Join}). */
    final String label;

    JoinType(String label) {
        this.label = label;
    }

    public boolean keepsOuter() {
        return this == LEFT || this == FULL;
    }

    public boolean keepsInner() {
        return this == RIGHT || this == FULL;
    }
}
