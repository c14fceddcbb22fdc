package io.contactcenter.directory.security;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** A verified token is reused only until it expires, and the memory stays bounded. */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    private final SettableClock clock = new SettableClock();
    private final VerifiedTokens tokens = new VerifiedTokens(clock, 2);

    @Test
    void aTokenIsReusedUntilItExpires() {
        JsonWebToken verified = expiringAt(START.plusSeconds(60));
        tokens.remember("token-a", verified);
        assertSame(verified, tokens.find("token-a").orElseThrow());
        clock.now = START.plusSeconds(59);
        assertSame(verified, tokens.find("token-a").orElseThrow());
        clock.now = START.plusSeconds(60);
        assertTrue(tokens.find("token-a").isEmpty(), "expired: verified again");
        clock.now = START;
        assertTrue(tokens.find("token-a").isEmpty(), "an expired token is forgotten");
    }

    @Test
    void onlyTheVerifiedTokenStringIsFound() {
        tokens.remember("token-a", expiringAt(START.plusSeconds(60)));
        assertTrue(tokens.find("token-b").isEmpty());
    }

    @Test
    void aFullMemoryIsEmptiedBeforeTheNextToken() {
        tokens.remember("token-a", expiringAt(START.plusSeconds(60)));
        tokens.remember("token-b", expiringAt(START.plusSeconds(60)));
        tokens.remember("token-c", expiringAt(START.plusSeconds(60)));
        assertTrue(tokens.find("token-a").isEmpty());
        assertTrue(tokens.find("token-b").isEmpty());
        assertTrue(tokens.find("token-c").isPresent());
    }

    private static JsonWebToken expiringAt(Instant expiry) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "routing-service";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(expiry.getEpochSecond()) : null;
            }
        };
    }

    private static final class SettableClock extends Clock {

        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
