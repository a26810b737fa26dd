package org.pgmini.server.session;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.executor.api.CopyStatement;
import org.pgmini.server.protocol.BackendMessages;
import org.pgmini.server.protocol.FrontendMessage;
import org.pgmini.server.protocol.ResponseBuffer;

/**
 * The COPY sub-protocol of a simple Query (PostgreSQL's CopyFrom/CopyTo over the frontend
 * connection). COPY FROM STDIN: CopyInResponse is flushed, then the backend reads CopyData until
 * CopyDone (the rows are inserted as they arrive) or CopyFail (57014 "COPY from stdin failed:
 * msg"); Flush and Sync are ignored meanwhile, as PostgreSQL does; any other message is 08P01
 * "unexpected message type 0x.. during COPY from stdin". An error ends the COPY at once; the
 * client's remaining CopyData/CopyDone then arrive outside COPY and are ignored by the message
 * loop. COPY TO STDOUT: CopyOutResponse, one CopyData per row, CopyDone. Returns the command tag.
 */
final class CopyProtocol {
    private CopyProtocol() {}

    static String run(Session s, CopyStatement copy) {
        return copy.copyIn() ? copyIn(s, copy) : copyOut(s, copy);
    }

    private static String copyIn(Session s, CopyStatement copy) {
        CopyStatement.CopyIn in = copy.startCopyIn(s);
        ResponseBuffer out = s.out();
        BackendMessages.copyResponse(out.buf(), true, copy.format(), in.columnCount());
        out.flush();
        boolean ok = false;
        try {
            while (true) {
                FrontendMessage m = s.nextCopyMessage();
                if (m instanceof FrontendMessage.CopyData d) {
                    in.data(d.data());
                    s.interrupts().check();
                } else if (m instanceof FrontendMessage.CopyDone) {
                    long n = in.end();
                    ok = true;
                    return "COPY " + n;
                } else if (m instanceof FrontendMessage.CopyFail f) {
                    throw new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
                } else if (m instanceof FrontendMessage.Flush || m instanceof FrontendMessage.Sync
                        || m instanceof FrontendMessage.Wakeup) {
                    // ignored during COPY FROM STDIN (PostgreSQL does the same for Flush and Sync)
                    s.interrupts().check();
                } else if (m instanceof FrontendMessage.ConnectionClosed || m instanceof FrontendMessage.Terminate) {
                    throw new PgException("FATAL", SqlState.CONNECTION_FAILURE,
                            "unexpected EOF on client connection with an open transaction", null, null, 0, null, null);
                } else {
                    throw new PgException(SqlState.PROTOCOL_VIOLATION, String.format(
                            "unexpected message type 0x%02X during COPY from stdin", FrontendMessage.typeByte(m)));
                }
            }
        } finally {
            if (!ok) {
                in.abort();
            }
        }
    }

    private static String copyOut(Session s, CopyStatement copy) {
        ResponseBuffer out = s.out();
        long n = copy.copyOut(s, new CopyStatement.CopyOut() {
            @Override
            public void begin(int columnCount) {
                BackendMessages.copyResponse(out.buf(), false, copy.format(), columnCount);
            }

            @Override
            public void data(byte[] payload) {
                BackendMessages.copyData(out.buf(), payload);
                out.flushIfLarge();
            }
        });
        BackendMessages.copyDone(out.buf());
        return "COPY " + n;
    }
}
