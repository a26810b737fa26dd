package org.pgmini.storage.index;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.storage.page.Page;

import java.nio.ByteBuffer;

/**
 * The metapage (block 0): where the root is. Fields right after the page header, pd_lower set
 * past them (so a full-page image keeps them):
 *
 * <pre>
 *  24 int32 magic 0x053162 (PostgreSQL's BTREE_MAGIC)   28 int32 version (4)
 *  32 int32 root block      36 int32 root level
 *  40 int32 fast root       44 int32 fast root level (always the true root here)
 * </pre>
 *
 * Invariant: root and level change together, only under the metapage's exclusive lock, in the
 * same WAL record that creates the new root (so a reader that takes the share lock sees a
 * consistent pair). An old root stays a valid starting point: it is the leftmost page of its level
 * and right-links reach every page of the level.
 */
final class BTreeMeta {
    private BTreeMeta() {}

    static final int MAGIC = 0x053162;
    static final int VERSION = 4;
    private static final int AT = Page.HEADER_SIZE;

    static void init(Page p, int root, int level) {
        BTreePage.init(p, 0, BTreePage.META, BTreePage.NONE, BTreePage.NONE);
        ByteBuffer b = p.buffer();
        b.putInt(AT, MAGIC);
        b.putInt(AT + 4, VERSION);
        setRoot(p, root, level);
        BTreePage.setLower(p, AT + 24);
    }

    static void setRoot(Page p, int root, int level) {
        ByteBuffer b = p.buffer();
        b.putInt(AT + 8, root);
        b.putInt(AT + 12, level);
        b.putInt(AT + 16, root);
        b.putInt(AT + 20, level);
    }

    static int root(Page p) { return p.buffer().getInt(AT + 8); }
    static int level(Page p) { return p.buffer().getInt(AT + 12); }

    static void check(Page p, String indexName) {
        if (p.isNew() || p.buffer().getInt(AT) != MAGIC) {
            throw new PgException(SqlState.INDEX_CORRUPTED, "index \"" + indexName + "\" is not a btree");
        }
        if (p.buffer().getInt(AT + 4) != VERSION) {
            throw new PgException(SqlState.INDEX_CORRUPTED, "version mismatch in index \"" + indexName + "\": file version "
                    + p.buffer().getInt(AT + 4) + ", current version " + VERSION + ", minimal supported version " + VERSION);
        }
    }
}
