package org.pgmini.storage.buffer;

/**
 * The bits of a buffer descriptor's 64-bit state word (PostgreSQL's buffer state, one word so
 * that pin/unpin are a single CAS).
 *
 * <pre>
 * bits  0..17  refcount     number of pins (each pin call adds one)
 * bits 18..21  usage count  0..MAX_USAGE_COUNT, bumped by pins, decremented by the clock sweep
 * bit  22      LOCKED       the header spinlock; while set only its holder changes the word
 * bit  23      DIRTY        page differs from disk
 * bit  24      VALID        page content is valid
 * bit  25      TAG_VALID    tag is valid and the buffer is in the mapping table
 * bit  26      IO_IN_PROGRESS  a read or write of this buffer is running
 * bit  27      IO_ERROR     the last I/O failed
 * bit  28      JUST_DIRTIED dirtied since the current write started (write must not clear DIRTY)
 * bit  29      PERMANENT    belongs to a permanent (WAL-logged) relation
 * </pre>
 *
 * Who changes what: refcount and usage count change by CAS (pin/unpin, clock sweep) when LOCKED
 * is clear, or by the header-lock holder; DIRTY/JUST_DIRTIED are set by CAS by a backend holding
 * the content lock (exclusive for data changes, shared for hint bits); VALID, TAG_VALID, IO_* and
 * clearing DIRTY are done only under the header lock.
 */
public final class BufferState {
    private BufferState() {}

    public static final long REFCOUNT_ONE = 1L;
    public static final long REFCOUNT_MASK = (1L << 18) - 1;
    public static final int USAGE_SHIFT = 18;
    public static final long USAGE_ONE = 1L << USAGE_SHIFT;
    public static final long USAGE_MASK = 0xFL << USAGE_SHIFT;
    public static final int MAX_USAGE_COUNT = 5;

    public static final long LOCKED = 1L << 22;
    public static final long DIRTY = 1L << 23;
    public static final long VALID = 1L << 24;
    public static final long TAG_VALID = 1L << 25;
    public static final long IO_IN_PROGRESS = 1L << 26;
    public static final long IO_ERROR = 1L << 27;
    public static final long JUST_DIRTIED = 1L << 28;
    public static final long PERMANENT = 1L << 29;

    public static int refcount(long state) { return (int) (state & REFCOUNT_MASK); }
    public static int usageCount(long state) { return (int) ((state & USAGE_MASK) >>> USAGE_SHIFT); }
}
