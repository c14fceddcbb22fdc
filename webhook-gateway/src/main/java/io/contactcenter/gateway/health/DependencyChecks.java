package io.contactcenter.gateway.health;

import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.gateway.service.Menu;
import io.contactcenter.gateway.service.MenuCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Kafka and the directory as the gateway sees them, at {@code /q/health/group/dependencies} and as the gauge
 * {@code gateway_dependency_up{dependency}}: reported, but not part of readiness, because the gateway keeps serving
 * without them (menu from the cache or the fallback, degraded input answers, 503 on events so Vonage retries). In
 * readiness they would take every gateway pod out of the Service in a broker or directory outage. Both are read from
 * the gateway's own state, so the group answers at once whatever the dependencies do.
 */
@Startup
@ApplicationScoped
public class DependencyChecks {

    static final String GROUP = "dependencies";

    private final EventPublisher publisher;
    private final MenuCache menus;

    public DependencyChecks(EventPublisher publisher, MenuCache menus, MeterRegistry registry) {
        this.publisher = publisher;
        this.menus = menus;
        gauge(registry, "kafka", this::kafkaUp);
        gauge(registry, "directory", this::directoryUp);
    }

    @Produces
    @HealthGroup(GROUP)
    HealthCheck kafka() {
        return () -> HealthCheckResponse.named("kafka").status(kafkaUp())
                .withData("eventsBuffered", publisher.buffered())
                .build();
    }

    @Produces
    @HealthGroup(GROUP)
    HealthCheck directory() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("directory").status(directoryUp())
                    .withData("menuSource", menus.menu().source().name());
            if (menus.lastFailure() != null) {
                response.withData("failingSince", String.valueOf(menus.lastFailureAt()))
                        .withData("lastFailure", menus.lastFailure());
            }
            return response.build();
        };
    }

    private static void gauge(MeterRegistry registry, String dependency, BooleanSupplier up) {
        Gauge.builder("gateway.dependency.up", up, check -> check.getAsBoolean() ? 1 : 0)
                .description("1 while the dependency is reachable, 0 while the gateway serves without it")
                .tag("dependency", dependency).strongReference(true).register(registry);
    }

    boolean kafkaUp() {
        return publisher.brokerConnected();
    }

    /** The last menu refresh got an answer. */
    boolean directoryUp() {
        return menus.lastFailure() == null && menus.menu().source() == Menu.Source.DIRECTORY;
    }
}
