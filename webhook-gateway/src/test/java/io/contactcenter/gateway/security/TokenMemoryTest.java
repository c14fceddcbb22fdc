package io.contactcenter.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.gateway.security.TokenMemory.Use;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The replay memory: bound to the first request, forgotten only once the token has expired, bounded. */
class TokenMemoryTest {

    static final byte[] A = new SignedRequest("POST", "/webhooks/event", null, "{\"a\":1}".getBytes()).fingerprint();
    static final byte[] B = new SignedRequest("POST", "/webhooks/event", "call=x", "{\"a\":1}".getBytes()).fingerprint();

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aTokenIsGoodForItsFirstRequestAndItsRetriesOnly() {
        TokenMemory memory = new TokenMemory(Duration.ofMinutes(5).toMillis(), 10, new TestClock());
        assertEquals(Use.FIRST, memory.use("jti:1", A));
        assertEquals(Use.SAME_REQUEST, memory.use("jti:1", A));
        assertEquals(Use.OTHER_REQUEST, memory.use("jti:1", B));
        assertEquals(Use.SAME_REQUEST, memory.use("jti:1", A));
        assertEquals(Use.FIRST, memory.use("jti:2", B));
    }

    @Test
    void entriesLiveAsLongAsTheirTokenAndAFullMemoryRefusesNewTokensInsteadOfForgettingLiveOnes() {
        TestClock clock = new TestClock();
        TokenMemory memory = new TokenMemory(Duration.ofMinutes(5).toMillis(), 2, clock);
        assertEquals(Use.FIRST, memory.use("jti:1", A));
        clock.now = clock.now.plusSeconds(60);
        assertEquals(Use.FIRST, memory.use("jti:2", A));
        assertEquals(Use.FULL, memory.use("jti:3", A));
        assertEquals(Use.OTHER_REQUEST, memory.use("jti:1", B), "still remembered while full");

        clock.now = clock.now.plusSeconds(240); // jti:1 has expired (5 min after it was first seen)
        assertEquals(Use.FIRST, memory.use("jti:3", A));
        assertEquals(2, memory.size());
        assertEquals(Use.OTHER_REQUEST, memory.use("jti:2", B), "jti:2 lives until 6 min");
        clock.now = clock.now.plusSeconds(60); // jti:2 has expired too
        assertEquals(Use.FIRST, memory.use("jti:4", A));
        assertEquals(2, memory.size(), "jti:3 and jti:4");
    }

    @Test
    void theFingerprintSeparatesEveryPart() {
        byte[] body = "x".getBytes();
        var requests = new SignedRequest[] {
            new SignedRequest("POST", "/a", null, body), new SignedRequest("POST", "/a", "", body),
            new SignedRequest("GET", "/a", null, body), new SignedRequest("POST", "/a?", null, body),
            new SignedRequest("POST", "/a", "x", new byte[0]), new SignedRequest("POST", "/ax", null, new byte[0])};
        for (int i = 0; i < requests.length; i++) {
            for (int j = 0; j < requests.length; j++) {
                assertEquals(i == j, java.util.Arrays.equals(requests[i].fingerprint(), requests[j].fingerprint()), i + "/" + j);
            }
        }
    }
}
