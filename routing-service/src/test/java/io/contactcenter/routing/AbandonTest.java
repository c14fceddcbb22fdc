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

    @Test
    void callerHangsUpWhileTheAgentRings() {
        String department = department(60, 3);
        String[] agent = phoneAgent(department);
        String callId = id();
        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.RINGING, null);

        bus.callerEvent(callId, CallStatus.COMPLETED);

        awaitOutcomes(callId, RINGING, ABANDONED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.modifiesOf(leg.legId()).isEmpty());
        assertEquals("hangup", VonageStub.modifiesOf(leg.legId()).get(0).action());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DirectoryStub.assignmentState(callId).orElse("").equals("RELEASED/CANCELLED"));
        // the hung-up leg reports back: nothing more happens (no second release, no next agent)
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.CANCELLED, null);
        bus.agentEvent(callId, leg.legId(), agent[0], CallStatus.COMPLETED, null);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> bus.outcomes(callId).equals(List.of(RINGING, ABANDONED)));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
        assertEquals(1, VonageStub.createsFor(callId).size());
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
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DirectoryStub.assignmentState(callId).orElse("").equals("RELEASED/COMPLETED"));
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
        await().atMost(Duration.ofSeconds(10))
                .until(() -> DirectoryStub.assignmentState(callId).orElse("").equals("RELEASED/CANCELLED"));
        assertEquals(1, VonageStub.createsFor(callId).size(), "no next agent for a caller who is not waiting");
    }
}
