package org.pgmini.executor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;
import org.pgmini.executor.exec.Cursor;
import org.pgmini.executor.exec.ExecState;
import org.pgmini.executor.expr.EvalContext;
import org.pgmini.executor.expr.ExpressionAnalyzer;
import org.pgmini.executor.expr.Typed;
import org.pgmini.executor.parser.PgStatement;
import org.pgmini.storage.tuple.ItemPointer;

/** The FROM/WHERE planning DML builds on: rows carry each table's ctid. */
class FromPlanTest extends QueryTestSupport {
    @Test
    void rowsCarryCtids() {
        table("people", "id", 23, "name", 25, "dept", 23);
        insert("people", row(1, "ann", 10), row(2, "bob", 20), row(3, "cid", 10));
        table("dept", "id", 23, "title", 25);
        insert("dept", row(10, "eng"), row(20, "ops"));
        PgStatement st = (PgStatement) ENGINE.parse(
                "SELECT * FROM people p JOIN dept d ON p.dept = d.id WHERE d.title = 'eng'").get(0);
        SqlSelect sel = (SqlSelect) st.node();
        ExpressionAnalyzer.PositionMapper pm = new ExpressionAnalyzer.PositionMapper() {
            @Override public int position(org.apache.calcite.sql.parser.SqlParserPos p) { return st.position(p); }
            @Override public int endPosition(org.apache.calcite.sql.parser.SqlParserPos p) { return st.endPosition(p); }
            @Override public String source() { return st.whole(); }
        };
        ExpressionAnalyzer analyzer = new ExpressionAnalyzer(pm, new ArrayList<>());
        SelectPlanner.FromPlan fp = new SelectPlanner(analyzer, pm, session).planFrom(sel.getFrom(), sel.getWhere());
        assertEquals(2, fp.tables().size());
        SelectPlanner.TableSlot people = fp.tables().get(0);
        assertEquals("p", people.refname());
        assertEquals(3, people.ctidSlot());
        analyzer.setHook(fp.scope());
        SqlSelect expr = (SqlSelect) ((PgStatement) ENGINE.parse("SELECT p.name || '!'").get(0)).node();
        Typed name = analyzer.analyze(expr.getSelectList().get(0));
        List<String> seen = new ArrayList<>();
        try (ExecState s = new ExecState(session, new EvalContext(new Object[0], session), db)) {
            s.startStatement();
            try (Cursor c = s.open(fp.root())) {
                for (Object[] r; (r = c.next()) != null; ) {
                    s.eval.row = r;
                    seen.add(name.eval.eval(s.eval) + " " + r[people.ctidSlot()] + " " + r[fp.tables().get(1).ctidSlot()]);
                }
            }
        }
        db.commit();
        assertEquals(List.of("ann! " + new ItemPointer(0, 1) + " " + new ItemPointer(0, 1),
                "cid! " + new ItemPointer(0, 3) + " " + new ItemPointer(0, 1)), seen);
    }
}
