package org.pgmini.server.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

import io.netty.buffer.ByteBuf;

/**
 * Splits the client's byte stream into {@link FrontendMessage}s, one at a time, on the
 * connection's own thread ({@link ClientConnection} asks for the next message when the session
 * wants one; bytes of later messages stay in the input buffer).
 *
 * <p>Two framings exist: before the StartupMessage every packet is {@code int32 length, int32
 * code, body} (SSLRequest, GSSENCRequest, CancelRequest and the StartupMessage itself); after
 * it, {@code byte type, int32 length, body}. Length limits follow PostgreSQL 15: 10000 bytes
 * for a startup packet and for the small message types, 1 GB - 1 for Query, Parse, Bind,
 * FunctionCall and CopyData. A framing error (bad length, unknown type) ends decoding for good:
 * the rest of the stream cannot be trusted, so one {@link FrontendMessage.FramingError} is
 * emitted and every later byte is discarded.
 *
 * <p>Not thread-safe: owned by one connection's thread.
 */
public final class FrontendDecoder {
    static final int MAX_STARTUP_PACKET_LENGTH = 10000;
    static final int SMALL_MESSAGE_LIMIT = 10000;
    static final int LARGE_MESSAGE_LIMIT = 0x3fffffff;
    static final int AUTH_TOKEN_LIMIT = 65535;

    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;

    private enum Phase { STARTUP, MESSAGES, DISCARD }

    private Phase phase = Phase.STARTUP;

    /** Whether a message type belongs to the extended query protocol. */
    public static boolean isExtendedProtocolType(byte type) {
        return type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C' || type == 'H';
    }

    /** PostgreSQL's per-type length limit, or -1 for a type the protocol does not know. */
    static int lengthLimit(byte type) {
        switch (type) {
            case 'Q': case 'P': case 'B': case 'F': case 'd':
                return LARGE_MESSAGE_LIMIT;
            case 'S': case 'H': case 'X': case 'D': case 'E': case 'C': case 'c': case 'f':
                return SMALL_MESSAGE_LIMIT;
            case 'p':
                return AUTH_TOKEN_LIMIT;
            default:
                return -1;
        }
    }

    /**
     * The next complete message at the start of {@code in} (consumed), or null when {@code in}
     * does not hold a whole one yet. After a framing error every byte is discarded.
     */
    FrontendMessage next(ByteBuf in) {
        return switch (phase) {
            case STARTUP -> decodeStartupPacket(in);
            case MESSAGES -> decodeMessage(in);
            case DISCARD -> {
                in.skipBytes(in.readableBytes());
                yield null;
            }
        };
    }

