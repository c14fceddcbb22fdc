package io.contactcenter.gateway.security;

import io.contactcenter.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replay rule's memory: which request each Vonage token was first used for. A token stays valid for at most
 * {@code max-age + future-skew} after we first see it, so it is remembered exactly that long; entries are kept in
 * arrival order, which is also expiry order, and dropped from the head as they expire. Memory is bounded by
 * {@code gateway.signature.replay-capacity}: when full, new tokens are refused (the caller answers 503, Vonage
 * retries) instead of forgetting a live token, which would let it be replayed. Per gateway process.
 */
@ApplicationScoped
public class TokenMemory {

    /** What a presented token may do. */
    public enum Use {
        /** first seen: now bound to this request */
        FIRST,
        /** seen before for this very request (Vonage's retry) */
        SAME_REQUEST,
        /** seen before for another request: a replay */
        OTHER_REQUEST,
        /** not seen and no room to remember it */
        FULL
    }

    private record Seen(byte[] fingerprint, long forgetAtMillis) {
    }

    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();
    private final long rememberMillis;
    private final int capacity;
    private final Clock clock;

    @Inject
    public TokenMemory(GatewayConfig config) {
        this(config.signature().maxAge().plus(config.signature().futureSkew()).toMillis(),
                config.signature().replayCapacity(), Clock.systemUTC());
    }

    TokenMemory(long rememberMillis, int capacity, Clock clock) {
        this.rememberMillis = rememberMillis;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records that {@code token} was presented with a request of this fingerprint, and says whether that is allowed. */
    public synchronized Use use(String token, byte[] fingerprint) {
        long now = clock.millis();
        forgetExpired(now);
        Seen before = seen.get(token);
        if (before != null) {
            return MessageDigest.isEqual(before.fingerprint(), fingerprint) ? Use.SAME_REQUEST : Use.OTHER_REQUEST;
        }
        if (seen.size() >= capacity) {
            return Use.FULL;
        }
        seen.put(token, new Seen(fingerprint, now + rememberMillis));
        return Use.FIRST;
    }

    public synchronized int size() {
        return seen.size();
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Seen>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue().forgetAtMillis() <= now) {
            oldest.remove();
        }
    }
}
