package org.pgmini.server.postmaster;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.ServerContext;
import org.pgmini.server.ShutdownMode;

/**
 * The default {@link ListenerFactory}: the protocol server class
 * {@code org.pgmini.server.protocol.ProtocolServer(ServerContext)} with {@code start()} and
 * {@code shutdown(ShutdownMode)}, looked up by name because it is built in parallel with the
 * postmaster. Once both are in one tree this can become a direct {@code new ProtocolServer(ctx)}.
 */
final class ProtocolServerBinding implements ListenerFactory {
    static final String CLASS_NAME = "org.pgmini.server.protocol.ProtocolServer";

    static boolean available() {
        try {
            Class.forName(CLASS_NAME, false, ProtocolServerBinding.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public Listener create(ServerContext context) {
        try {
            Class<?> cls = Class.forName(CLASS_NAME);
            Constructor<?> ctor = cls.getConstructor(ServerContext.class);
            Object server = ctor.newInstance(context);
            Method start = cls.getMethod("start");
            Method shutdown = cls.getMethod("shutdown", ShutdownMode.class);
            return new Listener() {
                @Override
                public void start() {
                    invoke(start, server);
                }

                @Override
                public void shutdown(ShutdownMode mode) {
                    invoke(shutdown, server, mode);
                }

                @Override
                public void terminateSessionsAfterCrash(long waitMillis) {
                    try {
                        invoke(cls.getMethod("terminateAllAfterCrash", long.class), server, waitMillis);
                    } catch (NoSuchMethodException e) {
                        throw new PgException(SqlState.INTERNAL_ERROR, "protocol server cannot terminate sessions", e);
                    }
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, "could not create the protocol server: " + e, e);
        }
    }

    private static void invoke(Method m, Object target, Object... args) {
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new PgException(SqlState.INTERNAL_ERROR, String.valueOf(t), t);
        } catch (IllegalAccessException e) {
            throw new PgException(SqlState.INTERNAL_ERROR, e.toString(), e);
        }
    }
}