    private FrontendMessage decodeStartupPacket(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            return fail(in, "invalid length of startup packet");
        }
        if (in.readableBytes() < length) {
            return null;
        }
        in.skipBytes(4);
        int code = in.readInt();
        byte[] body = new byte[length - 8];
        in.readBytes(body);
        switch (code) {
            case SSL_REQUEST_CODE:
                return new FrontendMessage.SslRequest();
            case GSSENC_REQUEST_CODE:
                return new FrontendMessage.GssEncRequest();
            case CANCEL_REQUEST_CODE: {
                if (body.length != 8) {
                    return fail(in, "invalid length of startup packet");
                }
                MessageReader r = new MessageReader(body);
                phase = Phase.DISCARD; // a cancel connection carries nothing else
                return new FrontendMessage.CancelRequest(r.int32(), r.int32());
            }
            default:
                phase = Phase.MESSAGES;
                return startup(code, body);
        }
    }

    /** The StartupMessage's parameter list; a layout error is fatal, as in PostgreSQL. */
    private FrontendMessage startup(int code, byte[] body) {
        int major = code >>> 16;
        int minor = code & 0xffff;
        Map<String, String> params = new LinkedHashMap<>();
        if (major == 3) {
            if (body.length == 0 || body[body.length - 1] != 0) {
                return new FrontendMessage.FramingError("invalid startup packet layout: expected terminator as last byte");
            }
            try {
                MessageReader r = new MessageReader(body);
                while (r.remaining() > 1) {
                    String name = r.cstring();
                    if (r.remaining() < 1) {
                        return new FrontendMessage.FramingError(
                                "invalid startup packet layout: expected terminator as last byte");
                    }
                    String value = r.cstring();
                    params.put(name, value);
                }
                if (r.remaining() != 1) {
                    // The list must end with its own empty name, not just with a value's terminator.
                    return new FrontendMessage.FramingError(
                            "invalid startup packet layout: expected terminator as last byte");
                }
            } catch (PgException e) {
                if (SqlState.CHARACTER_NOT_IN_REPERTOIRE.equals(e.sqlState())) {
                    return new FrontendMessage.FramingError(e.getMessage());
                }
                return new FrontendMessage.FramingError("invalid startup packet layout: expected terminator as last byte");
            }
        }
        return new FrontendMessage.Startup(major, minor, params);
    }

    private FrontendMessage decodeMessage(ByteBuf in) {
        if (in.readableBytes() < 5) {
            return null;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int limit = lengthLimit(type);
        if (limit < 0) {
            return fail(in, "invalid frontend message type " + (type & 0xff));
        }
        int length = in.getInt(start + 1);
        if (length < 4 || length > limit) {
            return fail(in, "invalid message length");
        }
        if (in.readableBytes() < 1 + length) {
            return null;
        }
        in.skipBytes(5);
        byte[] body = new byte[length - 4];
        in.readBytes(body);
        return parse(type, body);
    }

    private FrontendMessage fail(ByteBuf in, String message) {
        in.skipBytes(in.readableBytes());
        phase = Phase.DISCARD;
        return new FrontendMessage.FramingError(message);
    }

    /** Decodes one framed body; field errors become {@link FrontendMessage.Malformed}. */
    static FrontendMessage parse(byte type, byte[] body) {
        MessageReader r = new MessageReader(body);
        try {
            switch (type) {
                case 'Q': {
                    String sql = r.cstring();
                    r.end();
                    return new FrontendMessage.Query(sql);
                }
                case 'P': {
                    String name = r.cstring();
                    String sql = r.cstring();
                    int n = r.uint16();
                    int[] oids = new int[n];
                    for (int i = 0; i < n; i++) {
                        oids[i] = r.int32();
                    }
                    r.end();
                    return new FrontendMessage.Parse(name, sql, oids);
                }
                case 'B':
                    return bind(r);
                case 'D': case 'C': {
                    byte target = r.int8();
                    String name = r.cstring();
                    r.end();
                    if (target != 'S' && target != 'P') {
                        String what = type == 'D' ? "DESCRIBE" : "CLOSE";
                        throw new PgException(SqlState.PROTOCOL_VIOLATION,
                                "invalid " + what + " message subtype " + target);
                    }
                    return type == 'D' ? new FrontendMessage.Describe(target, name)
                            : new FrontendMessage.Close(target, name);
                }
                case 'E': {
                    String portal = r.cstring();
                    int maxRows = r.int32();
                    r.end();
                    return new FrontendMessage.Execute(portal, maxRows);
                }
                case 'S':
                    r.end();
                    return FrontendMessage.SYNC;
                case 'H':
                    r.end();
                    return FrontendMessage.FLUSH;
                case 'X':
                    return FrontendMessage.TERMINATE;
                case 'F':
                    return new FrontendMessage.FunctionCall();
                case 'd':
                    return new FrontendMessage.CopyData(body);
                case 'c':
                    return FrontendMessage.COPY_DONE;
                case 'f': {
                    String message = r.cstring();
                    r.end();
                    return new FrontendMessage.CopyFail(message);
                }
                case 'p':
                    return new FrontendMessage.Password(body);
                default:
                    throw new IllegalStateException("type checked by lengthLimit: " + type);
            }
        } catch (PgException e) {
            return new FrontendMessage.Malformed(type, e);
        }
    }

    private static FrontendMessage bind(MessageReader r) {
        String portal = r.cstring();
        String statement = r.cstring();
        int nFormats = r.uint16();
        short[] formats = new short[nFormats];
        for (int i = 0; i < nFormats; i++) {
            formats[i] = r.int16();
        }
        int nParams = r.uint16();
        byte[][] values = new byte[nParams][];
        for (int i = 0; i < nParams; i++) {
            int len = r.int32();
            values[i] = len == -1 ? null : r.bytes(len);
        }
        int nResults = r.uint16();
        short[] results = new short[nResults];
        for (int i = 0; i < nResults; i++) {
            results[i] = r.int16();
        }
        r.end();
        return new FrontendMessage.Bind(portal, statement, formats, values, results);
    }
}
