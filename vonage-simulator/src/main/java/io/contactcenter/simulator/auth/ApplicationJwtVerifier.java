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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final int MAX_REMEMBERED = 10_000;

    private final PublicKey publicKey;
    private final String applicationId;
    private final Function<String, PublicKey> otherApplications;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * Tokens already verified. The SDK callers reuse one token for minutes, and an RSA verification per request
     * (run by the client compiler, without the server compiler's BigInteger intrinsics) was 12 % of the
     * simulator's CPU at 10 calls/s, taken from the cores it shares with the system it measures.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

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
        Verified known = verified.get(token);
        if (known == null || !known.key().equals(keyOf(known.applicationId()))) {
            Verification verification = verify(token);
            if (verification.refusal() != null) {
                return verification.refusal();
            }
            known = verification.verified();
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, known);
        }
        long now = System.currentTimeMillis() / 1000;
        if (known.exp() != null && known.exp() + LEEWAY_SECONDS < now) {
            return "expired";
        }
        if (known.nbf() != null && known.nbf() - LEEWAY_SECONDS > now) {
            return "not yet valid";
        }
        return null;
    }

    private PublicKey keyOf(String tokenApplication) {
        return applicationId.equals(tokenApplication) ? publicKey : otherApplications.apply(tokenApplication);
    }

    /** The token's header, required claims and signature; either what it holds or why it is refused. */
    private Verification verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Verification.refused("malformed token");
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            JsonNode header = json.readTree(url.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Verification.refused("alg must be RS256");
            }
            JsonNode claims = json.readTree(url.decode(parts[1]));
            if (!claims.hasNonNull("application_id") || !claims.hasNonNull("iat") || !claims.hasNonNull("jti")) {
                return Verification.refused("application_id, iat and jti are required");
            }
            String tokenApplication = claims.get("application_id").asText();
            PublicKey key = keyOf(tokenApplication);
            if (key == null) {
                return Verification.refused("unknown application_id");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(url.decode(parts[2]))) {
                return Verification.refused("bad signature");
            }
            return new Verification(new Verified(tokenApplication, key, longClaim(claims, "exp"),
                    longClaim(claims, "nbf")), null);
        } catch (Exception e) {
            return Verification.refused("unreadable token");
        }
    }

    private static Long longClaim(JsonNode claims, String name) {
        return claims.hasNonNull(name) ? claims.get(name).asLong() : null;
    }

    /** A token whose signature the key verified, with its time claims (checked on every request). */
    private record Verified(String applicationId, PublicKey key, Long exp, Long nbf) {
    }

    private record Verification(Verified verified, String refusal) {

        static Verification refused(String refusal) {
            return new Verification(null, refusal);
        }
    }
}
