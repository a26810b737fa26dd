package org.pgmini.executor.exec.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.DatabaseAccess;
import org.pgmini.executor.api.SessionContext;
import org.pgmini.executor.expr.FunctionDef;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.Catalog;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.catalog.SequenceSession;
import org.pgmini.storage.xact.Transaction;

/**
 * nextval / currval / setval / lastval over storage's {@code Sequences}. The sequence is named
 * by text (PostgreSQL's argument type is regclass; the text is parsed like regclass input:
 * optionally schema-qualified, double quotes keep case). Each session has its own currval
 * memory ({@link SequenceSession}), kept here per SessionContext (weakly, so it goes with the
 * session object) because the contract has no slot for it.
 */
public final class SequenceFunctions {
    private SequenceFunctions() {}

    /** How expr.Catalog registers a volatile function (its addVolatile). */
    public interface Registrar {
        void add(String name, PgType result, boolean strict, FunctionDef.Impl impl, PgType... args);
    }

    private static final Map<SessionContext, SequenceSession> SESSIONS = new WeakHashMap<>();

    public static void register(Registrar r) {
        r.add("nextval", PgTypes.INT8, true, (a, c) -> {
            DatabaseAccess db = c.session.database();
            Transaction tx = db.transaction();
            return db.catalog().sequences().nextval(tx, session(c.session), sequence(c.session, db, tx, (String) a[0]));
        }, PgTypes.TEXT);
        r.add("currval", PgTypes.INT8, true, (a, c) -> {
            DatabaseAccess db = c.session.database();
            Transaction tx = db.transaction();
            return db.catalog().sequences().currval(session(c.session), sequence(c.session, db, tx, (String) a[0]));
        }, PgTypes.TEXT);
        r.add("setval", PgTypes.INT8, true, (a, c) -> setval(c.session, (String) a[0], (Long) a[1], true),
                PgTypes.TEXT, PgTypes.INT8);
        r.add("setval", PgTypes.INT8, true, (a, c) -> setval(c.session, (String) a[0], (Long) a[1], (Boolean) a[2]),
                PgTypes.TEXT, PgTypes.INT8, PgTypes.BOOL);
        r.add("lastval", PgTypes.INT8, true, (a, c) -> {
            DatabaseAccess db = c.session.database();
            Transaction tx = db.transaction();
            SequenceSession s = session(c.session);
            Integer oid = s.lastSequence();
            RelationDescriptor seq = oid == null ? null : db.catalog().relation(tx, oid);
            if (seq == null) {
                throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
            }
            return db.catalog().sequences().currval(s, seq);
        });
    }

    private static long setval(SessionContext session, String name, long value, boolean isCalled) {
        DatabaseAccess db = session.database();
        Transaction tx = db.transaction();
        return db.catalog().sequences().setval(tx, session(session), sequence(session, db, tx, name), value, isCalled);
    }

    private static SequenceSession session(SessionContext s) {
        synchronized (SESSIONS) {
            return SESSIONS.computeIfAbsent(s, k -> new SequenceSession());
        }
    }

    private static RelationDescriptor sequence(SessionContext session, DatabaseAccess db, Transaction tx, String text) {
        List<String> parts = qualifiedName(text);
        Catalog cat = db.catalog();
        String schema = parts.size() == 2 ? parts.get(0) : null;
        if (schema == null) {
            // an unqualified name is looked up along search_path (the catalog alone would try only public)
            schema = org.pgmini.executor.query.CatalogAccess.relationSchema(session, parts.get(0));
            if (schema == null) {
                throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
            }
        }
        int oid = cat.resolveRelation(tx, schema, parts.get(parts.size() - 1));
        RelationDescriptor d = cat.relation(tx, oid);
        if (d == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
        }
        return d;
    }

    /** regclass input: dot-separated names; unquoted parts fold to lower case, "..." keeps case. */
    static List<String> qualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == '.') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(Character.toLowerCase(ch));
            }
        }
        parts.add(cur.toString());
        if (quoted || parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
            throw new PgException(SqlState.INVALID_NAME, "invalid name syntax");
        }
        if (parts.size() == 3) {
            parts.remove(0);
        }
        return parts;
    }
}
