package org.pgmini.executor.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.types.CharacterCoercion;
import org.pgmini.executor.types.FloatType;
import org.pgmini.executor.types.IntegerType;
import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;

/**
 * The built-in functions and operators (operators are registered under their symbol). Built
 * once, immutable afterwards, shared by all threads.
 */
public final class Catalog {
    public static final String VERSION =
            "PostgreSQL 15.18 (pgmini 0.1.0) on x86_64-pc-linux-gnu, compiled by javac 17, 64-bit";

    private final Map<String, List<FunctionDef>> byName = new HashMap<>();

    private static final PgType[] INTS = {PgTypes.INT2, PgTypes.INT4, PgTypes.INT8};

    public static final Catalog INSTANCE = new Catalog();

    private Catalog() {
        integerOperators();
        numericOperators();
        floatOperators();
        comparisons();
        stringFunctions();
        mathFunctions();
        parallelTestFunctions();
        org.pgmini.executor.exec.modify.SequenceFunctions.register(this::addVolatile);
        DateTimeCatalog.register(this);
        BinaryTypesCatalog.register(this);
        StringFunctions.register(this);
        ArrayFunctions.register(this);
        PatternFunctions.register(this);
        RegexArrayFunctions.register(this);
        org.pgmini.executor.query.CatalogFunctions.register(this::addVolatile);
    }

    /** PostgreSQL's test_shm_mq module (org.pgmini.executor.parallel.TestShmMq). */
    private void parallelTestFunctions() {
        PgType v = org.pgmini.executor.parallel.VoidType.VOID;
        addVolatile("test_shm_mq", v, true, (a, c) -> org.pgmini.executor.parallel.TestShmMq.basic(c.session,
                (Long) a[0], (String) a[1], (Integer) a[2], (Integer) a[3]), PgTypes.INT8, PgTypes.TEXT, PgTypes.INT4, PgTypes.INT4);
        addVolatile("test_shm_mq_pipelined", v, true, (a, c) -> org.pgmini.executor.parallel.TestShmMq.pipelined(c.session,
                (Long) a[0], (String) a[1], (Integer) a[2], (Integer) a[3], true),
                PgTypes.INT8, PgTypes.TEXT, PgTypes.INT4, PgTypes.INT4);
        addVolatile("test_shm_mq_pipelined", v, true, (a, c) -> org.pgmini.executor.parallel.TestShmMq.pipelined(c.session,
                (Long) a[0], (String) a[1], (Integer) a[2], (Integer) a[3], (Boolean) a[4]),
                PgTypes.INT8, PgTypes.TEXT, PgTypes.INT4, PgTypes.INT4, PgTypes.BOOL);
        // test aid for parallel table access (org.pgmini.executor.parallel.ParallelScanCount)
        addVolatile("pgmini_parallel_count", PgTypes.TEXT, true, (a, c) -> org.pgmini.executor.parallel.ParallelScanCount.run(
                c.session, (String) a[0], (String) a[1], (Integer) a[2]), PgTypes.TEXT, PgTypes.TEXT, PgTypes.INT4);
    }

    public List<FunctionDef> candidates(String name, int nargs) {
        List<FunctionDef> out = new ArrayList<>();
        for (FunctionDef f : byName.getOrDefault(name, List.of())) {
            if (f.args().length == nargs) {
                out.add(f);
            }
        }
        return out;
    }

