package org.pgmini.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;

/**
 * The password methods of pg_hba.conf against the role catalog's SCRAM-SHA-256 verifiers:
 * {@code scram-sha-256} runs the SASL exchange; {@code md5} does too, because PostgreSQL
 * switches an md5 line to SCRAM when the stored password is a SCRAM verifier (the only kind
 * pgmini stores); {@code password} asks for the cleartext password and checks it against the
 * verifier. A role that does not exist or has no password still goes through the whole exchange
 * (with a random verifier) and then fails the same way, so the reply does not tell which.
 */
final class PasswordAuthentication {
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;
    private static final String MECHANISM = "SCRAM-SHA-256";

    private PasswordAuthentication() {
    }

    static void cleartext(String user, String verifierText, AuthExchange exchange) {
        exchange.request(AUTH_CLEARTEXT, new byte[0]);
        byte[] body = exchange.response();
        if (body.length == 0 || body[body.length - 1] != 0) {
            throw protocol("invalid password packet size");
        }
        String password = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        ScramSha256.Verifier v = ScramSha256.Verifier.parse(verifierText);
        if (password.isEmpty() || v == null || !ScramSha256.passwordMatches(v, password)) {
            throw failed(user);
        }
    }

    static void scram(String user, String verifierText, AuthExchange exchange) {
        ScramSha256.Verifier stored = ScramSha256.Verifier.parse(verifierText);
        boolean real = stored != null;
        ScramSha256.Verifier v = real ? stored : ScramSha256.Verifier.mock();

        exchange.request(AUTH_SASL, (MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer initial = ByteBuffer.wrap(exchange.response());
        String mechanism = cstring(initial);
        if (!MECHANISM.equals(mechanism)) {
            throw protocol("client selected an invalid SASL authentication mechanism");
        }
        if (initial.remaining() < 4) {
            throw protocol("malformed SCRAM message");
        }
        int length = initial.getInt();
        if (length < 0 || length != initial.remaining()) {
            throw protocol("malformed SCRAM message");
        }
        String clientFirst = new String(initial.array(), initial.position(), length, StandardCharsets.UTF_8);

        // gs2-header: channel-binding flag and optional authzid; pgmini has no TLS, so "p=" (binding
        // required) cannot be honoured.
        if (clientFirst.startsWith("p=")) {
            throw protocol("malformed SCRAM message", "The client requires SCRAM channel binding, which needs SSL.");
        }
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
            throw protocol("malformed SCRAM message", "Unexpected channel-binding flag.");
        }
        int afterAuthzid = clientFirst.indexOf(',', 2);
        if (afterAuthzid < 0) {
            throw protocol("malformed SCRAM message", "Missing attribute.");
        }
        String gs2Header = clientFirst.substring(0, afterAuthzid + 1);
        String clientFirstBare = clientFirst.substring(afterAuthzid + 1);
        String clientNonce = null;
        for (String attr : clientFirstBare.split(",")) {
            if (attr.startsWith("r=")) {
                clientNonce = attr.substring(2);
            } else if (attr.startsWith("m=")) {
                throw protocol("malformed SCRAM message", "Unsupported SCRAM extension.");
            }
        }
        if (clientNonce == null || clientNonce.isEmpty()) {
            throw protocol("malformed SCRAM message", "Missing client nonce.");
        }
        String nonce = clientNonce + ScramSha256.nonce();
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(v.salt()) + ",i=" + v.iterations();
        exchange.request(AUTH_SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));

        String clientFinal = new String(exchange.response(), StandardCharsets.UTF_8);
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw protocol("malformed SCRAM message", "Missing proof.");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String binding = null;
        String finalNonce = null;
        for (String attr : withoutProof.split(",")) {
            if (attr.startsWith("c=")) {
                binding = attr.substring(2);
            } else if (attr.startsWith("r=")) {
                finalNonce = attr.substring(2);
            }
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(binding)) {
            throw protocol("SCRAM channel binding check failed");
        }
        if (!nonce.equals(finalNonce)) {
            throw protocol("malformed SCRAM message", "Nonce does not match.");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw protocol("malformed SCRAM message", "Malformed proof in client-final-message.");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (!real || !ScramSha256.proofMatches(v, authMessage, proof)) {
            throw failed(user);
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(ScramSha256.serverSignature(v, authMessage));
        exchange.request(AUTH_SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.hasRemaining()) {
            if (b.get() == 0) {
                return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
            }
        }
        throw protocol("malformed SASLInitialResponse message");
    }

    static PgException failed(String user) {
        return new PgException("FATAL", SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"",
                null, null, 0, null, null);
    }

    private static PgException protocol(String message) {
        return protocol(message, null);
    }

    private static PgException protocol(String message, String detail) {
        return new PgException("FATAL", SqlState.PROTOCOL_VIOLATION, message, detail, null, 0, null, null);
    }
}
