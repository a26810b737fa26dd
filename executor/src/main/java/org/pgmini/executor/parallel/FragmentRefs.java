package org.pgmini.executor.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.pgmini.executor.types.PgType;
import org.pgmini.executor.types.PgTypes;
import org.pgmini.storage.catalog.RelationDescriptor;
import org.pgmini.storage.heap.HeapRelation;
import org.pgmini.storage.smgr.RelFileLocator;
import org.pgmini.storage.tuple.Attribute;
import org.pgmini.storage.tuple.AttributeType;
import org.pgmini.storage.tuple.IntervalValue;
import org.pgmini.storage.tuple.TupleDesc;

/**
 * The compact forms objects of other modules take inside a shipped plan fragment
 * ({@link FragmentCodec}): a type by its OID (resolved to the worker's canonical instance, so
 * {@code type == PgTypes.INT4} keeps working), a relation by the catalog fields a scan needs, a
 * heap relation by its file locator and attribute types. Each resolves itself when read back
 * ({@code readResolve}).
 */
final class FragmentRefs {
    private FragmentRefs() {}

    /** The stand-in the writer puts in place of {@code o}, or {@code o} itself. */
    static Object replace(Object o) {
        if (o instanceof PgType t) {
            return PgTypes.byOid(t.oid()) == t ? new TypeRef(t.oid()) : o;
        }
        if (o instanceof RelationDescriptor r) {
            return RelationRef.of(r);
        }
        if (o instanceof HeapRelation h) {
            return HeapRelationRef.of(h);
        }
        if (o instanceof IntervalValue v) {
            return new IntervalRef(v.microseconds(), v.days(), v.months());
        }
        if (!(o instanceof Serializable) && !(o instanceof Enum<?>)) {
            StaticRef ref = StaticRef.find(o);
            if (ref != null) {
                return ref;
            }
        }
        return o;
    }

    /**
     * A shared constant that is not serializable itself (e.g. {@code SortKeyType.INT4}, an
     * anonymous class instance in an interface): the static final field that holds it, found
     * among the fields of its class's supertypes and enclosing classes; read back as the
     * worker's own constant.
     */
    record StaticRef(String className, String fieldName) implements Serializable {
        static StaticRef find(Object o) {
            java.util.Set<Class<?>> seen = new java.util.HashSet<>();
            java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>();
            todo.add(o.getClass());
            while (!todo.isEmpty()) {
                Class<?> c = todo.poll();
                if (c == null || c == Object.class || !seen.add(c)) {
                    continue;
                }
                for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (java.lang.reflect.Modifier.isStatic(m) && java.lang.reflect.Modifier.isFinal(m)
                            && !f.getType().isPrimitive()) {
                        try {
                            f.setAccessible(true);
                            if (f.get(null) == o) {
                                return new StaticRef(c.getName(), f.getName());
                            }
                        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
                            // not this one
                        }
                    }
                }
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(java.util.List.of(c.getInterfaces()));
                if (c.getEnclosingClass() != null) {
                    todo.add(c.getEnclosingClass());
                }
            }
            return null;
        }

        private Object readResolve() throws java.io.ObjectStreamException {
            try {
                java.lang.reflect.Field f = Class.forName(className).getDeclaredField(fieldName);
                f.setAccessible(true);
                return f.get(null);
            } catch (ReflectiveOperationException e) {
                throw new java.io.InvalidObjectException("constant " + className + "." + fieldName + ": " + e);
            }
        }
    }

    /** A registered type, by OID. */
    record TypeRef(int oid) implements Serializable {
        private Object readResolve() {
            PgType t = PgTypes.byOid(oid);
            if (t == null) {
                throw new IllegalStateException("type " + oid + " is unknown in this parallel worker");
            }
            return t;
        }
    }

    /** One pg_attribute row of a shipped relation. */
    record ColumnRef(int attnum, String name, int typeOid, int typmod, boolean notNull, boolean dropped)
            implements Serializable {}

    /**
     * A relcache entry as a worker needs it (names, file, columns). Constraints and defaults are
     * left out: nothing below a Gather writes.
     */
    record RelationRef(int oid, String name, int namespaceOid, String namespaceName, char relkind, int relfilenode,
                       int dbOid, ColumnRef[] columns) implements Serializable {
        static RelationRef of(RelationDescriptor r) {
            ColumnRef[] cols = new ColumnRef[r.columns().size()];
            for (int i = 0; i < cols.length; i++) {
                RelationDescriptor.Column c = r.columns().get(i);
                cols[i] = new ColumnRef(c.attnum(), c.name(), c.typeOid(), c.typmod(), c.notNull(), c.dropped());
            }
            return new RelationRef(r.oid(), r.name(), r.namespaceOid(), r.namespaceName(), r.relkind(), r.relfilenode(),
                    r.dbOid(), cols);
        }

        private Object readResolve() {
            List<RelationDescriptor.Column> cols = new ArrayList<>(columns.length);
            for (ColumnRef c : columns) {
                cols.add(new RelationDescriptor.Column(c.attnum(), c.name(), c.typeOid(), c.typmod(), c.notNull(),
                        c.dropped(), null));
            }
            return new RelationDescriptor(oid, name, namespaceOid, namespaceName, relkind, relfilenode, dbOid,
                    List.copyOf(cols), List.of(), null);
        }
    }

    /** A heap relation: its file and the attributes' storage types. */
    record HeapRelationRef(int dbOid, int relNumber, String name, String[] attNames, int[] typeOids, int[] typmods,
                           boolean[] notNull, boolean[] dropped) implements Serializable {
        static HeapRelationRef of(HeapRelation h) {
            TupleDesc d = h.desc();
            int n = d.natts();
            String[] names = new String[n];
            int[] oids = new int[n], mods = new int[n];
            boolean[] nn = new boolean[n], dr = new boolean[n];
            for (int i = 0; i < n; i++) {
                Attribute a = d.attr(i);
                names[i] = a.name();
                oids[i] = a.type().oid();
                mods[i] = a.typmod();
                nn[i] = a.notNull();
                dr[i] = a.dropped();
            }
            return new HeapRelationRef(h.locator().dbOid(), h.locator().relNumber(), h.name(), names, oids, mods, nn, dr);
        }

        private Object readResolve() {
            List<Attribute> attrs = new ArrayList<>(typeOids.length);
            for (int i = 0; i < typeOids.length; i++) {
                attrs.add(new Attribute(attNames[i], AttributeType.byOid(typeOids[i]), typmods[i], notNull[i], dropped[i]));
            }
            return new HeapRelation(new RelFileLocator(dbOid, relNumber), name, new TupleDesc(attrs));
        }
    }

    /** An interval constant (storage's IntervalValue is not serializable). */
    record IntervalRef(long microseconds, int days, int months) implements Serializable {
        private Object readResolve() {
            return new IntervalValue(microseconds, days, months);
        }
    }
}
