package io.contactcenter.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.LocalInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * What the agent directory checks of a calling service's bearer token, for the directory stubs: RS256 signed with
 * that service's own key ({@code LocalInfra.shared().authKeys().service(name)}), key id, issuer and subject = the
 * service, {@code groups} = exactly its role, audience {@value AuthKeys#DIRECTORY_AUDIENCE}, not expired. The stub's
 * clock can run ahead ({@link #clockAhead}) to see a token expire that the service still considers fresh.
 */
public final class ServiceTokenCheck {

    private final String service;
    private final PublicKey key;
    private volatile Duration clockAhead = Duration.ZERO;

    public ServiceTokenCheck(String service) {
        this.service = service;
        try {
            String pem = Files.readString(keys().publicKeyFile());
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the public key of " + service, e);
        }
    }

    /** The service's private key file: its {@code DIRECTORY_SERVICE_KEY}. */
    public String privateKeyFile() {
        return keys().privateKeyFile().toString();
    }

    /** The stub's clock runs this much ahead of the real one when it checks {@code exp}. */
    public void clockAhead(Duration ahead) {
        clockAhead = ahead;
    }

    /** What is wrong with this {@code Authorization} header, or {@code null} when the directory would accept it. */
    public String problem(String authorization) {
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
            if (!"RS256".equals(header.path("alg").asText()) || !service.equals(header.path("kid").asText())) {
                return "not RS256 under key id " + service + ": " + header;
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "not signed with the " + service + " key";
            }
            JsonNode groups = claims.path("groups");
            JsonNode audience = claims.path("aud");
            if (!service.equals(claims.path("iss").asText()) || !service.equals(claims.path("sub").asText())
                    || groups.size() != 1 || !service.equals(groups.path(0).asText())
                    || !(AuthKeys.DIRECTORY_AUDIENCE.equals(audience.asText())
                            || AuthKeys.DIRECTORY_AUDIENCE.equals(audience.path(0).asText()))) {
                return "claims are not " + service + "'s own: " + claims;
            }
            if (!claims.path("exp").canConvertToLong()
                    || claims.get("exp").asLong() <= Instant.now().plus(clockAhead).getEpochSecond()) {
                return "expired";
            }
            return null;
        } catch (Exception e) {
            return "JWT rejected: " + e;
        }
    }

    private AuthKeys keys() {
        return LocalInfra.shared().authKeys().service(service);
    }
}
