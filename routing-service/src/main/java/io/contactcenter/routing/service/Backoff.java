package io.contactcenter.routing.service;

import io.contactcenter.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with jitter for retried requests. */
@ApplicationScoped
public class Backoff {

    private final Duration initial;
    private final Duration max;

    public Backoff(RoutingConfig config) {
        this.initial = config.retry().initialBackoff();
        this.max = config.retry().maxBackoff();
    }

    /** When to try again after {@code failures} consecutive failures (1 = the first): "equal jitter". */
    public Instant next(int failures) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(Math.max(ceiling, 1), max.toMillis());
        long half = capped / 2;
        long delay = half + ThreadLocalRandom.current().nextLong(half + 1);
        return Instant.now().plusMillis(delay);
    }
}
