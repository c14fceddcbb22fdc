package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.*;
import static io.contactcenter.routing.Scenario.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.restassured.RestAssured;
import java.time.Instant;

/**
 * Calls wait in a per-department FIFO queue in PostgreSQL and are served oldest first (several at once while agents
 * are free); max wait → overflow.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class QueueTest {

    private final Bus bus = Bus.get();

    @Test
    void threeCallsOneAgentAreServedInArrivalOrder() {
        String department = department(120, 3);
        String[] agent = phoneAgent(department);
        String c1 = id();
        String c2 = id();
        String c3 = id();
        Instant now = Instant.now();

        bus.send(Topics.ROUTE_REQUESTS, c1, request(c1, department, now.minusSeconds(3)));
        VonageStub.Create leg1 = awaitLeg(c1, 1);
        // c3 is consumed before c2, but c2 asked first
        bus.send(Topics.ROUTE_REQUESTS, c3, request(c3, department, now.minusSeconds(1)));
        bus.send(Topics.ROUTE_REQUESTS, c2, request(c2, department, now.minusSeconds(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/q/metrics").asString()
                .contains("routing_queue_length{department=\"" + department + "\"} 2.0"));
        assertTrue(VonageStub.createsFor(c2).isEmpty() && VonageStub.createsFor(c3).isEmpty());

        bus.agentEvent(c1, leg1.legId(), agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(c1, RINGING, ANSWERED);
        bus.agentEvent(c1, leg1.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "12"));

        VonageStub.Create leg2 = awaitLeg(c2, 1);
        assertTrue(VonageStub.createsFor(c3).isEmpty(), "c3 waits behind c2");
        bus.agentEvent(c2, leg2.legId(), agent[0], CallStatus.ANSWERED, null);
        bus.agentEvent(c2, leg2.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "5"));

        VonageStub.Create leg3 = awaitLeg(c3, 1);
        List<VonageStub.Create> toAgent = VonageStub.createsTo(agent[1]);
        assertEquals(List.of(leg1.legId(), leg2.legId(), leg3.legId()),
                toAgent.stream().map(VonageStub.Create::legId).toList());
        awaitOutcomes(c1, RINGING, ANSWERED, COMPLETED);
        awaitOutcomes(c2, RINGING, ANSWERED, COMPLETED);
        awaitOutcomes(c3, RINGING);
    }

    @Test
    void whileAgentsAreFreeADepartmentsNextCallIsClaimedBeforeTheFirstClaimEnds() {
        String department = department(120, 3);
        phoneAgent(department);
        phoneAgent(department);
        String first = id();
        String second = id();
        DirectoryStub.claimDelay(Duration.ofMillis(1500));
        try {
            bus.routeRequest(first, department);
            await().atMost(Duration.ofSeconds(10)).until(() -> claimsFor(first) > 0);
            bus.routeRequest(second, department);
            awaitLeg(first, 1);
            awaitLeg(second, 1);
            // serving only the queue's head would have asked for the second call after the first claim's answer
            assertEquals(2, DirectoryStub.mostClaimsInFlight());
        } finally {
            DirectoryStub.claimDelay(Duration.ZERO);
        }
    }

    private static long claimsFor(String callId) {
        return DirectoryStub.requests("POST", "/assignments").stream()
                .filter(r -> r.body().path("callId").asText().equals(callId)).count();
    }

    @Test
    void callPastTheMaxWaitIsTransferredToTheOverflow() {
        String department = department(2, 3); // nobody in it
        String callId = id();
        VonageStub.failModifiesOf(callId, 503, 2); // the transfer itself is retried
        Instant asked = Instant.now();

        bus.routeRequest(callId, department);

        awaitOutcomes(callId, NO_AGENT);
        assertTrue(Duration.between(asked, bus.last(callId, NO_AGENT).orElseThrow().at()).toMillis() >= 1900,
                "not before the department's max wait");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> VonageStub.modifiesOf(callId).stream().anyMatch(m -> m.answeredWith() == 204));
        List<VonageStub.Modify> tries = VonageStub.modifiesOf(callId);
        assertEquals(3, tries.size());
        assertEquals("transfer", tries.get(2).action());
        assertTrue(VonageStub.createsFor(callId).isEmpty());
        // the caller leaves afterwards: no ABANDONED on top of NO_AGENT
        bus.callerEvent(callId, CallStatus.COMPLETED);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> bus.outcomes(callId).equals(List.of(NO_AGENT)));
    }

    @Test
    void healthAndMetricsAreExposed() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("routing_assignments_total"));
    }

    private static RouteRequest request(String callId, String department, Instant at) {
        return new RouteRequest(id(), RouteRequest.VERSION, callId, department, "447700900123",
                RouteRequest.conversationNameFor(callId), null, at);
    }
}
