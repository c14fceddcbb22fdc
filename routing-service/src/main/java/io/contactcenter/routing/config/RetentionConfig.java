package io.contactcenter.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How long finished calls and consumed-record ids are kept, and when a finished call's numbers are masked
 * ({@code service/Retention}, one scheduled job per replica; batches of rows locked with SKIP LOCKED).
 */
@ConfigMapping(prefix = "routing.retention")
public interface RetentionConfig {

    /** {@code ROUTING_RETENTION_INTERVAL}: how often the job runs. */
    @WithDefault("1m")
    Duration interval();

    /**
     * {@code ROUTING_RETENTION_MASK_AFTER}: how long after a call ended ({@code DONE}, {@code OVERFLOW}) its caller
     * and callback numbers are masked in place (last four digits kept).
     */
    @WithDefault("5m")
    Duration maskAfter();

    /**
     * {@code ROUTING_RETENTION_CALLS}: finished calls are deleted this long after they ended (with their attempts,
     * transfers, monitors and idempotent answers).
     */
    @WithDefault("90d")
    Duration calls();

    /** {@code ROUTING_RETENTION_PROCESSED_EVENTS}: ids of consumed records (redeliveries come within minutes). */
    @WithDefault("7d")
    Duration processedEvents();

    /** {@code ROUTING_RETENTION_BATCH_SIZE}: rows per transaction. */
    @WithDefault("500")
    @Min(1)
    int batchSize();
}
