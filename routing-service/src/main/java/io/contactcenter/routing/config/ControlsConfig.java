package io.contactcenter.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The call controls' settings (routing-service/README.md, "Call controls"). */
@ConfigMapping(prefix = "routing.controls")
public interface ControlsConfig {

    /**
     * {@code ROUTING_CONTROLS_IDEMPOTENCY_TTL}: how long the answer to a control request with an
     * {@code Idempotency-Key} is kept for its retries.
     */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /** {@code ROUTING_CONTROLS_IDEMPOTENCY_EXPIRY_INTERVAL}: how often answers past the TTL are deleted. */
    @WithDefault("10m")
    Duration idempotencyExpiryInterval();
}
