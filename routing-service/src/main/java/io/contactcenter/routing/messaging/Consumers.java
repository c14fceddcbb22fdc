package io.contactcenter.routing.messaging;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.service.CallEventService;
import io.contactcenter.routing.service.Workers;
import io.contactcenter.support.messaging.RecordRetry;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumed topics. Each record is applied in one database transaction; its offset is committed after
 * that. A transient failure (the database) is retried until it passes ({@link RecordRetry}, with the back-off of
 * {@code routing.retry}); only a record that can never be applied goes to {@code <topic>.dlq}. A route request, and
 * an agent the directory reports free, wake the queue workers.
 *
 * <p>{@code agent-activity} is read in the shared group {@code routing-service}: each record wakes exactly one replica,
 * which makes the department's waiting calls due in the database (where every replica's workers see them) and serves
 * them at once. Every replica can dispatch any call, so one wake-up per freed agent is enough; a group per replica
 * would wake all of them to race for the same queue head (all but one finding it locked) and leave a group behind
 * at every restart.
 */
@ApplicationScoped
public class Consumers {

    /**
     * The worker pool the records are applied on, several at a time ({@code smallrye.messaging.worker.<pool>
     * .max-concurrency}): one at a time could not keep up with a dozen events per call. A call's records may then
     * be applied out of order, which routing handles anyway (Vonage reorders webhooks); its row lock serialises them.
     */
    static final String POOL = "routing-consumers";

    private final CallEventService service;
    private final Workers workers;
    private final RecordRetry retry;

    public Consumers(CallEventService service, Workers workers, RoutingConfig config, MeterRegistry registry) {
        this.service = service;
        this.workers = workers;
        this.retry = new RecordRetry(config.retry().initialBackoff(), config.retry().maxBackoff(), registry);
    }

    @Incoming(Topics.ROUTE_REQUESTS)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void routeRequest(RouteRequest request) {
        retry.apply(Topics.ROUTE_REQUESTS, request, service::onRouteRequest);
        workers.routeRequestApplied();
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void callEvent(CallEvent event) {
        if (event == SkippingCallEventDeserializer.SKIPPED) {
            return; // skipped by its header, unread
        }
        retry.apply(Topics.CALL_EVENTS, event, service::onCallEvent);
    }

    @Incoming(Topics.AGENT_ACTIVITY)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void agentActivity(AgentActivity activity) {
        // the queue loop wakes when the due calls are committed
        retry.apply(Topics.AGENT_ACTIVITY, activity, service::onAgentActivity);
    }
}
