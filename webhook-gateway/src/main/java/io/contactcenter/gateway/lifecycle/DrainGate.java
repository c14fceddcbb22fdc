package io.contactcenter.gateway.lifecycle;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a stopping gateway lets go of Vonage's connections without cutting off a webhook it took. From SIGTERM on
 * (readiness DOWN, {@code quarkus.shutdown.delay} running) every answer closes its connection: Kubernetes keeps
 * routing an open keep-alive connection to a pod it took out of the Service, a new one goes to another pod. Once the
 * delay is over, a request that still arrives is closed unread, as if the port were closed already. Quarkus then
 * waits for the requests it counted before (at most {@code quarkus.shutdown.timeout}) and closes the server right
 * after the last one: a request it let in at that moment would be cut off mid-answer, after its webhook was acted on.
 */
@ApplicationScoped
public class DrainGate {

    private final long delayNanos;
    private volatile long stoppingSince;
    private volatile boolean stopping;

    public DrainGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delayNanos = delay.orElse(Duration.ZERO).toNanos();
    }

    /** Fired before the shutdown delay starts; Quarkus stops the server no earlier than the delay after this. */
    void onStopping(@Observes ShutdownDelayInitiatedEvent stop) {
        stoppingSince = System.nanoTime();
        stopping = true;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::filter);
    }

    private void filter(RoutingContext request) {
        if (stopping) {
            if (System.nanoTime() - stoppingSince >= delayNanos) {
                request.request().connection().close();
                return;
            }
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        request.next();
    }
}
