package org.pgmini.server.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.ServerContext;
import org.pgmini.server.auth.AuthExchange;
import org.pgmini.server.auth.ClientOrigin;
import org.pgmini.server.guc.SessionSettings;
import org.pgmini.server.protocol.BackendMessages;
import org.pgmini.server.protocol.ClientConnection;
import org.pgmini.server.protocol.FrontendMessage;
import org.pgmini.server.protocol.ResponseBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's backend: PostgreSQL's backend process, here a thread of the postmaster.
 *
 * <p>Threading: {@link #run()} runs on the connection's own thread, which reads and decodes
 * the client's messages from its socket ({@link ClientConnection}) when it wants the next one
 * and runs everything (startup, authentication, parsing, planning, execution, encoding and
 * writing of results). A slow statement therefore blocks only its own session, and a round
 * trip involves no other thread. Responses go out through {@link ResponseBuffer} with one
 * write per response.
 *
 * <p>Input back-pressure is PostgreSQL's: the session reads only when it wants a message, so a
 * client pipelining far ahead fills its socket buffers and then waits.
 *
 * <p>Other threads only call {@link #cancel}, {@link #cancelUnconditionally}, {@link #terminate},
 * {@link #abandon} and {@link #activity}: volatile flags, the connection's wake-up, a snapshot.
 */
public final class Backend implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private final BackendHost host;
    private final ClientConnection connection;
    private final ClientOrigin origin;
    private final FrontendMessage.Startup startup;
    private final int processId;
    private final int secretKey;
    private final Interrupts interrupts = new Interrupts();
    private final ResponseBuffer out;
    private final ActivityTracker activity;
    private volatile Session session;
    private boolean skipUntilSync;
    /** log_disconnections as it was at the end of startup (PostgreSQL fixes it per session too). */
    private boolean logDisconnection;

    public Backend(BackendHost host, ClientConnection connection, ClientOrigin origin, FrontendMessage.Startup startup, int processId,
                   int secretKey) {
        this.host = host;
        this.origin = origin;
        this.activity = new ActivityTracker(processId, origin.address(), origin.port());
        this.connection = connection;
        this.startup = startup;
        this.processId = processId;
        this.secretKey = secretKey;
        // A client that stops reading blocks the backend in a write, as in PostgreSQL; only
        // termination (fast shutdown) gets it out, because a cancel cannot be reported mid-message.
        this.out = new ResponseBuffer(connection, () -> {
            if (interrupts.terminatePending()) {
                throw Interrupts.terminated();
            }
        });
    }

    public int processId() {
        return processId;
    }

    public ClientConnection connection() {
        return connection;
    }

    /** What this backend is doing (pg_stat_activity). */
    public BackendActivity activity() {
        return activity.snapshot();
    }

    /** CancelRequest with this backend's process id: cancels the running statement if the key matches. */
    public boolean cancel(int key) {
        if (key != secretKey) {
            return false;
        }
        interrupts.requestCancel();
        return true;
    }

    /** pg_cancel_backend: the same as a CancelRequest with the right key. */
    public void cancelUnconditionally() {
        interrupts.requestCancel();
    }

    /** Immediate shutdown (the connection is already closed): stop at the next interrupt check. */
    public void abandon() {
        interrupts.requestTerminate();
    }

    /** Fast shutdown / pg_terminate_backend: FATAL 57P01 at the next interrupt check, or at once when idle. */
    public void terminate() {
        interrupts.requestTerminate();
        connection.wakeup();
    }

    /** Runs the session on the calling thread (the connection's) until it ends; closes the connection. */
    @Override
    public void run() {
        Thread.currentThread().setName("pgmini backend " + processId);
        try {
            if (startup()) {
                messageLoop();
            }
        } catch (SessionEnd e) {
            // client said goodbye or vanished
        } catch (PgException e) {
            if (session == null) {
                // A refused start-up gives its connection slot back before the client can read why:
                // a client that connects next (e.g. a superuser after a 53300) must find it free.
                // exited() is idempotent, so the finally block's call is harmless.
                host.exited(this);
            }
            sendFatal(e);
        } catch (Throwable t) {
            LOG.error("backend {} failed", processId, t);
            sendFatal(new PgException("FATAL", SqlState.INTERNAL_ERROR, String.valueOf(t), null, null, 0, null, t));
        } finally {
            Session s = session;
            if (s != null) {
                s.close();
            }
            out.flushNoWait();
            out.discard();
            connection.close();
            host.exited(this);
            if (logDisconnection) {
                BackendActivity a = activity.snapshot();
                long ms = System.currentTimeMillis() - a.backendStart();
                LOG.info("disconnection: session time: {}:{}:{}.{} user={} database={} host={}", ms / 3_600_000,
                        String.format("%02d", ms / 60_000 % 60), String.format("%02d", ms / 1000 % 60),
                        String.format("%03d", ms % 1000), a.userName(), a.databaseName(),
                        origin.hostText());
            }
        }
    }

    private void sendFatal(PgException e) {
        PgException fatal = "FATAL".equals(e.severity()) ? e
                : new PgException("FATAL", e.sqlState(), e.getMessage(), e.detail(), e.hint(), e.position(),
                e.context(), e);
        try {
            BackendMessages.errorResponse(out.buf(), fatal);
            out.flushNoWait();
        } catch (RuntimeException ignored) {
            out.discard();
        }
    }

    /**
     * Startup in PostgreSQL's order: packet checks, slot, pg_hba.conf and authentication,
     * AuthenticationOk, role, reserved slots, database, startup parameters, ParameterStatus,
     * BackendKeyData, ReadyForQuery.
     */
    private boolean startup() {
        if (startup.majorVersion() != 3) {
            String message = String.format(Locale.ROOT, "unsupported frontend protocol %d.%d: server supports 3.0 to 3.0",
                    startup.majorVersion(), startup.minorVersion());
            if (startup.majorVersion() < 3) {
                // An old client reads errors in protocol 2's format ('E', text, NUL), so PostgreSQL
                // answers it that way.
                out.buf().writeByte('E');
                BackendMessages.cstring(out.buf(), "FATAL:  " + message + "\n");
                out.flushNoWait();
                throw SessionEnd.INSTANCE;
            }
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED, message);
        }
        Map<String, String> parameters = new LinkedHashMap<>(startup.parameters());
        List<String> unrecognized = new ArrayList<>();
        parameters.keySet().removeIf(name -> {
            if (name.startsWith("_pq_.")) {
                unrecognized.add(name);
                return true;
            }
            return false;
        });
        if (startup.minorVersion() > 0 || !unrecognized.isEmpty()) {
            BackendMessages.negotiateProtocolVersion(out.buf(), 0, unrecognized);
        }
        String user = parameters.remove("user");
        if (user == null || user.isEmpty()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        String database = parameters.remove("database");
        if (database == null || database.isEmpty()) {
            database = user;
        }
        String replication = parameters.remove("replication");
        if (replication != null && !isFalse(replication)) {
            throw fatal(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported");
        }
        // PostgreSQL refuses during startup, crash recovery and shutdown before authentication.
        org.pgmini.server.storage.ServerDatabase db = host.context().database();
        if (db != null) {
            db.checkConnectable();
        }
        host.admit(this);
        host.authentication().authenticate(origin, user, database, new PasswordExchange());
        BackendMessages.authenticationOk(out.buf());
        boolean superuser = host.authentication().checkRoleExists(user);
        if (!superuser) {
            host.checkReservedSlots();
        }
        KnownDatabases.checkConnectable(database);
        ServerContext ctx = host.context();
        // Errors of the startup parameters are reported as FATAL by run(), as in PostgreSQL.
        SessionSettings settings = ctx.newSessionSettings(user, parameters);
        activity.started(user, database);
        Session s = new Session(user, database, processId, settings, ctx.sqlEngine(), interrupts, out, activity);
        session = s;
        s.setWorkerLauncher(ctx.workerLauncher());
        s.setCopyInput(this::nextCopyMessage);
        s.setActivitySource(ctx::activity);
        if (db != null) {
            s.attachDatabase(new SessionDatabase(db, processId, settings, interrupts));
        }
        s.reportAllParameters();
        if (s.boolSetting("log_connections")) {
            LOG.info("connection authorized: user={} database={} application_name={}", user, database,
                    activity.snapshot().applicationName());
        }
        logDisconnection = s.boolSetting("log_disconnections");
        BackendMessages.backendKeyData(out.buf(), processId, secretKey);
        s.readyForQuery();
        return true;
    }

    /**
     * The next client message while COPY FROM STDIN reads its data (backend thread). Termination
     * (fast shutdown) ends the wait; a vanished client ends the session after the COPY failed.
     */
    private FrontendMessage nextCopyMessage() {
        FrontendMessage m = connection.read(ClientConnection.NO_DEADLINE);
        if (interrupts.terminatePending()) {
            throw Interrupts.terminated();
        }
        if (m instanceof FrontendMessage.ConnectionClosed || m instanceof FrontendMessage.Terminate) {
            // given back so that the message loop ends the session once the COPY's error is handled
            connection.unread(m);
        }
        return m;
    }

    /** The authentication conversation over this connection, bounded by authentication_timeout. */
    private final class PasswordExchange implements AuthExchange {
        private final long deadline = System.nanoTime()
                + TimeUnit.SECONDS.toNanos(host.authenticationTimeoutSeconds());

        @Override
        public void request(int code, byte[] payload) {
            BackendMessages.authenticationRequest(out.buf(), code, payload);
            out.flush();
        }

        @Override
        public byte[] response() {
            FrontendMessage m = connection.read(deadline);
            if (m == null) {
                throw new PgException("FATAL", SqlState.QUERY_CANCELED, "canceling authentication due to timeout",
                        null, null, 0, null, null);
            }
            if (m instanceof FrontendMessage.Password p) {
                return p.data();
            }
            if (interrupts.terminatePending()) {
                throw Interrupts.terminated(); // shutdown while the client was being asked for a password
            }
            if (m instanceof FrontendMessage.ConnectionClosed || m instanceof FrontendMessage.Terminate) {
                throw SessionEnd.INSTANCE; // e.g. psql without a password hangs up to ask for one
            }
            if (m instanceof FrontendMessage.FramingError f) {
                throw fatal(SqlState.PROTOCOL_VIOLATION, f.message());
            }
            throw fatal(SqlState.PROTOCOL_VIOLATION, "expected password response, got message type " + FrontendMessage.typeByte(m));
        }
    }

    private static boolean isFalse(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.equals("false") || s.equals("off") || s.equals("no") || s.equals("0");
    }

    private void messageLoop() {
        Session s = session;
        while (true) {
            FrontendMessage m = connection.poll();
            if (m == null) {
                // Idle, waiting for the client: a cancel now has nothing to cancel.
                interrupts.clearCancel();
                m = awaitClient(s);
                interrupts.clearCancel();
            }
            if (interrupts.terminatePending()) {
                throw Interrupts.terminated();
            }
            dispatch(s, m);
            s.dropStalePortals();
        }
    }

    /**
     * Waits for the client's next message, at most idle_in_transaction_session_timeout inside a
     * transaction block or idle_session_timeout outside one (0: no limit); when it runs out the
     * session ends with PostgreSQL's FATAL.
     */
    private FrontendMessage awaitClient(Session s) {
        boolean inBlock = s.transaction().inBlock();
        int timeout = s.intSetting(inBlock ? "idle_in_transaction_session_timeout" : "idle_session_timeout");
        if (timeout <= 0) {
            return connection.read(ClientConnection.NO_DEADLINE);
        }
        FrontendMessage m = connection.read(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout));
        if (m != null) {
            return m;
        }
        throw inBlock
                ? fatal("25P03", "terminating connection due to idle-in-transaction timeout")
                : fatal("57P05", "terminating connection due to idle-session timeout");
    }

    private void dispatch(Session s, FrontendMessage m) {
        if (m instanceof FrontendMessage.Wakeup) {
            return;
        }
        if (m instanceof FrontendMessage.ConnectionClosed || m instanceof FrontendMessage.Terminate) {
            throw SessionEnd.INSTANCE;
        }
        if (m instanceof FrontendMessage.FramingError f) {
            throw fatal(SqlState.PROTOCOL_VIOLATION, f.message());
        }
        if (skipUntilSync && !(m instanceof FrontendMessage.Sync)) {
            return; // after an error in the extended protocol everything up to Sync is ignored
        }
        if (m instanceof FrontendMessage.Query q) {
            SimpleQueryProtocol.run(s, q.sql());
        } else if (m instanceof FrontendMessage.Sync) {
            skipUntilSync = false;
            try {
                ExtendedQueryProtocol.sync(s);
            } catch (Throwable t) {
                recover(s, t, false);
                return;
            }
            s.dropStalePortals();
            s.readyForQuery();
        } else if (m instanceof FrontendMessage.Flush) {
            out.flush();
        } else if (m instanceof FrontendMessage.CopyData || m instanceof FrontendMessage.CopyDone
                || m instanceof FrontendMessage.CopyFail) {
            // CopyData/CopyDone/CopyFail outside COPY (e.g. after COPY failed): ignored, as PostgreSQL does
        } else if (m instanceof FrontendMessage.FunctionCall) {
            recover(s, new PgException(SqlState.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported"),
                    false);
        } else if (m instanceof FrontendMessage.Malformed bad) {
            recover(s, bad.error(), bad.extendedProtocol());
        } else {
            try {
                if (m instanceof FrontendMessage.Parse p) {
                    ExtendedQueryProtocol.parse(s, p);
                } else if (m instanceof FrontendMessage.Bind b) {
                    ExtendedQueryProtocol.bind(s, b);
                } else if (m instanceof FrontendMessage.Describe d) {
                    ExtendedQueryProtocol.describe(s, d);
                } else if (m instanceof FrontendMessage.Execute e) {
                    ExtendedQueryProtocol.execute(s, e);
                } else if (m instanceof FrontendMessage.Close c) {
                    ExtendedQueryProtocol.close(s, c);
                } else {
                    // A PasswordMessage outside authentication (SSLRequest & co. cannot reach here:
                    // the decoder leaves the startup phase first).
                    throw fatal(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + FrontendMessage.typeByte(m));
                }
            } catch (Throwable t) {
                recover(s, t, true);
            } finally {
                s.interrupts().disarmStatementTimeout();
            }
        }
    }

    /**
     * PostgreSQL's error recovery: report, abort the transaction; in the extended protocol skip
     * to Sync, otherwise send ReadyForQuery at once. FATAL errors end the session instead.
     */
    private void recover(Session s, Throwable t, boolean extended) {
        s.reportAndAbort(t);
        if (extended) {
            skipUntilSync = true;
        } else {
            s.transaction().endOfBatch();
            s.dropStalePortals();
            s.readyForQuery();
        }
    }

    static PgException fatal(String sqlState, String message) {
        return new PgException("FATAL", sqlState, message, null, null, 0, null, null);
    }

    /** Ends the message loop quietly (Terminate, or the connection is gone). */
    private static final class SessionEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final SessionEnd INSTANCE = new SessionEnd();

        private SessionEnd() {
            super(null, null, false, false);
        }
    }
}
