package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.ANSWERED;
import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.Scenario.awaitAssignmentState;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With the idle poll interval at an hour, a whole call still goes through: the queue, the tasks and the outbox run
 * because the work committed for them wakes them, not because a timer comes round.
 */
@QuarkusTest
@TestProfile(WakeUpTest.NoPolling.class)
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class WakeUpTest {

    public static class NoPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.queue.poll-interval", "1h");
        }
    }

    private final Bus bus = Bus.get();

    @Test
    void routeRequestAndAgentEventsAreActedOnWithoutPolling() {
        String department = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 25, 3);
        DirectoryStub.agent(agent, department, "phone", "447700900001");
        String callId = UUID.randomUUID().toString();

        bus.routeRequest(callId, department); // the queue loop is woken by the applied request
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(RINGING)); // the outbox too
        String leg = VonageStub.createsFor(callId).get(0).legId();

        bus.agentEvent(callId, leg, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent))); // tasks
        bus.agentEvent(callId, leg, agent, CallStatus.COMPLETED, Map.of("duration", "42"));
        awaitAssignmentState(callId, "RELEASED/COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(callId).contains(COMPLETED));
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(callId));
    }
}
