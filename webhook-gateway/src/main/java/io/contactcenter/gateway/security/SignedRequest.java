package io.contactcenter.gateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a Vonage token may be bound to: the request exactly as received (method, raw path, raw query, body bytes).
 *
 * @param rawQuery the query string as sent, or null
 */
public record SignedRequest(String method, String rawPath, String rawQuery, byte[] body) {

    public SignedRequest {
        body = body == null ? new byte[0] : body;
    }

    /** SHA-256 over the four parts, each length-prefixed so that no two different requests hash alike. */
    public byte[] fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][] {bytes(method), bytes(rawPath), bytes(rawQuery), body}) {
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : part.length).array());
                if (part != null) {
                    digest.update(part);
                }
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
