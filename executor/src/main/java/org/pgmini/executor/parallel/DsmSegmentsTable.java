package org.pgmini.executor.parallel;

import java.util.ArrayList;
import java.util.List;

import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.Scope;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.shmem.dsm.DsmSegmentInfo;

/**
 * pg_dsm_segments(handle int8, impl text, size int8, refcnt int4, pinned bool): the live slots of
 * the DSM control segment (pgmini's view; PostgreSQL has no such view). A session without the
 * server's shared memory gets 0A000 from {@link SessionContext#workers()}.
 */
public final class DsmSegmentsTable {
    public static final String NAME = "pg_dsm_segments";
    public static final List<String> NAMES = List.of("handle", "impl", "size", "refcnt", "pinned");
    private static final List<PgType> TYPES = List.of(PgTypes.INT8, PgTypes.TEXT, PgTypes.INT8, PgTypes.INT4, PgTypes.BOOL);

    private DsmSegmentsTable() {}

    public static Scope scope(String relation) {
        return new Scope(relation, NAMES, TYPES);
    }

    public static List<Object[]> rows(SessionContext session) {
        List<Object[]> out = new ArrayList<>();
        for (DsmSegmentInfo s : session.workers().dsm().segments()) {
            out.add(new Object[] {s.handle(), s.impl(), s.size(), s.refcnt(), s.pinned()});
        }
        return out;
    }
}
