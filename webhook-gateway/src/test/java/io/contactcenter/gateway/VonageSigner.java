package io.contactcenter.gateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Signs test webhooks the way Vonage does (notes §8): HS256 JWT with iat, jti, iss, payload_hash. */
public final class VonageSigner {

    public static final String SECRET = "test-signature-secret-0123456789abcdef";
    /** {@code %test.gateway.signature.application-id}: our application. */
    public static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    private VonageSigner() {
    }

    public static String bearer(String body) {
        return bearer(body, SECRET, Instant.now());
    }

    public static String bearer(String body, String secret, Instant issuedAt) {
        return bearer(body, secret, issuedAt, APPLICATION_ID);
    }

    /** @param applicationId the {@code application_id} claim, left out when null */
    public static String bearer(String body, String secret, Instant issuedAt, String applicationId) {
        var token = JWT.create()
                .withIssuedAt(issuedAt)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuer("Vonage")
                .withClaim("payload_hash", sha256(body))
                .withClaim("api_key", "a1b2c3d");
        if (applicationId != null) {
            token.withClaim("application_id", applicationId);
        }
        return "Bearer " + token.sign(Algorithm.HMAC256(secret));
    }

    /** A token without payload_hash (what a GET answer webhook may carry). */
    public static String bearerWithoutHash() {
        return "Bearer " + JWT.create().withIssuedAt(Instant.now()).withJWTId(UUID.randomUUID().toString())
                .withIssuer("Vonage").sign(Algorithm.HMAC256(SECRET));
    }

    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
