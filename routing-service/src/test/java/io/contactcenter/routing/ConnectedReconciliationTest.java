package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.ANSWERED;
import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.Scenario.awaitAssignmentState;
import static io.contactcenter.routing.Scenario.awaitSettled;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An agent leg's {@code completed} webhook is lost: after {@code routing.queue.connected-check-after} (3 s in tests)
 * routing reads the leg's call record from Vonage ({@code GET /v1/calls/{uuid}}, the SDK's signed request) and
 * finishes the call when the leg has ended; a leg still up is left alone and asked about again later.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class ConnectedReconciliationTest {

    private final Bus bus = Bus.get();

    @Inject
    DataSource dataSource;

    @Test
    void aConnectedCallWhoseAgentLegEndedUnseenIsFinishedAndTheAgentReleased() throws Exception {
        String department = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 20, 3);
        String ended = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        DirectoryStub.agent(ended, department, "phone", "447700900031");
        DirectoryStub.agent(live, department, "phone", "447700900032");
        String endedCall = UUID.randomUUID().toString();
        String liveCall = UUID.randomUUID().toString();

        bus.routeRequest(endedCall, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.last(endedCall, RINGING).isPresent());
        bus.routeRequest(liveCall, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.last(liveCall, RINGING).isPresent());
        String endedLeg = VonageStub.createsFor(endedCall).get(0).legId();
        String liveLeg = VonageStub.createsFor(liveCall).get(0).legId();
        String endedAgent = bus.last(endedCall, RINGING).orElseThrow().agentId();
        String liveAgent = bus.last(liveCall, RINGING).orElseThrow().agentId();

        bus.agentEvent(endedCall, endedLeg, endedAgent, CallStatus.ANSWERED, null);
        bus.agentEvent(liveCall, liveLeg, liveAgent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(endedCall).contains(ANSWERED)
                && bus.outcomes(liveCall).contains(ANSWERED));
        // the first agent hangs up, but the leg's 'completed' never reaches routing: only Vonage knows
        VonageStub.legStatus(endedLeg, "completed");

        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(endedCall).contains(COMPLETED));
        awaitAssignmentState(endedCall, "RELEASED/COMPLETED");
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(endedCall));
        assertTrue(VonageStub.detailReads().contains(endedLeg), "asked Vonage about the leg");

        // the other conversation goes on: read again after the period, never finished
        await().atMost(Duration.ofSeconds(20))
                .until(() -> VonageStub.detailReads().stream().filter(liveLeg::equals).count() >= 2);
        assertEquals(List.of(RINGING, ANSWERED), bus.outcomes(liveCall));
        assertEquals("ON_CALL", DirectoryStub.agentState(liveAgent));

        // the lost event arriving late after all changes nothing
        awaitSettled(dataSource, bus.agentEvent(endedCall, endedLeg, endedAgent, CallStatus.COMPLETED,
                java.util.Map.of("duration", "60")));
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), bus.outcomes(endedCall));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + endedCall + "/release").size());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }
}
