package org.pgmini.executor.expr;

import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * An analyzed expression: its type (and typmod), its compiled evaluation, and what type
 * resolution needs to know about it: whether it is an untyped literal (PostgreSQL's "unknown",
 * whose text is kept so it can be read as any type) or an untyped parameter.
 */
public final class Typed {
    public final PgType type;
    public final int typmod;
    public final Eval eval;
    /** True when the value does not depend on the row, parameters or session (may be folded). */
    public final boolean constant;
    /** For an unknown-typed literal: its text (null for the NULL literal). */
    public final String unknownText;
    /** For a parameter whose type is not yet known: its slot; null otherwise. */
    public final ParamSlot param;
    /** For an unknown literal: its 1-based position in the query (errors reading it point there), else 0. */
    public final int position;

    public Typed(PgType type, int typmod, Eval eval, boolean constant) {
        this(type, typmod, eval, constant, null, null);
    }

    private Typed(PgType type, int typmod, Eval eval, boolean constant, String unknownText, ParamSlot param) {
        this(type, typmod, eval, constant, unknownText, param, 0);
    }

    private Typed(PgType type, int typmod, Eval eval, boolean constant, String unknownText, ParamSlot param, int position) {
        this.position = position;
        this.type = type;
        this.typmod = typmod;
        this.eval = eval;
        this.constant = constant;
        this.unknownText = unknownText;
        this.param = param;
    }

    public static Typed constant(PgType type, int typmod, Object value) {
        return new Typed(type, typmod, new Constant(value), true);
    }

    /** A quoted literal or NULL, typed unknown until context decides. */
    public static Typed unknownLiteral(String text) {
        return new Typed(PgTypes.UNKNOWN, -1, c -> text, true, text, null);
    }

    /** An unknown literal that remembers where it was written. */
    public static Typed unknownLiteral(String text, int position) {
        return new Typed(PgTypes.UNKNOWN, -1, c -> text, true, text, null, position);
    }

    /** A parameter whose type has not been decided yet. */
    public static Typed untypedParam(ParamSlot slot) {
        return new Typed(PgTypes.UNKNOWN, -1, c -> c.params[slot.index], false, null, slot);
    }

    /** True for an unknown literal or an undecided parameter: resolution may pick its type. */
    public boolean isUnknown() {
        return type == PgTypes.UNKNOWN && (param == null || param.type == null);
    }

    public boolean isNullLiteral() {
        return type == PgTypes.UNKNOWN && param == null && unknownText == null;
    }
}
