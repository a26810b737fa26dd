package org.pgmini.executor.expr;

import java.util.ArrayList;
import java.util.List;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * PostgreSQL's overload resolution (func_select_candidate / oper_select_candidate, simplified
 * to our catalog): exact match, then implicit coercibility, most exact matches, preferred
 * types, and the rules for unknown-typed arguments. Then applies the chosen signature.
 */
public final class Resolver {
    private Resolver() {}

    /** Resolves and builds a call; {@code operator} selects the wording of the "does not exist" error. */
    public static Typed call(String name, List<Typed> args, boolean operator, int position) {
        FunctionDef f = select(name, args, operator, position);
        List<Typed> coerced = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            coerced.add(Casts.coerce(args.get(i), f.args()[i], -1, Casts.Context.IMPLICIT));
        }
        return apply(f, coerced);
    }

    public static Typed apply(FunctionDef f, List<Typed> args) {
        Eval[] evals = new Eval[args.size()];
        boolean constant = !f.volatileFn();
        for (int i = 0; i < evals.length; i++) {
            evals[i] = args.get(i).eval;
            constant &= args.get(i).constant;
        }
        FunctionDef.Impl impl = f.impl();
        Eval e;
        Eval primitive = evals.length == 2 && f.strict() ? IntegerOps.compile(impl, evals[0], evals[1]) : null;
        if (primitive != null) {
            e = primitive; // integer operators: no boxing between them, no argument array
        } else if (evals.length == 2 && f.strict()) {
            Eval a = evals[0];
            Eval b = evals[1];
            e = c -> {
                Object x = a.eval(c);
                if (x == null) {
                    return null;
                }
                Object y = b.eval(c);
                return y == null ? null : impl.apply(new Object[] {x, y}, c);
            };
        } else {
            boolean strict = f.strict();
            e = c -> {
                Object[] v = new Object[evals.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = evals[i].eval(c);
                    if (v[i] == null && strict) {
                        return null;
                    }
                }
                return impl.apply(v, c);
            };
        }
        if (f.volatileFn()) {
            e = new VolatileCall(f.name(), e);
        }
        return Casts.fold(new Typed(f.result(), -1, e, constant));
    }

    /** The catalog entry a call resolves to (argument types included), for deparsing; 42883/42725 as a call. */
    public static FunctionDef resolve(String name, List<Typed> args, boolean operator) {
        return select(name, args, operator, 0);
    }

    static FunctionDef select(String name, List<Typed> args, boolean operator, int position) {
        List<FunctionDef> all = Catalog.INSTANCE.candidates(name, args.size());
        PgType[] types = new PgType[args.size()];
        boolean[] unknown = new boolean[args.size()];
        for (int i = 0; i < types.length; i++) {
            unknown[i] = args.get(i).isUnknown();
            types[i] = unknown[i] ? PgTypes.UNKNOWN : (args.get(i).param != null ? args.get(i).param.type : args.get(i).type);
        }
        // exact match; for a binary operator an unknown side is taken to be the other side's type
        PgType[] probe = types.clone();
        if (operator && probe.length == 2) {
            if (unknown[0] && !unknown[1]) {
                probe[0] = probe[1];
            } else if (unknown[1] && !unknown[0]) {
                probe[1] = probe[0];
            }
        }
        for (FunctionDef f : all) {
            if (sameTypes(f.args(), probe)) {
                return f;
            }
        }
        List<FunctionDef> viable = new ArrayList<>();
        for (FunctionDef f : all) {
            boolean ok = true;
            for (int i = 0; i < types.length && ok; i++) {
                ok = unknown[i] || Casts.implicitlyCoercible(types[i], f.args()[i]);
            }
            if (ok) {
                viable.add(f);
            }
        }
        if (viable.isEmpty()) {
            throw undefined(name, types, operator, position);
        }
        if (viable.size() > 1) {
            viable = keepMax(viable, f -> {
                int n = 0;
                for (int i = 0; i < types.length; i++) {
                    n += !unknown[i] && f.args()[i] == types[i] ? 1 : 0;
                }
                return n;
            });
        }
        if (viable.size() > 1) {
            viable = keepMax(viable, f -> {
                int n = 0;
                for (int i = 0; i < types.length; i++) {
                    n += !unknown[i] && f.args()[i] != types[i] && TypeCategory.isPreferred(f.args()[i]) ? 1 : 0;
                }
                return n;
            });
        }
        if (viable.size() > 1) {
            for (int i = 0; i < types.length && viable.size() > 1; i++) {
                if (!unknown[i]) {
                    continue;
                }
                final int pos = i;
                boolean anyString = viable.stream().anyMatch(f -> TypeCategory.of(f.args()[pos]) == TypeCategory.STRING);
                TypeCategory cat = anyString ? TypeCategory.STRING : TypeCategory.of(viable.get(0).args()[pos]);
                List<FunctionDef> keep = new ArrayList<>();
                for (FunctionDef f : viable) {
                    if (TypeCategory.of(f.args()[pos]) == cat) {
                        keep.add(f);
                    }
                }
                List<FunctionDef> preferred = new ArrayList<>();
                for (FunctionDef f : keep) {
                    if (TypeCategory.isPreferred(f.args()[pos])) {
                        preferred.add(f);
                    }
                }
                viable = preferred.isEmpty() ? keep : preferred;
            }
        }
        if (viable.size() > 1) {
            // all known arguments of one type: assume the unknown ones have it too
            PgType common = null;
            boolean same = true;
            for (int i = 0; i < types.length; i++) {
                if (!unknown[i]) {
                    same &= common == null || common == types[i];
                    common = types[i];
                }
            }
            if (same && common != null) {
                List<FunctionDef> keep = new ArrayList<>();
                for (FunctionDef f : viable) {
                    boolean ok = true;
                    for (int i = 0; i < types.length; i++) {
                        ok &= !unknown[i] || f.args()[i] == common;
                    }
                    if (ok) {
                        keep.add(f);
                    }
                }
                if (!keep.isEmpty()) {
                    viable = keep;
                }
            }
        }
        if (viable.size() != 1) {
            String what = operator ? "operator is not unique: " + signature(name, types, true)
                    : "function " + signature(name, types, false) + " is not unique";
            throw new PgException(SqlState.AMBIGUOUS_FUNCTION, what, null,
                    "Could not choose a best candidate " + (operator ? "operator" : "function")
                            + ". You might need to add explicit type casts.", position, null, null);
        }
        return viable.get(0);
    }

    private interface Score {
        int of(FunctionDef f);
    }

    private static List<FunctionDef> keepMax(List<FunctionDef> in, Score s) {
        int best = Integer.MIN_VALUE;
        for (FunctionDef f : in) {
            best = Math.max(best, s.of(f));
        }
        List<FunctionDef> out = new ArrayList<>();
        for (FunctionDef f : in) {
            if (s.of(f) == best) {
                out.add(f);
            }
        }
        return out;
    }

    private static boolean sameTypes(PgType[] a, PgType[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    public static PgException undefined(String name, PgType[] types, boolean operator, int position) {
        if (operator) {
            String hint = types.length == 1
                    ? "No operator matches the given name and argument type. You might need to add an explicit type cast."
                    : "No operator matches the given name and argument types. You might need to add explicit type casts.";
            return new PgException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + signature(name, types, true),
                    null, hint, position, null, null);
        }
        return new PgException(SqlState.UNDEFINED_FUNCTION, "function " + signature(name, types, false) + " does not exist",
                null, "No function matches the given name and argument types. You might need to add explicit type casts.",
                position, null, null);
    }

    static String signature(String name, PgType[] types, boolean operator) {
        if (operator) {
            if (types.length == 1) {
                return name + " " + PgTypes.displayName(types[0]);
            }
            return PgTypes.displayName(types[0]) + " " + name + " " + PgTypes.displayName(types[1]);
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(PgTypes.displayName(types[i]));
        }
        return sb.append(')').toString();
    }
}
