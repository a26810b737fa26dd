package org.pgmini.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802 / RFC 7677) arithmetic over PostgreSQL's stored verifier
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 parts). The
 * server never needs the password itself: a client proof is checked against StoredKey, and
 * ServerKey signs the server's final message.
 */
public final class ScramSha256 {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed verifier. */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        public static Verifier parse(String text) {
            if (text == null || !text.startsWith("SCRAM-SHA-256$")) {
                return null;
            }
            try {
                String[] a = text.substring("SCRAM-SHA-256$".length()).split("\\$");
                String[] is = a[0].split(":");
                String[] keys = a[1].split(":");
                Base64.Decoder d = Base64.getDecoder();
                return new Verifier(Integer.parseInt(is[0]), d.decode(is[1]), d.decode(keys[0]), d.decode(keys[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** A verifier for an unknown role: the exchange runs to its end and then fails, revealing nothing. */
        public static Verifier mock() {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            return new Verifier(4096, salt, key, key.clone());
        }
    }

    private ScramSha256() {
    }

    /** A verifier string for a password, with a random salt. */
    public static String createVerifier(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] salted = saltedPassword(password, salt, iterations);
        Base64.Encoder e = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + e.encodeToString(salt) + "$"
                + e.encodeToString(sha256(hmac(salted, "Client Key"))) + ":" + e.encodeToString(hmac(salted, "Server Key"));
    }

    /** Whether a cleartext password matches the verifier (the {@code password} method). */
    public static boolean passwordMatches(Verifier v, String password) {
        byte[] salted = saltedPassword(password, v.salt(), v.iterations());
        return MessageDigest.isEqual(sha256(hmac(salted, "Client Key")), v.storedKey());
    }

    /** Whether {@code proof} proves knowledge of the password for this auth message. */
    public static boolean proofMatches(Verifier v, String authMessage, byte[] proof) {
        byte[] signature = hmac(v.storedKey(), authMessage);
        if (proof.length != signature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        return MessageDigest.isEqual(sha256(clientKey), v.storedKey());
    }

    public static byte[] serverSignature(Verifier v, String authMessage) {
        return hmac(v.serverKey(), authMessage);
    }

    /** A fresh server nonce (printable, as the RFC requires). */
    public static String nonce() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
