package org.pgmini.server.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.server.ServerContext;
import org.pgmini.server.ShutdownMode;
import org.pgmini.server.auth.ClientAuthentication;
import org.pgmini.server.auth.ClientOrigin;
import org.pgmini.server.guc.ConfigView;
import org.pgmini.server.session.Backend;
import org.pgmini.server.session.BackendActivity;
import org.pgmini.server.session.BackendHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The postmaster's listener: accepts connections on every address of {@code listen_addresses}
 * at {@code port} and on a Unix-domain socket in every directory of
 * {@code unix_socket_directories}, and runs one thread per connection (PostgreSQL's process
 * per connection): {@link ConnectionThread} serves the startup packets, then the connection's
 * {@link Backend} runs on that thread and reads and writes its own socket
 * ({@link ClientConnection}). One accepting thread per listening socket.
 *
 * <p>Reads these parameters from {@link ServerContext#config()} at {@link #start()}:
 * listen_addresses, port, unix_socket_directories (unknown: none), max_connections,
 * superuser_reserved_connections, unix_socket_permissions, hba_file and ident_file (empty or
 * unknown: DATADIR/pg_hba.conf, DATADIR/pg_ident.conf), authentication_timeout (seconds; 60
 * when the GUC system does not know it). A parameter the GUC system does not know is taken as
 * off / its PostgreSQL default.
 *
 * <p>Concurrency: {@link #backends} (process id to backend, used by CancelRequest and shutdown)
 * is a concurrent map; the admission counter and the shutdown state are guarded by
 * {@code this}; each backend's thread removes itself through {@link #exited}.
 */
public final class ProtocolServer implements BackendHost {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolServer.class);

    private enum State { NEW, RUNNING, SMART, FAST, IMMEDIATE, STOPPED }

    private final ServerContext ctx;
    private final Map<Integer, Backend> backends = new ConcurrentHashMap<>();
    private final java.util.Set<Backend> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger nextProcessId;
    private final SecureRandom random = new SecureRandom();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    /** Unix-domain socket files and their lock files, removed at shutdown. */
    private final UnixSocketFiles socketFiles = new UnixSocketFiles();

    private State state = State.NEW;
    private ClientAuthentication authentication;
    private int maxConnections;
    private int reservedConnections;
    private int socketPermissions;
    private int authenticationTimeoutSeconds;
    private int port;

    public ProtocolServer(ServerContext ctx) {
        this.ctx = ctx;
        this.nextProcessId = new AtomicInteger((int) (ProcessHandle.current().pid() % 1_000_000) * 100 + 1);
    }

    /**
     * Loads pg_hba.conf and binds every listen address. Throws PgException (nothing stays bound)
     * when pg_hba.conf cannot be loaded or no address could be bound; the message is
     * PostgreSQL's, e.g. {@code could not bind IPv4 address "127.0.0.1": Address already in use}
     * (severity LOG, as PostgreSQL logs it; the postmaster follows it with FATAL "could not create
     * any TCP/IP sockets"). TCP addresses are bound before the Unix sockets, as in PostgreSQL.
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("protocol server already started");
        }
        ConfigView config = ctx.config();
        authentication = ClientAuthentication.load(configFile(config, "hba_file", "pg_hba.conf"),
                configFile(config, "ident_file", "pg_ident.conf"), ctx.dataDirectory());
        maxConnections = intOr(config, "max_connections", 100);
        reservedConnections = Math.max(0, intOr(config, "superuser_reserved_connections", 0));
        socketPermissions = intOr(config, "unix_socket_permissions", 0777);
        authenticationTimeoutSeconds = Math.max(1, intOr(config, "authentication_timeout", 60));
        int configuredPort = config.getInt("port");
        String listen = config.getString("listen_addresses");

        List<String> problems = new ArrayList<>();
        List<InetAddress> addresses = ListenAddresses.parse(listen, configuredPort, problems);
        port = configuredPort;
        for (InetAddress address : addresses) {
            InetSocketAddress bindTo = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
            ServerSocketChannel ch = null;
            try {
                ch = ServerSocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(bindTo, backlog());
                listeners.add(ch);
                if (port == 0) {
                    port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                }
            } catch (IOException e) {
                closeQuietly(ch);
                problems.add(ListenAddresses.bindFailure(address, e.getMessage() == null ? "unknown error" : e.getMessage()));
            }
        }
        // PostgreSQL's order: the TCP sockets first, and if none of the requested addresses
        // could be bound the start fails before any Unix socket (or its lock file) is made.
        // Each bind failure is logged at LOG with the hint; the postmaster then says FATAL
        // "could not create any TCP/IP sockets", hence severity LOG on this exception.
        if (!addresses.isEmpty() && listeners.isEmpty()) {
            for (int i = 1; i < problems.size(); i++) {
                LOG.warn(problems.get(i));
            }
            throw new PgException("LOG", SqlState.CONFIG_FILE_ERROR, problems.isEmpty()
                    ? "could not create any TCP/IP sockets" : problems.get(0), null,
                    "Is another postmaster already running on port " + configuredPort
                            + "? If not, wait a few seconds and retry.", 0, null, null);
        }
        try {
            bindUnixSockets(config, problems);
        } catch (PgException e) {
            closeListeners();
            throw e;
        }
        for (String p : problems) {
            LOG.warn(p);
        }
        if (listeners.isEmpty()) {
            throw new PgException("FATAL", SqlState.CONFIG_FILE_ERROR, "no socket created for listening", null,
                    null, 0, null, null);
        }
        state = State.RUNNING;
        for (ServerSocketChannel l : listeners) {
            Thread t = new Thread(() -> acceptLoop(l), "pgmini-accept " + describe(l));
            t.setDaemon(true);
            acceptors.add(t);
            t.start();
        }
        LOG.info("listening on {} port {}", listen, port);
    }

    private int backlog() {
        return Math.max(128, Math.min(10000, 2 * maxConnections));
    }

    private static String describe(ServerSocketChannel l) {
        try {
            return String.valueOf(l.getLocalAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * One listening socket's thread: accepts until the socket is closed at shutdown, and gives
     * every connection a thread of its own (or refuses it at once when far too many are open).
     */
    private void acceptLoop(ServerSocketChannel listener) {
        while (listener.isOpen()) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                if (listener.isOpen()) {
                    LOG.warn("could not accept new connection: {}", e.getMessage());
                    try {
                        Thread.sleep(10); // e.g. out of file descriptors: do not spin
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                continue;
            }
            if (!connectionOpened()) {
                // Far more connections than sessions allowed: refuse before any work, like the postmaster.
                ConnectionThread.refuse(ch, SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
                continue;
            }
            try {
                if (ch.getRemoteAddress() instanceof InetSocketAddress) {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                }
                Thread t = new Thread(new ConnectionThread(this, ch), "pgmini connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                LOG.warn("could not start a thread for a new connection: {}", String.valueOf(e));
                closeQuietly(ch);
                connectionClosed();
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /**
     * One socket per directory of unix_socket_directories (see {@link UnixSocketFiles}); a
     * directory that cannot be used is logged and skipped.
     */
    private void bindUnixSockets(ConfigView config, List<String> problems) {
        List<String> dirs;
        try {
            dirs = UnixSocketFiles.directories(config.getString("unix_socket_directories"));
        } catch (PgException e) {
            return; // not registered: TCP only
        }
        if (dirs.isEmpty()) {
            return;
        }
        for (String dir : dirs) {
            List<String> skip = socketFiles.prepare(dir, port, ctx.dataDirectory());
            if (skip != null) {
                problems.addAll(skip);
                continue;
            }
            Path socket = UnixSocketFiles.socketPath(dir, port);
            ServerSocketChannel ch = null;
            try {
                ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ch.bind(UnixDomainSocketAddress.of(socket), backlog());
            } catch (IOException | UnsupportedOperationException e) {
                closeQuietly(ch);
                socketFiles.abandon(dir, port);
                problems.add("could not bind Unix address \"" + socket + "\": "
                        + ListenAddresses.stripNativePrefix(e.getMessage() == null ? "unknown error" : e.getMessage()));
                problems.add("could not create Unix-domain socket in directory \"" + dir + "\"");
                continue;
            }
            socketFiles.bound(dir, port, socketPermissions);
            listeners.add(ch);
        }
    }

    /** Closes the listening sockets (their accepting threads end) and removes the Unix socket files. */
    private void closeListeners() {
        for (ServerSocketChannel c : listeners) {
            closeQuietly(c);
        }
        listeners.clear();
        for (Thread t : acceptors) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acceptors.clear();
        socketFiles.removeAll();
    }

    /** A file named by a GUC such as hba_file; empty or unregistered means DATADIR/{@code defaultName}. */
    private Path configFile(ConfigView config, String guc, String defaultName) {
        String configured = null;
        try {
            configured = config.getString(guc);
        } catch (PgException e) {
            // not registered: PostgreSQL's default location
        }
        if (configured == null || configured.isEmpty()) {
            return ctx.dataDirectory().resolve(defaultName);
        }
        Path p = Path.of(configured);
        return p.isAbsolute() ? p : ctx.dataDirectory().resolve(p);
    }

    private static int intOr(ConfigView config, String name, int fallback) {
        try {
            return config.getInt(name);
        } catch (PgException e) {
            return fallback;
        }
    }

    /** The TCP port actually bound (the configured one, or the chosen one when port was 0). */
    public int port() {
        return port;
    }

    /** The addresses bound. */
    public synchronized List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel c : listeners) {
            try {
                if (c.getLocalAddress() instanceof InetSocketAddress a) {
                    out.add(a);
                }
            } catch (IOException e) {
                // closed meanwhile
            }
        }
        return out;
    }

    /** pg_stat_activity: every backend, in no particular order. */
    public List<BackendActivity> activity() {
        List<BackendActivity> out = new ArrayList<>();
        for (Backend b : backends.values()) {
            out.add(b.activity());
        }
        return out;
    }

    /**
     * pg_cancel_backend(pid): cancels the statement the backend runs (57014 "canceling statement
     * due to user request"); false when no such backend exists. Permission checks are the caller's.
     */
    public boolean cancelBackend(int pid) {
        Backend b = backends.get(pid);
        if (b == null) {
            return false;
        }
        b.cancelUnconditionally();
        return true;
    }

    /**
     * pg_terminate_backend(pid): ends the session with FATAL 57P01 "terminating connection due to
     * administrator command"; false when no such backend exists.
     */
    public boolean terminateBackend(int pid) {
        Backend b = backends.get(pid);
        if (b == null) {
            return false;
        }
        b.terminate();
        return true;
    }

    /**
     * Crash of another server process (the postmaster's crash-and-restart): every session gets
     * PostgreSQL's WARNING 57P02 "terminating connection because of crash of another server
     * process" (quickdie), its connection is closed, and its thread stops at its next interrupt
     * check. Waits up to {@code waitMillis} for the sessions to end; new connections stay welcome.
     */
    public void terminateAllAfterCrash(long waitMillis) {
        for (Backend b : backends.values()) {
            ClientConnection ch = b.connection();
            ByteBuf warning = Unpooled.buffer(512);
            BackendMessages.noticeResponse(warning, new org.pgmini.executor.api.Notice("WARNING", SqlState.CRASH_SHUTDOWN,
                    "terminating connection because of crash of another server process",
                    "The postmaster has commanded this server process to roll back the current transaction and exit, "
                            + "because another server process exited abnormally and possibly corrupted shared memory.",
                    "In a moment you should be able to reconnect to the database and repeat your command."));
            ch.tryWriteFromOtherThread(warning);
            ch.closeFromOtherThread();
            b.terminate();
        }
        awaitNoSessions(TimeUnit.MILLISECONDS.toNanos(waitMillis));
    }

    /** Sessions past startup (what max_connections counts). */
    public int sessionCount() {
        return admitted.size();
    }

    /**
     * The first step of a shutdown, on the caller's thread: from its return on, new connections
     * are refused (57P03). Idempotent; a weaker mode than the current one changes nothing.
     *
     * @return false when there is nothing left to shut down (never started, or already stopped)
     */
    public boolean refuseNewSessions(ShutdownMode mode) {
        State target = switch (mode) {
            case SMART -> State.SMART;
            case FAST -> State.FAST;
            case IMMEDIATE -> State.IMMEDIATE;
        };
        synchronized (this) {
            if (state == State.NEW) {
                state = State.STOPPED;
                return false;
            }
            if (state == State.STOPPED) {
                return false;
            }
            if (target.ordinal() > state.ordinal()) {
                state = target;
            }
            notifyAll();
        }
        return true;
    }

    /**
     * Shuts the listener and the sessions down. SMART refuses new sessions (57P03) and waits
     * until every session has ended; FAST terminates sessions with FATAL 57P01 and waits for
     * them; IMMEDIATE sends PostgreSQL's WARNING and closes every connection at once. Returns
     * when the listener is closed. May be called again with a stronger mode while a SMART
     * shutdown waits (as pg_ctl stop -m fast after -m smart).
     */
    public void shutdown(ShutdownMode mode) {
        if (!refuseNewSessions(mode)) {
            return;
        }
        switch (mode) {
            case SMART -> awaitNoSessions(Long.MAX_VALUE);
            case FAST -> {
                for (Backend b : backends.values()) {
                    b.terminate();
                }
                if (!awaitNoSessions(TimeUnit.SECONDS.toNanos(10))) {
                    LOG.warn("sessions did not end within 10 s of a fast shutdown; closing their connections");
                    for (Backend b : backends.values()) {
                        b.connection().closeFromOtherThread();
                    }
                }
            }
            case IMMEDIATE -> {
                for (Backend b : backends.values()) {
                    // The warning and the close go first; the backend is then only told to stop
                    // at its next interrupt check, without being woken to send a FATAL of its own.
                    ClientConnection ch = b.connection();
                    ByteBuf warning = Unpooled.buffer(128);
                    BackendMessages.noticeResponse(warning, "WARNING", SqlState.ADMIN_SHUTDOWN,
                            "terminating connection due to immediate shutdown command");
                    ch.tryWriteFromOtherThread(warning);
                    ch.closeFromOtherThread();
                    b.abandon();
                }
            }
        }
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            closeListeners();
        }
    }

    /** Waits until no session is left, the state moves past SMART (a stronger shutdown takes over), or the time is up. */
    private boolean awaitNoSessions(long nanos) {
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        synchronized (this) {
            while (!backends.isEmpty()) {
                if (state == State.STOPPED) {
                    return true;
                }
                long left = deadline == Long.MAX_VALUE ? 1000 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.min(left, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // ---- used by ConnectionThread (a connection's own thread) and the accepting threads ----

    @Override
    public int authenticationTimeoutSeconds() {
        return authenticationTimeoutSeconds;
    }

    /** log_connections as the server configuration has it (sighup values as last loaded). */
    boolean logConnections() {
        try {
            return ctx.config().getBool("log_connections");
        } catch (PgException e) {
            return false;
        }
    }

    /** Counts a new connection; false when there are so many that it must be refused at once. */
    boolean connectionOpened() {
        int n = openConnections.incrementAndGet();
        // Like the postmaster's limit on child processes: room for every session plus as many
        // again in startup or sending cancel requests.
        if (n > 2 * maxConnections + 10) {
            openConnections.decrementAndGet();
            return false;
        }
        return true;
    }

    void connectionClosed() {
        openConnections.decrementAndGet();
    }

    Backend newBackend(ClientConnection connection, ClientOrigin origin, FrontendMessage.Startup startup) {
        while (true) {
            int pid = nextProcessId.getAndIncrement() & Integer.MAX_VALUE;
            if (pid == 0 || backends.containsKey(pid)) {
                continue;
            }
            Backend b = new Backend(this, connection, origin, startup, pid, random.nextInt());
            backends.put(pid, b);
            return b;
        }
    }

    /** A CancelRequest: PostgreSQL answers nothing, whether or not the key matched. */
    void cancel(int processId, int secretKey) {
        Backend b = backends.get(processId);
        if (b == null || !b.cancel(secretKey)) {
            LOG.debug("cancel request for unknown process id {} or wrong key", processId);
        }
    }

    // ---- BackendHost (backend threads) ----

    @Override
    public ServerContext context() {
        return ctx;
    }

    @Override
    public ClientAuthentication authentication() {
        return authentication;
    }

    @Override
    public synchronized void admit(Backend backend) {
        if (state != State.RUNNING) {
            throw new PgException("FATAL", SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down", null,
                    null, 0, null, null);
        }
        if (admitted.size() >= maxConnections) {
            throw new PgException("FATAL", SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already", null,
                    null, 0, null, null);
        }
        admitted.add(backend);
    }

    @Override
    public synchronized void checkReservedSlots() {
        int free = maxConnections - admitted.size();
        if (free < reservedConnections) {
            throw new PgException("FATAL", SqlState.TOO_MANY_CONNECTIONS,
                    "remaining connection slots are reserved for non-replication superuser connections", null, null,
                    0, null, null);
        }
    }

    @Override
    public void exited(Backend backend) {
        backends.remove(backend.processId(), backend);
        synchronized (this) {
            admitted.remove(backend);
            notifyAll();
        }
    }
}
