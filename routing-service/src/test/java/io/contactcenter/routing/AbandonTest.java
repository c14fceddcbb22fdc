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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller hangs up while waiting, while the agent rings, while talking, and before the route request arrived. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class AbandonTest {

    private final Bus bus = Bus.get();

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void callerHangsUpWhileWaiting() {
        String department = department(60, 3); // no agents
        String callId = id();
        bus.routeRequest(callId, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> DirectoryStub.requests("POST", "/assignments").stream()
                .anyMatch(r -> r.body().path("callId").asText().equals(callId)));

        bus.callerEvent(callId, CallStatus.COMPLETED);

        awaitOutcomes(callId, ABANDONED);
        String[] late = phoneAgent(department); // an agent frees up afterwards: the call is gone
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> VonageStub.createsFor(callId).isEmpty() && "IDLE".equals(DirectoryStub.agentState(late[0])));
    }

    /** A call whose one agent's leg rings. */
    private record RingingCall(String callId, String agentId, String legId) {
    }

    private RingingCall ringingCall() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        String leg = awaitLeg(callId, 1).legId();
        awaitOutcomes(callId, RINGING); // committed: a hang-up applied now finds the call ringing, not calling
        return new RingingCall(callId, agent[0], leg);
    }

    /** The caller's leg ends at {@code at} and routing hangs up the ringing agent leg. */
    private void callerLeaves(RingingCall call, Instant at) {
        bus.callerEvent(call.callId(), CallStatus.COMPLETED, at);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.modifiesOf(call.legId()).isEmpty());
        assertEquals("hangup", VonageStub.modifiesOf(call.legId()).get(0).action());
    }

    private void agentLegEvent(RingingCall call, CallStatus status, Map<String, String> detail, Instant at) {
        bus.agentEvent(call.callId(), call.legId(), call.agentId(), status, detail, at);
    }

    @Test
    void callerHangsUpWhileTheAgentRings() {
        RingingCall call = ringingCall();
        agentLegEvent(call, CallStatus.RINGING, null, Instant.now());

        // the leg is hung up; its own end decides, because its 'answered' could still be on the way
        callerLeaves(call, Instant.now());
        agentLegEvent(call, CallStatus.CANCELLED, null, Instant.now());
        awaitOutcomes(call.callId(), RINGING, ABANDONED);
        awaitAssignmentState(call.callId(), "RELEASED/CANCELLED");
        // the leg's last event: nothing more happens (no second release, no next agent)
        agentLegEvent(call, CallStatus.COMPLETED, null, Instant.now());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(call.callId()).equals(List.of(RINGING, ABANDONED)));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + call.callId() + "/release").size());
        assertEquals(1, VonageStub.createsFor(call.callId()).size());
    }

    /**
     * The agent answered, then the caller hung up, but the caller's event was applied first (after a broker outage
     * the two legs' events arrive in any order): the conversation happened, so ANSWERED then COMPLETED, not ABANDONED.
     */
    @Test
    void anAnswerThatHappenedBeforeTheCallersHangUpCountsWhenItArrivesAfterIt() {
        RingingCall call = ringingCall();
        Instant answered = Instant.now();

        callerLeaves(call, answered.plusSeconds(20));
        agentLegEvent(call, CallStatus.ANSWERED, null, answered);

        awaitOutcomes(call.callId(), RINGING, ANSWERED, COMPLETED);
        awaitAssignmentState(call.callId(), "RELEASED/COMPLETED");
        agentLegEvent(call, CallStatus.COMPLETED, Map.of("duration", "20"), answered.plusSeconds(21));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(call.callId()).size() == 3);
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + call.callId() + "/release").size());
    }

    /** Only the leg's 'completed' came, after the caller's hang-up: its talk time says when it was answered. */
    @Test
    void aCompletedLegWithATalkTimeBeforeTheCallersHangUpCountsAsAConversation() {
        RingingCall call = ringingCall();
        Instant callerLeft = Instant.now();

        callerLeaves(call, callerLeft);
        // answered 10 s before the caller left
        agentLegEvent(call, CallStatus.COMPLETED, Map.of("duration", "12"), callerLeft.plusSeconds(2));

        awaitOutcomes(call.callId(), RINGING, ANSWERED, COMPLETED);
    }

    /** The agent picked up after the caller had gone (before the hang-up reached the phone): nobody talked. */
    @Test
    void anAnswerAfterTheCallersHangUpIsAbandoned() {
        RingingCall call = ringingCall();
        Instant callerLeft = Instant.now();

        callerLeaves(call, callerLeft);
        agentLegEvent(call, CallStatus.ANSWERED, null, callerLeft.plusMillis(300));

        awaitOutcomes(call.callId(), RINGING, ABANDONED);
        awaitAssignmentState(call.callId(), "RELEASED/CANCELLED");
    }

    /** The hung-up leg never reports back (its events lost): the call is settled as abandoned after the grace. */
    @Test
    void aLegThatNeverReportsBackAfterTheCallerLeftIsAbandonedAfterTheGrace() {
        RingingCall call = ringingCall();

        callerLeaves(call, Instant.now());

        awaitOutcomes(call.callId(), RINGING, ABANDONED);
        awaitAssignmentState(call.callId(), "RELEASED/CANCELLED");
    }

    @Test
    void callerHangsUpDuringTheConversation() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, ANSWERED);

        bus.callerEvent(callId, CallStatus.COMPLETED);

        awaitOutcomes(callId, RINGING, ANSWERED, COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.modifiesOf(leg.legId()).isEmpty());
        assertEquals("hangup", VonageStub.modifiesOf(leg.legId()).get(0).action(), "no agent stays alone");
        awaitAssignmentState(callId, "RELEASED/COMPLETED");
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.COMPLETED, Map.of("duration", "20"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(callId).size() == 3);
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
    }

    @Test
    void callerHangsUpBeforeTheRouteRequestArrives() {
        String department = department(60, 3);
        phoneAgent(department);
        String callId = id();

        bus.callerEvent(callId, CallStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.state(dataSource, callId).equals("DONE"));
        bus.routeRequest(callId, department);

        awaitOutcomes(callId, ABANDONED);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> VonageStub.createsFor(callId).isEmpty());
    }

    /** The gateway answered the degraded NCCO (route request not acknowledged in time); the request arrives later. */
    @Test
    void aRouteRequestArrivingAfterTheGatewayAnsweredDegradedGetsNoAgent() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.degradedMenuInput(callId, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.state(dataSource, callId).equals("DONE"));
        bus.routeRequest(callId, department);
        awaitOutcomes(callId, ABANDONED);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> VonageStub.createsFor(callId).isEmpty() && "IDLE".equals(DirectoryStub.agentState(agent[0])));
    }

    /** The late route request overtook the gateway's degraded event: the agent leg already rings, and is called off. */
    @Test
    void aDegradedAnswerSeenAfterTheRouteRequestCallsTheAgentOff() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);
        bus.degradedMenuInput(callId, department);
        awaitOutcomes(callId, RINGING, ABANDONED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.modifiesOf(leg.legId()).isEmpty());
        assertEquals("hangup", VonageStub.modifiesOf(leg.legId()).get(0).action());
        awaitAssignmentState(callId, "RELEASED/CANCELLED");
        assertEquals(1, VonageStub.createsFor(callId).size(), "no next agent for a caller who is not waiting");
    }
}
