package io.contactcenter.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.AuthKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * The key pair of a test Vonage application: the service under test gets the private key (PEM, as
 * {@code VONAGE_PRIVATE_KEY}), the Voice API stub checks with the public half that every request carries what the
 * real SDK sends: {@code Authorization: Bearer <JWT>}, signed RS256 with that key, {@code application_id} = ours,
 * {@code jti} and {@code iat} present.
 */
public final class VonageApplicationKeys {

    public static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    private final KeyPair keys;

    public VonageApplicationKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PKCS#8 PEM, the way an application's key file looks. */
    public String privateKeyPem() {
        return AuthKeys.pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** What is wrong with this {@code Authorization} header, or {@code null} when it is the SDK's valid JWT. */
    public String jwtProblem(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        try {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            if (parts.length != 3) {
                return "not a JWT";
            }
            JsonNode header = StubHttpServer.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = StubHttpServer.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "alg is not RS256: " + header;
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "signature not made with the application's private key";
            }
            if (!APPLICATION_ID.equals(claims.path("application_id").asText())) {
                return "wrong application_id " + claims.path("application_id");
            }
            if (!claims.hasNonNull("jti") || !claims.hasNonNull("iat")) {
                return "jti/iat missing";
            }
            if (claims.hasNonNull("exp") && claims.get("exp").asLong() * 1000 < System.currentTimeMillis()) {
                return "expired";
            }
            return null;
        } catch (Exception e) {
            return "JWT rejected: " + e;
        }
    }
}
