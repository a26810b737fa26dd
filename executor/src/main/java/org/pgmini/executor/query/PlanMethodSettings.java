package org.pgmini.executor.query;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.executor.api.SessionContext;

/**
 * The settings that steer the choice between plan methods (enable_hashagg, enable_sort,
 * enable_hashjoin, enable_mergejoin, enable_nestloop, hash_mem_multiplier, work_mem) as one
 * value, so that a cached plan is planned again when a session's values differ from those it
 * was made with (as PostgreSQL replans a generic plan only for its parameters, but plans every
 * simple query afresh).
 */
record PlanMethodSettings(List<String> values) {
    private static final String[] NAMES = {"enable_hashagg", "enable_sort", "enable_hashjoin", "enable_mergejoin",
        "enable_nestloop", "hash_mem_multiplier", "work_mem"};

    static PlanMethodSettings of(SessionContext session) {
        List<String> v = new ArrayList<>();
        for (String n : NAMES) {
            String value = null;
            if (session != null) {
                try {
                    value = session.settings().currentSetting(n, true);
                } catch (PgException | NullPointerException e) {
                    value = null;
                }
            }
            v.add(value);
        }
        return new PlanMethodSettings(v);
    }
}
