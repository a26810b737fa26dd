package org.pgmini.server.testing;

/**
 * Runs a {@link TestServer} (tiny engine, trusting pg_hba.conf) on a given port until killed,
 * for trying the protocol layer by hand with psql, pgbench or pgjdbc.
 * Usage: java ... org.pgmini.server.testing.TestServerMain PORT [UNIX_SOCKET_DIRECTORY]
 */
public final class TestServerMain {
    private TestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        TestServer server = new TestServer(new TinyEngine(), "local all all trust\n" + TestServer.TRUST_LOCALHOST, 100);
        server.mapConfig().set("port", args.length > 0 ? args[0] : "0");
        if (args.length > 1) {
            server.mapConfig().set("unix_socket_directories", args[1]);
        }
        server.start();
        System.out.println("listening on port " + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
