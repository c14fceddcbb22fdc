package io.contactcenter.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** Webhooks by type and outcome, their latency, and degraded-mode answers (Prometheus at /q/metrics). */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void done(Timer.Sample sample, String type, String outcome) {
        registry.counter("gateway.webhooks", "type", type, "outcome", outcome).increment();
        sample.stop(Timer.builder("gateway.webhook.latency")
                .description("time to answer a Vonage webhook")
                .tag("type", type)
                .publishPercentileHistogram()
                .register(registry));
    }

    public void degraded(String reason) {
        registry.counter("gateway.degraded.answers", "reason", reason).increment();
    }
}
