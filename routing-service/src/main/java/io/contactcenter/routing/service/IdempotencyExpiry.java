package io.contactcenter.routing.service;

import io.contactcenter.routing.config.ControlsConfig;
import io.contactcenter.routing.domain.IdempotentRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes the stored answers of control requests ({@code Idempotency-Key}) older than
 * {@code routing.controls.idempotency-ttl}, in batches, on every replica (rows one replica deletes the others skip).
 */
@ApplicationScoped
public class IdempotencyExpiry {

    private static final Logger LOG = Logger.getLogger(IdempotencyExpiry.class);
    static final int BATCH = 500;

    private final IdempotentRequests idempotent;
    private final ControlsConfig config;

    public IdempotencyExpiry(IdempotentRequests idempotent, ControlsConfig config) {
        this.idempotent = idempotent;
        this.config = config;
    }

    @Scheduled(identity = "routing-idempotency-expiry", every = "${routing.controls.idempotency-expiry-interval:10m}",
            delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Expiring idempotent answers failed; it runs again at the next tick");
        }
    }

    /** Deletes every answer past the TTL; returns how many. */
    public int runOnce() {
        Instant before = Instant.now().minus(config.idempotencyTtl());
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> idempotent.expire(before, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Deleted %d idempotent answers stored before %s", total, before);
        }
        return total;
    }
}
