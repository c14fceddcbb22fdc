package io.contactcenter.routing.messaging;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.service.CallEventService;
import io.contactcenter.routing.service.Workers;
import io.contactcenter.support.messaging.BatchApplier;
import io.contactcenter.support.messaging.RecordRetry;
import io.contactcenter.support.messaging.SkippingCallEventDeserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumed topics, in batches ({@code batch=true}: a method gets the records of one poll, at most
 * {@code ROUTING_MAX_POLL_RECORDS}). A poll's records are applied in one database transaction, calls locked in call-id
 * order ({@link BatchApplier}); the offsets are committed after it. When the batch fails it is rolled back and its
 * records are applied one at a time: a transient failure (the database) is retried until it passes
 * ({@link RecordRetry}, with the back-off of {@code routing.retry}); only a record that can never be applied goes to
 * {@code <topic>.dlq}, alone. A route request, and an agent the directory reports free, wake the queue workers.
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
     * The worker pool the batches are applied on, several at a time ({@code smallrye.messaging.worker.<pool>
     * .max-concurrency}). A call's records may then be applied out of order, which routing handles anyway (Vonage
     * reorders webhooks); its row lock serialises them.
     */
    static final String POOL = "routing-consumers";

    private final CallEventService service;
    private final Workers workers;
    private final BatchApplier batches;

    public Consumers(CallEventService service, Workers workers, RoutingConfig config, MeterRegistry registry,
            EntityManager em) {
        this.service = service;
        this.workers = workers;
        RecordRetry retry = new RecordRetry(config.retry().initialBackoff(), config.retry().maxBackoff(), registry);
        this.batches = new BatchApplier(retry, registry, () -> {
            em.flush();
            em.clear(); // the next record reads its call's rows afresh, as in a transaction of its own
        });
    }

    @Incoming(Topics.ROUTE_REQUESTS)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void routeRequests(List<RouteRequest> requests,
            IncomingKafkaRecordBatchMetadata<String, RouteRequest> poll) {
        batches.apply(Topics.ROUTE_REQUESTS, poll.getBatchedMessages(), RouteRequest::callId,
                service::onRouteRequest);
        workers.routeRequestApplied();
    }

    @Incoming(Topics.CALL_EVENTS)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void callEvents(List<CallEvent> events, IncomingKafkaRecordBatchMetadata<String, CallEvent> poll) {
        batches.apply(Topics.CALL_EVENTS, poll.getBatchedMessages(), CallEvent::callId, event -> {
            if (event != SkippingCallEventDeserializer.SKIPPED) { // skipped by its header, unread
                service.onCallEvent(event);
            }
        });
    }

    @Incoming(Topics.AGENT_ACTIVITY)
    @Blocking(value = Consumers.POOL, ordered = false)
    public void agentActivity(List<AgentActivity> activities,
            IncomingKafkaRecordBatchMetadata<String, AgentActivity> poll) {
        // the queue loop wakes when the due calls are committed; no call is locked, so the order is the poll's
        batches.apply(Topics.AGENT_ACTIVITY, poll.getBatchedMessages(), activity -> null, service::onAgentActivity);
    }
}