    /** Every entry (functions and operators), for pg_proc. */
    public List<FunctionDef> all() {
        List<FunctionDef> out = new ArrayList<>();
        for (List<FunctionDef> l : byName.values()) {
            out.addAll(l);
        }
        return out;
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    void add(String name, PgType result, FunctionDef.Impl impl, PgType... args) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new FunctionDef(name, args, result, impl, true, false));
    }

    /** An immutable function that sees NULL arguments (not strict). */
    void addNonStrict(String name, PgType result, FunctionDef.Impl impl, PgType... args) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new FunctionDef(name, args, result, impl, false, false));
    }

    void addVolatile(String name, PgType result, boolean strict, FunctionDef.Impl impl, PgType... args) {
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new FunctionDef(name, args, result, impl, strict, true));
    }

    private static IntegerType wider(PgType a, PgType b) {
        return (IntegerType) (Casts.numericRank(a) >= Casts.numericRank(b) ? a : b);
    }

    private void integerOperators() {
        for (PgType a : INTS) {
            for (PgType b : INTS) {
                IntegerType r = wider(a, b);
                add("+", r, new IntegerOps.ArithImpl(IntegerOps.Arith.ADD, r), a, b);
                add("-", r, new IntegerOps.ArithImpl(IntegerOps.Arith.SUB, r), a, b);
                add("*", r, new IntegerOps.ArithImpl(IntegerOps.Arith.MUL, r), a, b);
                add("/", r, new IntegerOps.ArithImpl(IntegerOps.Arith.DIV, r), a, b);
                add("%", r, new IntegerOps.ArithImpl(IntegerOps.Arith.MOD, r), a, b);
                if (a == b) {
                    add("mod", r, new IntegerOps.ArithImpl(IntegerOps.Arith.MOD, r), a, b);
                    // jdbcmeta: bitwise operators, defined per integer type only (int2 & int2 is int2)
                    add("&", r, (v, c) -> r.box(l(v[0]) & l(v[1])), a, b);
                    add("|", r, (v, c) -> r.box(l(v[0]) | l(v[1])), a, b);
                    add("#", r, (v, c) -> r.box(l(v[0]) ^ l(v[1])), a, b);
                }
            }
            // jdbcmeta: shifts take an int4 count; the shift is done at the type's own width,
            // as C does it (the count taken modulo the width), then truncated to the type
            IntegerType shifted = (IntegerType) a;
            if (shifted == PgTypes.INT8) {
                add("<<", shifted, (v, c) -> l(v[0]) << (int) l(v[1]), a, PgTypes.INT4);
                add(">>", shifted, (v, c) -> l(v[0]) >> (int) l(v[1]), a, PgTypes.INT4);
            } else if (shifted == PgTypes.INT4) {
                add("<<", shifted, (v, c) -> (int) l(v[0]) << (int) l(v[1]), a, PgTypes.INT4);
                add(">>", shifted, (v, c) -> (int) l(v[0]) >> (int) l(v[1]), a, PgTypes.INT4);
            } else {
                add("<<", shifted, (v, c) -> (short) ((int) l(v[0]) << (int) l(v[1])), a, PgTypes.INT4);
                add(">>", shifted, (v, c) -> (short) ((int) l(v[0]) >> (int) l(v[1])), a, PgTypes.INT4);
            }
            IntegerType t = (IntegerType) a;
            add("-", t, (v, c) -> {
                long x = l(v[0]);
                if (!t.fits(-x) || x == Long.MIN_VALUE) {
                    throw t.outOfRange();
                }
                return t.box(-x);
            }, a);
            add("+", t, (v, c) -> v[0], a);
            add("abs", t, (v, c) -> {
                long x = l(v[0]);
                if (!t.fits(-x) || x == Long.MIN_VALUE) {
                    throw t.outOfRange();
                }
                return t.box(Math.abs(x));
            }, a);
        }
    }

    private static long l(Object o) {
        return ((Number) o).longValue();
    }

    private void numericOperators() {
        PgType n = PgTypes.NUMERIC;
        add("+", n, (v, c) -> NumericMath.add(v[0], v[1]), n, n);
        add("-", n, (v, c) -> NumericMath.sub(v[0], v[1]), n, n);
        add("*", n, (v, c) -> NumericMath.mul(v[0], v[1]), n, n);
        add("/", n, (v, c) -> NumericMath.div(v[0], v[1]), n, n);
        add("%", n, (v, c) -> NumericMath.mod(v[0], v[1]), n, n);
        add("mod", n, (v, c) -> NumericMath.mod(v[0], v[1]), n, n);
        add("-", n, (v, c) -> NumericMath.negate(v[0]), n);
        add("+", n, (v, c) -> v[0], n);
        add("abs", n, (v, c) -> NumericMath.abs(v[0]), n);
        add("round", n, (v, c) -> NumericMath.round(v[0], 0), n);
        add("round", n, (v, c) -> NumericMath.round(v[0], (Integer) v[1]), n, PgTypes.INT4);
        add("^", n, (v, c) -> NumericMath.power(v[0], v[1]), n, n);
        add("power", n, (v, c) -> NumericMath.power(v[0], v[1]), n, n);
        add("sqrt", n, (v, c) -> NumericMath.sqrt(v[0]), n);
        add("floor", n, (v, c) -> v[0] instanceof BigDecimal
                ? ((BigDecimal) v[0]).setScale(0, java.math.RoundingMode.FLOOR) : v[0], n);
        add("ceil", n, (v, c) -> v[0] instanceof BigDecimal
                ? ((BigDecimal) v[0]).setScale(0, java.math.RoundingMode.CEILING) : v[0], n);
        add("ceiling", n, (v, c) -> v[0] instanceof BigDecimal
                ? ((BigDecimal) v[0]).setScale(0, java.math.RoundingMode.CEILING) : v[0], n);
        add("trunc", n, (v, c) -> v[0] instanceof BigDecimal
                ? ((BigDecimal) v[0]).setScale(0, java.math.RoundingMode.DOWN) : v[0], n);
        add("sign", n, (v, c) -> v[0] instanceof BigDecimal
                ? BigDecimal.valueOf(((BigDecimal) v[0]).signum()) : v[0], n);
    }

    private void floatOperators() {
        PgType f8 = PgTypes.FLOAT8;
        PgType f4 = PgTypes.FLOAT4;
        PgType[][] pairs = {{f8, f8}, {f4, f8}, {f8, f4}};
        for (PgType[] p : pairs) {
            add("+", f8, (v, c) -> f8check(d(v[0]) + d(v[1]), v), p);
            add("-", f8, (v, c) -> f8check(d(v[0]) - d(v[1]), v), p);
            add("*", f8, (v, c) -> {
                double r = d(v[0]) * d(v[1]);
                return FloatType.checkFloat8(r, anyInf(v), d(v[0]) == 0 || d(v[1]) == 0);
            }, p);
            add("/", f8, (v, c) -> {
                if (d(v[1]) == 0) {
                    throw NumericMath.divisionByZero();
                }
                double r = d(v[0]) / d(v[1]);
                return FloatType.checkFloat8(r, anyInf(v), d(v[0]) == 0 || Double.isInfinite(d(v[1])));
            }, p);
        }
        add("+", f4, (v, c) -> FloatType.checkFloat4((float) v[0] + (float) v[1], anyInf(v), true), f4, f4);
        add("-", f4, (v, c) -> FloatType.checkFloat4((float) v[0] - (float) v[1], anyInf(v), true), f4, f4);
        add("*", f4, (v, c) -> FloatType.checkFloat4((float) v[0] * (float) v[1], anyInf(v),
                (float) v[0] == 0 || (float) v[1] == 0), f4, f4);
        add("/", f4, (v, c) -> {
            if ((float) v[1] == 0) {
                throw NumericMath.divisionByZero();
            }
            return FloatType.checkFloat4((float) v[0] / (float) v[1], anyInf(v),
                    (float) v[0] == 0 || Float.isInfinite((float) v[1]));
        }, f4, f4);
        add("-", f8, (v, c) -> -(double) v[0], f8);
        add("+", f8, (v, c) -> v[0], f8);
        add("-", f4, (v, c) -> -(float) v[0], f4);
        add("+", f4, (v, c) -> v[0], f4);
        add("abs", f8, (v, c) -> Math.abs((double) v[0]), f8);
        add("abs", f4, (v, c) -> Math.abs((float) v[0]), f4);
        add("round", f8, (v, c) -> Math.rint((double) v[0]), f8);
        add("floor", f8, (v, c) -> Math.floor((double) v[0]), f8);
        add("ceil", f8, (v, c) -> Math.ceil((double) v[0]), f8);
        add("ceiling", f8, (v, c) -> Math.ceil((double) v[0]), f8);
        add("trunc", f8, (v, c) -> { double x = (double) v[0]; return x < 0 ? Math.ceil(x) : Math.floor(x); }, f8);
        add("sign", f8, (v, c) -> Math.signum((double) v[0]), f8);
        add("sqrt", f8, (v, c) -> {
            double x = (double) v[0];
            if (x < 0) {
                throw new PgException("2201F", "cannot take square root of a negative number");
            }
            return Math.sqrt(x);
        }, f8);
        add("power", f8, (v, c) -> Catalog.INSTANCE == null ? null : Catalog.INSTANCE.candidates("^", 2).stream()
                .filter(f -> f.args()[0] == PgTypes.FLOAT8).findFirst().get().impl().apply(v, c), f8, f8);
        add("^", f8, (v, c) -> {
            double x = d(v[0]);
            double y = d(v[1]);
            if (x == 0 && y < 0) {
                throw new PgException("2201F", "zero raised to a negative power is undefined");
            }
            if (x < 0 && y != Math.floor(y)) {
                throw new PgException("2201F", "a negative number raised to a non-integer power yields a complex result");
            }
            return FloatType.checkFloat8(Math.pow(x, y), anyInf(v), true);
        }, f8, f8);
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static boolean anyInf(Object[] v) {
        for (Object o : v) {
            if (Double.isInfinite(d(o))) {
                return true;
            }
        }
        return false;
    }

    private static Object f8check(double r, Object[] v) {
        return FloatType.checkFloat8(r, anyInf(v), true);
    }

    private void comparisons() {
        for (PgType a : INTS) {
            for (PgType b : INTS) {
                addComparisons((x, y) -> Long.compare(l(x), l(y)), a, b);
            }
        }
        addComparisons(NumericMath::compare, PgTypes.NUMERIC, PgTypes.NUMERIC);
        // -0 equals 0, NaN equals NaN and sorts above everything (float8_cmp)
        Comparer floats = (x, y) -> d(x) == d(y) ? 0 : Double.compare(d(x), d(y));
        addComparisons(floats, PgTypes.FLOAT8, PgTypes.FLOAT8);
        addComparisons(floats, PgTypes.FLOAT4, PgTypes.FLOAT4);
        addComparisons(floats, PgTypes.FLOAT4, PgTypes.FLOAT8);
        addComparisons(floats, PgTypes.FLOAT8, PgTypes.FLOAT4);
        addComparisons((x, y) -> ((String) x).compareTo((String) y), PgTypes.TEXT, PgTypes.TEXT);
        addComparisons((x, y) -> ((String) x).compareTo((String) y), PgTypes.NAME, PgTypes.NAME);
        addComparisons((x, y) -> CharacterCoercion.stripTrailingBlanks((String) x)
                .compareTo(CharacterCoercion.stripTrailingBlanks((String) y)), PgTypes.BPCHAR, PgTypes.BPCHAR);
        addComparisons((x, y) -> Boolean.compare((Boolean) x, (Boolean) y), PgTypes.BOOL, PgTypes.BOOL);
        addComparisons((x, y) -> ((java.time.Instant) x).compareTo((java.time.Instant) y),
                PgTypes.TIMESTAMPTZ, PgTypes.TIMESTAMPTZ);
    }

    /** A three-way comparison of two non-null values. */
    public interface Comparer extends java.io.Serializable {
        int compare(Object a, Object b);
    }

    private final Map<String, Comparer> comparers = new HashMap<>();

    /** The comparison used for ORDER BY and simple CASE on values of this type. */
    public Comparer comparerFor(PgType t) {
        if (t instanceof org.pgmini.executor.types.RecordType r) {
            return recordComparer(r);
        }
        return comparers.get(t.name() + "," + t.name());
    }

    /**
     * jdbcmeta: records order column by column with each column's default ordering, a NULL column
     * after every non-NULL one (PostgreSQL's record_cmp); null when a column type has no ordering.
     */
    private Comparer recordComparer(org.pgmini.executor.types.RecordType r) {
        if (r.types() == null) {
            return null;
        }
        Comparer[] columns = new Comparer[r.types().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = comparerFor(r.types().get(i));
            if (columns[i] == null) {
                return null;
            }
        }
        return (a, b) -> {
            Object[] x = ((org.pgmini.executor.types.RecordValue) a).fields();
            Object[] y = ((org.pgmini.executor.types.RecordValue) b).fields();
            for (int i = 0; i < columns.length; i++) {
                if (x[i] == null || y[i] == null) {
                    if (x[i] != y[i]) {
                        return x[i] == null ? 1 : -1;
                    }
                    continue;
                }
                int c = columns[i].compare(x[i], y[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    void addComparisons(Comparer cmp, PgType a, PgType b) {
        comparers.put(a.name() + "," + b.name(), cmp);
        boolean integers = a instanceof IntegerType && b instanceof IntegerType;
        for (IntegerOps.Compare op : IntegerOps.Compare.values()) {
            // integers get the implementation Resolver can compile to primitive comparisons
            add(op.symbol, PgTypes.BOOL, integers ? new IntegerOps.CompareImpl(op)
                    : (v, c) -> op.test(cmp.compare(v[0], v[1])), a, b);
        }
    }

    private void stringFunctions() {
        PgType t = PgTypes.TEXT;
        PgType bp = PgTypes.BPCHAR;
        PgType i4 = PgTypes.INT4;
        for (String name : new String[] {"length", "char_length", "character_length"}) {
            add(name, i4, (v, c) -> ((String) v[0]).codePointCount(0, ((String) v[0]).length()), t);
            add(name, i4, (v, c) -> {
                String s = CharacterCoercion.stripTrailingBlanks((String) v[0]);
                return s.codePointCount(0, s.length());
            }, bp);
        }
        add("octet_length", i4, (v, c) -> ((String) v[0]).getBytes(StandardCharsets.UTF_8).length, t);
        add("octet_length", i4, (v, c) -> ((String) v[0]).getBytes(StandardCharsets.UTF_8).length, bp);
        add("lower", t, (v, c) -> ((String) v[0]).toLowerCase(Locale.ROOT), t);
        add("upper", t, (v, c) -> ((String) v[0]).toUpperCase(Locale.ROOT), t);
        add("substring", t, (v, c) -> substring((String) v[0], (Integer) v[1], null), t, i4);
        add("substring", t, (v, c) -> substring((String) v[0], (Integer) v[1], (Integer) v[2]), t, i4, i4);
        add("substr", t, (v, c) -> substring((String) v[0], (Integer) v[1], null), t, i4);
        add("substr", t, (v, c) -> substring((String) v[0], (Integer) v[1], (Integer) v[2]), t, i4, i4);
        add("position", i4, (v, c) -> position((String) v[0], (String) v[1]), t, t);
        add("strpos", i4, (v, c) -> position((String) v[0], (String) v[1]), t, t);
        add("btrim", t, (v, c) -> trim((String) v[0], " ", true, true), t);
        add("btrim", t, (v, c) -> trim((String) v[0], (String) v[1], true, true), t, t);
        add("ltrim", t, (v, c) -> trim((String) v[0], " ", true, false), t);
        add("ltrim", t, (v, c) -> trim((String) v[0], (String) v[1], true, false), t, t);
        add("rtrim", t, (v, c) -> trim((String) v[0], " ", false, true), t);
        add("rtrim", t, (v, c) -> trim((String) v[0], (String) v[1], false, true), t, t);
        add("||", t, (v, c) -> (String) v[0] + v[1], t, t);
    }

    static String substring(String s, int start, Integer count) {
        if (count != null && count < 0) {
            throw new PgException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        long from = start;
        long to = count == null ? Long.MAX_VALUE : (long) start + count;
        int n = s.codePointCount(0, s.length());
        long b = Math.max(from, 1);
        long e = Math.min(to, (long) n + 1);
        if (b >= e) {
            return "";
        }
        int bi = s.offsetByCodePoints(0, (int) b - 1);
        int ei = s.offsetByCodePoints(0, (int) e - 1);
        return s.substring(bi, ei);
    }

    static int position(String haystack, String needle) {
        int i = haystack.indexOf(needle);
        return i < 0 ? 0 : haystack.codePointCount(0, i) + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int b = 0;
        int e = s.length();
        if (leading) {
            while (b < e && chars.indexOf(s.charAt(b)) >= 0) {
                b++;
            }
        }
        if (trailing) {
            while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
                e--;
            }
        }
        return s.substring(b, e);
    }

    private void mathFunctions() {
        PgType t = PgTypes.TEXT;
        addVolatile("version", t, true, (v, c) -> VERSION);
        addVolatile("current_database", PgTypes.NAME, true, (v, c) -> c.session.databaseName());
        addVolatile("current_user", PgTypes.NAME, true, (v, c) -> c.session.userName());
        addVolatile("session_user", PgTypes.NAME, true, (v, c) -> c.session.userName());
        addVolatile("current_schema", PgTypes.NAME, true, (v, c) -> "public");
        addVolatile("pg_backend_pid", PgTypes.INT4, true, (v, c) -> c.session.backendPid());
        addVolatile("pg_reload_conf", PgTypes.BOOL, true, (v, c) -> c.session.settings().reloadConfiguration());
        addVolatile("now", PgTypes.TIMESTAMPTZ, true, (v, c) -> c.transactionTime());
        addVolatile("current_timestamp", PgTypes.TIMESTAMPTZ, true, (v, c) -> c.transactionTime());
        addVolatile("statement_timestamp", PgTypes.TIMESTAMPTZ, true, (v, c) -> c.statementTime);
        addVolatile("transaction_timestamp", PgTypes.TIMESTAMPTZ, true, (v, c) -> c.transactionTime());
        addVolatile("pg_sleep", PgTypes.VOID, true, (v, c) -> Sleep.seconds((Double) v[0], c.session), PgTypes.FLOAT8);
        addVolatile("pg_sleep_until", PgTypes.VOID, true, (v, c) -> Sleep.until((java.time.Instant) v[0], c.session),
                PgTypes.TIMESTAMPTZ);
        addVolatile("clock_timestamp", PgTypes.TIMESTAMPTZ, true,
                (v, c) -> java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        addVolatile("current_setting", t, true, (v, c) -> c.session.settings().currentSetting((String) v[0], false), t);
        addVolatile("current_setting", t, true,
                (v, c) -> c.session.settings().currentSetting((String) v[0], (Boolean) v[1]), t, PgTypes.BOOL);
        addVolatile("set_config", t, false, (v, c) -> {
            if (v[0] == null) {
                throw new PgException(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
            }
            return c.session.settings().setConfig((String) v[0], (String) v[1], v[2] != null && (Boolean) v[2]);
        }, t, t, PgTypes.BOOL);
    }
}
