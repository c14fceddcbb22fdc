package io.contactcenter.simulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.support.vonage.PrivateKeys;

/**
 * Verifies the RS256 application JWT the Vonage SDK sends on every Voice REST request. Like Vonage:
 * {@code application_id}, {@code iat} and {@code jti} are required, {@code exp} is optional (the SDK sends none),
 * {@code exp}/{@code nbf} are honoured when present.
 */
public final class ApplicationJwtVerifier {

    private static final long LEEWAY_SECONDS = 60;

    private final PublicKey publicKey;
    private final String applicationId;
    private final Function<String, PublicKey> otherApplications;
    private final ObjectMapper json = new ObjectMapper();

    public ApplicationJwtVerifier(String pemOrPath, String applicationId) {
        this(pemOrPath, applicationId, id -> null);
    }

    /** Also accepts tokens of other applications whose public key {@code otherApplications} knows (else null). */
    public ApplicationJwtVerifier(String pemOrPath, String applicationId, Function<String, PublicKey> otherApplications) {
        this.publicKey = publicKey(PrivateKeys.pemContents(pemOrPath));
        this.applicationId = applicationId;
        this.otherApplications = otherApplications;
    }

    /** The key a PEM names: a public key, or the public half of an RSA private key. */
    static PublicKey publicKey(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            if (pem.contains("PRIVATE KEY")) {
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            }
            return rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("SIMULATOR_APPLICATION_PUBLIC_KEY is not an RSA public key (or PKCS#8 private key) PEM: " + e.getMessage(), e);
        }
    }

    /** @return null when the token is acceptable, else why not. */
    public String check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "missing bearer token";
        }
        String token = authorization.substring(7).trim();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return "malformed token";
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            JsonNode header = json.readTree(url.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "alg must be RS256";
            }
            JsonNode claims = json.readTree(url.decode(parts[1]));
            if (!claims.hasNonNull("application_id") || !claims.hasNonNull("iat") || !claims.hasNonNull("jti")) {
                return "application_id, iat and jti are required";
            }
            String tokenApplication = claims.get("application_id").asText();
            PublicKey key = applicationId.equals(tokenApplication) ? publicKey : otherApplications.apply(tokenApplication);
            if (key == null) {
                return "unknown application_id";
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(url.decode(parts[2]))) {
                return "bad signature";
            }
            long now = System.currentTimeMillis() / 1000;
            if (claims.hasNonNull("exp") && claims.get("exp").asLong() + LEEWAY_SECONDS < now) {
                return "expired";
            }
            if (claims.hasNonNull("nbf") && claims.get("nbf").asLong() - LEEWAY_SECONDS > now) {
                return "not yet valid";
            }
            return null;
        } catch (Exception e) {
            return "unreadable token";
        }
    }

}
