package org.pgmini.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw protocol-3.0 client for tests that must see every message exactly: it builds frontend
 * messages byte by byte (so tests can also send broken ones) and returns backend messages
 * undecoded, with helpers to read the common ones. Blocking, with a read timeout so that a
 * missing reply fails the test instead of hanging it.
 */
public final class PgWireClient implements AutoCloseable {
    private final Socket socket;
    private final java.nio.channels.SocketChannel unixChannel;
    private final DataInputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private PgWireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.unixChannel = null;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(15_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Over a Unix-domain socket (no read timeout there: tests using it set their own @Timeout). */
    private PgWireClient(java.nio.channels.SocketChannel channel) {
        this.socket = null;
        this.unixChannel = channel;
        this.in = new DataInputStream(java.nio.channels.Channels.newInputStream(channel));
        this.out = java.nio.channels.Channels.newOutputStream(channel);
    }

    public static PgWireClient connect(int port) throws IOException {
        return new PgWireClient(new Socket("127.0.0.1", port));
    }

    public static PgWireClient connectUnix(java.nio.file.Path socketFile) throws IOException {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.connect(java.net.UnixDomainSocketAddress.of(socketFile));
        return new PgWireClient(ch);
    }

    public void setReadTimeout(int millis) throws SocketException {
        if (socket != null) {
            socket.setSoTimeout(millis);
        }
    }

    /** One backend message. */
    public record Msg(char type, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** ErrorResponse/NoticeResponse fields by code. */
        public Map<Character, String> fields() {
            Map<Character, String> f = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int start = i;
                while (body[i] != 0) {
                    i++;
                }
                f.put(code, new String(body, start, i - start, StandardCharsets.UTF_8));
                i++;
            }
            return f;
        }

        public String sqlState() {
            return fields().get('C');
        }

        public String message() {
            return fields().get('M');
        }

        /** CommandComplete's tag. */
        public String tag() {
            return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }

        /** ReadyForQuery's status. */
        public char status() {
            return (char) body[0];
        }

        /** DataRow values as text (null for NULL); binary values as their raw bytes in ISO-8859-1. */
        public List<String> values() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<String> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    v.add(null);
                } else {
                    byte[] x = new byte[len];
                    b.get(x);
                    v.add(new String(x, StandardCharsets.UTF_8));
                }
            }
            return v;
        }

        /** DataRow values as raw bytes. */
        public List<byte[]> rawValues() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<byte[]> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    v.add(null);
                } else {
                    byte[] x = new byte[len];
                    b.get(x);
                    v.add(x);
                }
            }
            return v;
        }

        /** RowDescription: column names. */
        public List<String> columnNames() {
            List<String> names = new ArrayList<>();
            for (int[] c : columnsRaw(names)) {
                assert c != null;
            }
            return names;
        }

        /** RowDescription: per column {type oid, format}. */
        public List<int[]> columnTypes() {
            return columnsRaw(new ArrayList<>());
        }

        private List<int[]> columnsRaw(List<String> names) {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int start = b.position();
                while (b.get() != 0) {
                    // skip name
                }
                names.add(new String(body, start, b.position() - start - 1, StandardCharsets.UTF_8));
                b.getInt();
                b.getShort();
                int oid = b.getInt();
                b.getShort();
                b.getInt();
                int format = b.getShort();
                out.add(new int[] {oid, format});
            }
            return out;
        }

        /** ParameterStatus as {name, value}. */
        public String[] parameter() {
            String s = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
            int z = s.indexOf('\0');
            return new String[] {s.substring(0, z), s.substring(z + 1)};
        }

        /** ParameterDescription's type OIDs. */
        public int[] parameterTypes() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int[] oids = new int[b.getShort()];
            for (int i = 0; i < oids.length; i++) {
                oids[i] = b.getInt();
            }
            return oids;
        }

        @Override
        public String toString() {
            return type + ":" + text().replace('\0', '|');
        }
    }

    // ---------- building ----------

    /** Appends raw bytes to the pending output. */
    public PgWireClient raw(byte[] bytes) {
        pending.writeBytes(bytes);
        return this;
    }

    /** Appends a typed message with a correct length. */
    public PgWireClient message(char type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).putInt(4 + body.length).put(body);
        return raw(b.array());
    }

    public static byte[] cstr(String s) {
        byte[] x = s.getBytes(StandardCharsets.UTF_8);
        byte[] y = new byte[x.length + 1];
        System.arraycopy(x, 0, y, 0, x.length);
        return y;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    public static byte[] int16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    public static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    public PgWireClient startupPacket(int code, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putInt(8 + body.length).putInt(code).put(body);
        return raw(b.array());
    }

    /** Sends a v3.0 StartupMessage with these parameters. */
    public void startup(Map<String, String> parameters) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            body.writeBytes(cstr(e.getKey()));
            body.writeBytes(cstr(e.getValue()));
        }
        body.write(0);
        startupPacket(196608, body.toByteArray());
        flush();
    }

    public PgWireClient query(String sql) {
        return message('Q', cstr(sql));
    }

    public PgWireClient parse(String name, String sql, int... oids) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cstr(name));
        b.writeBytes(cstr(sql));
        b.writeBytes(int16(oids.length));
        for (int o : oids) {
            b.writeBytes(int32(o));
        }
        return message('P', b.toByteArray());
    }

    /** Bind with the given parameter formats, values (null = NULL) and result formats. */
    public PgWireClient bind(String portal, String statement, short[] paramFormats, byte[][] values, short[] resultFormats) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cstr(portal));
        b.writeBytes(cstr(statement));
        b.writeBytes(int16(paramFormats.length));
        for (short f : paramFormats) {
            b.writeBytes(int16(f));
        }
        b.writeBytes(int16(values.length));
        for (byte[] v : values) {
            if (v == null) {
                b.writeBytes(int32(-1));
            } else {
                b.writeBytes(int32(v.length));
                b.writeBytes(v);
            }
        }
        b.writeBytes(int16(resultFormats.length));
        for (short f : resultFormats) {
            b.writeBytes(int16(f));
        }
        return message('B', b.toByteArray());
    }

    /** Bind with text parameters and text results. */
    public PgWireClient bind(String portal, String statement, String... textValues) {
        byte[][] v = new byte[textValues.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = textValues[i] == null ? null : textValues[i].getBytes(StandardCharsets.UTF_8);
        }
        return bind(portal, statement, new short[0], v, new short[0]);
    }

    public PgWireClient describe(char target, String name) {
        return message('D', concat(new byte[] {(byte) target}, cstr(name)));
    }

    public PgWireClient execute(String portal, int maxRows) {
        return message('E', concat(cstr(portal), int32(maxRows)));
    }

    public PgWireClient close(char target, String name) {
        return message('C', concat(new byte[] {(byte) target}, cstr(name)));
    }

    public PgWireClient sync() {
        return message('S', new byte[0]);
    }

    public PgWireClient flushMessage() {
        return message('H', new byte[0]);
    }

    public PgWireClient terminate() {
        return message('X', new byte[0]);
    }

    /** Sends everything built so far in one write. */
    public void flush() throws IOException {
        out.write(pending.toByteArray());
        out.flush();
        pending.reset();
    }

    // ---------- reading ----------

    /** The next message; EOFException when the server closed the connection. */
    public Msg read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by server");
        }
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Msg((char) type, body);
    }

    /** Bytes that can be read now without waiting (0: the server has sent nothing more yet). */
    public int available() throws IOException {
        return in.available();
    }

    /** A single byte (the answer to SSLRequest/GSSENCRequest). */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Messages up to and including ReadyForQuery. */
    public List<Msg> readUntilReady() throws IOException {
        List<Msg> out = new ArrayList<>();
        while (true) {
            Msg m = read();
            out.add(m);
            if (m.type() == 'Z') {
                return out;
            }
        }
    }

    /** Messages until the server closes the connection. */
    public List<Msg> readUntilClosed() throws IOException {
        List<Msg> out = new ArrayList<>();
        while (true) {
            try {
                out.add(read());
            } catch (EOFException | SocketException e) {
                return out;
            }
        }
    }

    /** Runs a simple query and returns every message up to ReadyForQuery. */
    public List<Msg> simple(String sql) throws IOException {
        query(sql);
        flush();
        return readUntilReady();
    }

    /** Type letters of a message list, e.g. "TDCZ". */
    public static String types(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : msgs) {
            sb.append(m.type());
        }
        return sb.toString();
    }

    public static Msg first(List<Msg> msgs, char type) {
        for (Msg m : msgs) {
            if (m.type() == type) {
                return m;
            }
        }
        throw new AssertionError("no message '" + type + "' in " + msgs);
    }

    public static List<Msg> all(List<Msg> msgs, char type) {
        List<Msg> out = new ArrayList<>();
        for (Msg m : msgs) {
            if (m.type() == type) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether the server closes the connection within 5 s (a reset counts; silence does not). */
    public boolean isClosedByServer() {
        try {
            setReadTimeout(5000);
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        } else {
            unixChannel.close();
        }
    }
}
