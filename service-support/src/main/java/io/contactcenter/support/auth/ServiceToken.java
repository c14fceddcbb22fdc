package io.contactcenter.support.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.contactcenter.support.vonage.PrivateKeys;
import jakarta.ws.rs.WebApplicationException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This service's bearer token for the agent directory, minted here from the service's own RSA private key
 * ({@code DIRECTORY_SERVICE_KEY}): RS256, key id, issuer and subject = the service's name, {@code groups} = that one
 * role, audience {@value #AUDIENCE}. It lives a few minutes and is minted again before it runs out (and at once
 * after a 401), so there is no long-lived token to leak and nothing to restart; the directory accepts this key only
 * for this service's own role.
 */
public final class ServiceToken {

    public static final String AUDIENCE = "agent-directory";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    /** One request to the directory, given the {@code Authorization} header value to send. */
    @FunctionalInterface
    public interface Request<T, E extends Exception> {
        T send(String authorization) throws E;
    }

    /** Thrown by a {@link Request} whose client does not throw on statuses when the directory answered 401. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized() {
            super("the directory answered 401", null, false, false);
        }
    }

    private record Minted(String authorization, Instant renewAt) {
    }

    private final String service;
    private final Algorithm algorithm;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Minted> current = new AtomicReference<>();

    /** {@code privateKey}: PKCS#8 PEM contents or a path ({@code DIRECTORY_SERVICE_KEY}). */
    public ServiceToken(String service, String privateKey) {
        this(service, privateKey, DEFAULT_TTL, Clock.systemUTC());
    }

    public ServiceToken(String service, String privateKey, Duration ttl, Clock clock) {
        this.service = service;
        this.algorithm = Algorithm.RSA256(null, rsaKey(PrivateKeys.pemContents(privateKey, "DIRECTORY_SERVICE_KEY")));
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The {@code Authorization} header value: the current token, or a new one when a fifth of its life is left. */
    public String authorization() {
        Minted minted = current.get();
        Instant now = clock.instant();
        if (minted == null || !now.isBefore(minted.renewAt())) {
            minted = mint(now);
            current.set(minted);
        }
        return minted.authorization();
    }

    /** The directory refused {@code authorization} (401): the next request carries a new token. */
    public void refused(String authorization) {
        Minted minted = current.get();
        if (minted != null && minted.authorization().equals(authorization)) {
            current.compareAndSet(minted, null);
        }
    }

    /**
     * Sends {@code request} with the current token; when the directory answers 401 (a token expired on the way, a
     * clock jump, a key being rotated) the token is renewed and the request sent once more, never dropped.
     */
    public <T, E extends Exception> T call(Request<T, E> request) throws E {
        String authorization = authorization();
        try {
            return request.send(authorization);
        } catch (Unauthorized e) {
            refused(authorization);
        } catch (WebApplicationException e) {
            if (e.getResponse() == null || e.getResponse().getStatus() != 401) {
                throw e;
            }
            refused(authorization);
        }
        return request.send(authorization());
    }

    private Minted mint(Instant now) {
        Instant expiresAt = now.plus(ttl);
        String token = JWT.create()
                .withKeyId(service)
                .withIssuer(service)
                .withSubject(service)
                .withClaim("upn", service)
                .withClaim("groups", List.of(service))
                .withAudience(AUDIENCE)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
        return new Minted("Bearer " + token, expiresAt.minus(ttl.dividedBy(5)));
    }

    private static RSAPrivateKey rsaKey(String pem) {
        // the PEM armour is dropped whatever its label: a PKCS#1 key then fails to decode below, naming the variable
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "DIRECTORY_SERVICE_KEY is not a readable PKCS#8 RSA private key (openssl genpkey writes one)", e);
        }
    }
}
