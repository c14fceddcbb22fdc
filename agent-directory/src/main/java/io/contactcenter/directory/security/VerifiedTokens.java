package io.contactcenter.directory.security;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens whose signature and claims were verified, each until its {@code exp}. Bounded: when full it is
 * emptied, and the next requests verify again.
 */
final class VerifiedTokens {

    private final Clock clock;
    private final int capacity;
    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    VerifiedTokens(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** The verified token, while it has not expired. */
    Optional<JsonWebToken> find(String token) {
        JsonWebToken known = verified.get(token);
        if (known == null) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= known.getExpirationTime()) {
            verified.remove(token);
            return Optional.empty();
        }
        return Optional.of(known);
    }

    void remember(String token, JsonWebToken verifiedToken) {
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, verifiedToken);
    }
}
