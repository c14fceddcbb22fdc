package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.*;
import static io.contactcenter.routing.Scenario.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.routing.service.CallEventService;
import io.contactcenter.routing.service.QueueWorker;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;

/**
 * Redelivered and duplicated records, events out of order, and the same work done concurrently (as two replicas
 * would) never create a second agent leg or release an agent twice.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class IdempotencyTest {

    private final Bus bus = Bus.get();

    @Inject
    CallEventService events;

    @Inject
    QueueWorker queue;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void duplicatedRouteRequestsAndEventsChangeNothing() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        phoneAgent(department);
        String callId = id();
        RouteRequest request = bus.routeRequest(callId, department);
        bus.send(Topics.ROUTE_REQUESTS, callId, request); // Kafka redelivery
        bus.routeRequest(callId, department);               // the gateway published twice

        VonageStub.Create leg = awaitLeg(callId, 1);
        var answered = bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.ANSWERED, null);
        bus.send(Topics.CALL_EVENTS, callId, answered);     // same webhook twice
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, ANSWERED);
        var completed = bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "9"));
        bus.send(Topics.CALL_EVENTS, callId, completed);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "9"));

        awaitOutcomes(callId, RINGING, ANSWERED, COMPLETED);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(callId).size() == 3);
        assertEquals(1, VonageStub.createsFor(callId).size());
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/answered").size());
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
    }

    /** A route request that fails while the database cannot apply it waits, retried, instead of being dead-lettered. */
    @Test
    void aRouteRequestFailingWhileATableIsUnusableIsRetriedUntilItIsApplied() throws Exception {
        String department = department(60, 3);
        phoneAgent(department);
        String callId = id();
        double retriesBefore = retries();
        rename("routed_call", "routed_call_away");
        try {
            bus.routeRequest(callId, department);
            // more failures than "dead-letter on the first one" allowed
            await().atMost(Duration.ofSeconds(20)).until(() -> retries() >= retriesBefore + 3);
        } finally {
            rename("routed_call_away", "routed_call");
        }
        awaitLeg(callId, 1);
        awaitOutcomes(callId, RINGING);
    }

    private double retries() {
        return registry.counter("consumer.record.retries", "topic", Topics.ROUTE_REQUESTS).count();
    }

    private void rename(String from, String to) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("alter table " + from + " rename to " + to);
        }
    }

    /** Events that change nothing for routing cost no transaction: not even their id is stored. */
    @Test
    void callerEventsBeforeTheHangUpAreDroppedWithoutAStoredId() {
        String department = department(60, 3);
        String callId = id();
        bus.routeRequest(callId, department);
        List<String> dropped = new ArrayList<>();
        for (CallStatus status : List.of(CallStatus.STARTED, CallStatus.RINGING, CallStatus.ANSWERED)) {
            var event = bus.callerEvent(callId, status);
            events.onCallEvent(event);
            dropped.add(event.eventId());
        }
        var hangUp = bus.callerEvent(callId, CallStatus.COMPLETED);
        events.onCallEvent(hangUp);

        assertEquals(1, storedEventIds(hangUp.eventId()), "the caller's hang-up is recorded");
        for (String eventId : dropped) {
            assertEquals(0, storedEventIds(eventId), "a caller event before the hang-up stored its id");
        }
    }

    private int storedEventIds(String eventId) {
        return Db.count(dataSource, "select count(*) from routing.processed_event where event_id = ?",
                "event:" + eventId);
    }

    @Test
    void completedBeforeAnsweredStillEndsAsAnsweredAndCompleted() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);

        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.COMPLETED,
                Map.of("duration", "31", "startTime", "2026-11-22T05:00:00.000Z"));
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.ANSWERED, null);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.RINGING, null);

        awaitOutcomes(callId, RINGING, ANSWERED, COMPLETED);
        awaitAssignmentState(callId, "RELEASED/COMPLETED");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(callId).size() == 3 && VonageStub.createsFor(callId).size() == 1);
    }

    @Test
    void completedWithoutTalkTimeBeforeRingingIsANoAnswer() {
        String department = department(60, 3);
        String[] first = phoneAgent(department);
        String[] second = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);

        bus.agentEvent(callId, leg.legId(), first[0], CallStatus.COMPLETED, Map.of("duration", "0"));
        bus.agentEvent(callId, leg.legId(), first[0], CallStatus.RINGING, null);
        bus.agentEvent(callId, leg.legId(), first[0], CallStatus.TIMEOUT, null);

        VonageStub.Create next = awaitLeg(callId, 2);
        assertEquals(second[1], next.body().at("/to/0/number").asText());
        awaitOutcomes(callId, RINGING, NO_ANSWER, RINGING);
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
    }

    @Test
    void sameRecordHandledConcurrentlyByTwoWorkersCreatesOneLeg() throws Exception {
        String department = department(60, 3);
        phoneAgent(department);
        phoneAgent(department);
        String callId = id();
        RouteRequest request = new RouteRequest(id(), RouteRequest.VERSION, callId, department, "447700900123",
                RouteRequest.conversationNameFor(callId), null, Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> handled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                handled.add(pool.submit(() -> {
                    start.await();
                    events.onRouteRequest(request);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : handled) {
                f.get();
            }
            // the scheduler of this instance serves the queue too: four more "replicas" race it
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> served = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                served.add(pool.submit(() -> {
                    go.await();
                    queue.runOnce(() -> { });
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : served) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        awaitOutcomes(callId, RINGING);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> VonageStub.attemptsFor(callId).size() == 1);
        assertEquals(1, Db.count(dataSource, "select count(*) from routing.attempt where call_id = ?", callId));
        assertEquals(1, Db.count(dataSource,
                "select count(*) from routing.processed_event where event_id = 'route:' || ?", request.eventId()));
    }
}
