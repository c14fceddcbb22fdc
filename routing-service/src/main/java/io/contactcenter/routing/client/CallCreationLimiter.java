package io.contactcenter.routing.client;

import io.contactcenter.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Client-side limit of Vonage call creations: successive createCall requests are spaced at least
 * {@code 1 / routing.vonage.create-calls-per-second} apart (Vonage allows about 3 per second per account and
 * answers 429 beyond).
 */
@ApplicationScoped
public class CallCreationLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    public CallCreationLimiter(RoutingConfig config) {
        double perSecond = config.vonage().createCallsPerSecond();
        if (perSecond <= 0) {
            throw new IllegalArgumentException("routing.vonage.create-calls-per-second must be positive");
        }
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /** Blocks until this caller may create a call. */
    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
