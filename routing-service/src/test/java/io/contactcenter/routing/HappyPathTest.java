package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.ANSWERED;
import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.Scenario.awaitAssignmentState;
import static io.contactcenter.routing.Scenario.awaitLeg;
import static io.contactcenter.routing.Scenario.awaitSettled;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Route request → claim → createCall with the exact body → RINGING → answered → ANSWERED → completed → COMPLETED. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class HappyPathTest {

    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    @Test
    void phoneAgentIsCalledIntoTheCallersConversationAndReleasedAfterTheCall() throws Exception {
        String department = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 25, 3);
        DirectoryStub.agent(agent, department, "phone", "447700900001");
        String callId = UUID.randomUUID().toString();

        bus.routeRequest(callId, department);

        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(callId).contains(RINGING));
        List<VonageStub.Create> creates = VonageStub.createsFor(callId);
        assertEquals(1, creates.size());
        JsonNode body = creates.get(0).body();
        assertEquals(Bus.JSON.readTree("[{\"type\":\"phone\",\"number\":\"447700900001\"}]"), body.get("to"));
        assertEquals(Bus.JSON.readTree("{\"type\":\"phone\",\"number\":\"447700900100\"}"), body.get("from"));
        assertTrue(body.at("/event_url/0").asText().startsWith("https://gateway.test/webhooks/event?call=" + callId
                + "&agent=" + agent + "&sig="), body.get("event_url").toString());
        assertEquals(Bus.JSON.readTree("[{\"name\":\"cc-" + callId
                + "\",\"startOnEnter\":true,\"endOnExit\":false,\"action\":\"conversation\"}]"), body.get("ncco"));
        assertEquals(25, body.get("ringing_timer").asInt());
        String leg = creates.get(0).legId();
        Assignment ringing = bus.last(callId, RINGING).orElseThrow();
        assertEquals(agent, ringing.agentId());
        assertEquals(leg, ringing.agentLegId());
        assertEquals(department, ringing.department());
        assertEquals(1, ringing.attempt());
        assertEquals("RESERVED", DirectoryStub.agentState(agent));

        bus.agentEvent(callId, leg, agent, CallStatus.STARTED, null);
        bus.agentEvent(callId, leg, agent, CallStatus.RINGING, null);
        bus.agentEvent(callId, leg, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent)));
        // the directory's answer and the published record travel separately: either may come first
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).size() >= 2);
        assertEquals(List.of(RINGING, ANSWERED), bus.outcomes(callId));

        bus.agentEvent(callId, leg, agent, CallStatus.COMPLETED, Map.of("duration", "42"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(COMPLETED));
        awaitAssignmentState(callId, "RELEASED/COMPLETED");
        assertEquals("IDLE", DirectoryStub.agentState(agent));
        // the caller's own hang-up afterwards changes nothing
        awaitSettled(dataSource, bus.callerEvent(callId, CallStatus.COMPLETED));
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(callId));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
        assertTrue(VonageStub.modifiesOf(leg).isEmpty(), "the agent hung up himself: no hangup request");
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
        assertTrue(DirectoryStub.violations().isEmpty(), DirectoryStub.violations().toString());
    }

    @Test
    void aFirstLegWhoseUuidWasLostAndThatTheAgentAnsweredIsKeptAndTheSecondHungUp() {
        Ringing ringing = ringingAgent("447700900002");
        String callId = ringing.callId();
        String agent = ringing.agent();
        String stored = ringing.leg();
        // the leg created before it, whose uuid the commit after createCall lost (PostgreSQL went away): answered
        String first = UUID.randomUUID().toString();

        bus.agentEvent(callId, first, agent, CallStatus.STARTED, null);
        bus.agentEvent(callId, first, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(ANSWERED));
        assertEquals(first, bus.last(callId, ANSWERED).orElseThrow().agentLegId());
        awaitHangup(stored);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent)));

        awaitSettled(dataSource, bus.agentEvent(callId, stored, agent, CallStatus.COMPLETED, null));
        assertEquals(List.of(RINGING, ANSWERED), bus.outcomes(callId), "the hung-up leg's end is not the call's");
        bus.agentEvent(callId, first, agent, CallStatus.COMPLETED, Map.of("duration", "30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(COMPLETED));
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void aFirstLegWhoseUuidWasLostAndWhoseEndOvertookItsAnswerEndsTheCall() {
        Ringing ringing = ringingAgent("447700900004");
        String callId = ringing.callId();
        String agent = ringing.agent();
        // the lost leg's events applied in the worst order (a call's records are applied in any order): the agent
        // talked on it and hung up, and its 'completed' comes first: the call ends, no caller is left in it
        String first = UUID.randomUUID().toString();
        bus.agentEvent(callId, first, agent, CallStatus.COMPLETED, Map.of("duration", "30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(COMPLETED));
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(callId));
        awaitHangup(ringing.leg());
        awaitSettled(dataSource, bus.agentEvent(callId, first, agent, CallStatus.ANSWERED, null));
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(callId), "its late answer changes nothing");
    }

    @Test
    void aLegNoAttemptTakesIsHungUpWhenAnswered() {
        Ringing ringing = ringingAgent("447700900003");
        String callId = ringing.callId();
        String agent = ringing.agent();
        String stored = ringing.leg();
        bus.agentEvent(callId, stored, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(ANSWERED));

        // a leg created before the stored one, its uuid lost, answered after the agent took the call on the other
        String stray = UUID.randomUUID().toString();
        bus.agentEvent(callId, stray, agent, CallStatus.ANSWERED, null);
        awaitHangup(stray);
        assertEquals(stored, bus.last(callId, ANSWERED).orElseThrow().agentLegId());
        assertTrue(VonageStub.modifiesOf(stored).isEmpty(), "the agent's call goes on");
    }

    @Test
    void appAndSipAgentsGetTheirEndpointShapes() {
        String department = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 20, 3);
        String appAgent = UUID.randomUUID().toString();
        String sipAgent = UUID.randomUUID().toString();
        DirectoryStub.agent(appAgent, department, "app", "jane");
        DirectoryStub.agent(sipAgent, department, "sip", "sip:joe@example.com");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        // one after the other: calls claimed together may get the free agents in either order (claim window)
        bus.routeRequest(first, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> VonageStub.createsFor(first).size() == 1);
        bus.routeRequest(second, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> VonageStub.createsFor(second).size() == 1);
        JsonNode app = VonageStub.createsFor(first).get(0).body().get("to").get(0);
        JsonNode sip = VonageStub.createsFor(second).get(0).body().get("to").get(0);
        assertEquals("app", app.get("type").asText());
        assertEquals("jane", app.get("user").asText());
        assertEquals("sip", sip.get("type").asText());
        assertEquals("sip:joe@example.com", sip.get("uri").asText());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    /** A call routed to a new department's one phone agent, whose leg rings. */
    private record Ringing(String callId, String agent, String leg) {
    }

    private Ringing ringingAgent(String phone) {
        String department = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 25, 3);
        DirectoryStub.agent(agent, department, "phone", phone);
        String callId = UUID.randomUUID().toString();
        bus.routeRequest(callId, department);
        return new Ringing(callId, agent, awaitLeg(callId, 1).legId());
    }

    private static void awaitHangup(String leg) {
        await().atMost(Duration.ofSeconds(10)).until(() -> VonageStub.modifiesOf(leg).stream()
                .anyMatch(modify -> modify.action().equals("hangup")));
    }
}
