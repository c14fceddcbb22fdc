package io.contactcenter.support.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServiceTokenTest {

    private static final KeyPair KEYS = keys();
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ServiceToken token = new ServiceToken("routing", PEM, Duration.ofMinutes(5), clock);

    @Test
    void claimsOnlyTheServicesOwnRoleForTheDirectory() {
        DecodedJWT jwt = JWT.require(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), null))
                .acceptExpiresAt(Long.MAX_VALUE / 1000).build()
                .verify(token.authorization().substring("Bearer ".length()));
        assertEquals("routing", jwt.getKeyId());
        assertEquals("routing", jwt.getIssuer());
        assertEquals("routing", jwt.getSubject());
        assertEquals(List.of("routing"), jwt.getClaim("groups").asList(String.class));
        assertEquals(List.of(ServiceToken.AUDIENCE), jwt.getAudience());
        assertEquals(Duration.ofMinutes(5), Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant()));
    }

    @Test
    void reusedThenRenewedBeforeItExpires() {
        String first = token.authorization();
        now.set(now.get().plus(Duration.ofMinutes(3)));
        assertEquals(first, token.authorization());
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertNotEquals(first, token.authorization(), "a fifth of its life left: minted again");
    }

    @Test
    void aRefusedTokenIsRenewedAndTheRequestSentOnceMore() {
        List<String> sent = new ArrayList<>();
        String answer = token.call(authorization -> {
            sent.add(authorization);
            if (sent.size() == 1) {
                throw new ServiceToken.Unauthorized();
            }
            return "released";
        });
        assertEquals("released", answer);
        assertEquals(2, sent.size());
        assertNotEquals(sent.get(0), sent.get(1), "the retry carries a new token");
    }

    @Test
    void onlyOneRetryAndOnlyForUnauthorized() {
        List<String> sent = new ArrayList<>();
        assertThrows(ServiceToken.Unauthorized.class, () -> token.call(authorization -> {
            sent.add(authorization);
            throw new ServiceToken.Unauthorized();
        }));
        assertEquals(2, sent.size());
        sent.clear();
        assertThrows(IllegalStateException.class, () -> token.call(authorization -> {
            sent.add(authorization);
            throw new IllegalStateException("503");
        }));
        assertEquals(1, sent.size());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
