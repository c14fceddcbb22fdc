package io.contactcenter.routing.messaging;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.routing.service.CallEventService;
import io.contactcenter.routing.service.Workers;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumed topics. Each record is applied in one database transaction; its offset is committed after
 * that (a failure sends the record to {@code <topic>.dlq}), and the workers are woken for what it changed.
 */
@ApplicationScoped
public class Consumers {

    private final CallEventService service;
    private final Workers workers;

    public Consumers(CallEventService service, Workers workers) {
        this.service = service;
        this.workers = workers;
    }

    @Incoming("route-requests")
    @Blocking(ordered = true)
    public void routeRequest(RouteRequest request) {
        service.onRouteRequest(request);
        workers.routeRequestApplied();
    }

    @Incoming("call-events")
    @Blocking(ordered = true)
    public void callEvent(CallEvent event) {
        service.onCallEvent(event);
        workers.callEventApplied();
    }
}
