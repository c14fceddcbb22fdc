package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.Scenario.awaitAssignmentState;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallStatus;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.support.auth.ServiceToken;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing's own directory token: one the directory finds expired is renewed and the request sent again, and a
 * release the directory keeps refusing with 401 is retried later, never dropped.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class DirectoryTokenTest {

    private final Bus bus = Bus.get();

    @AfterEach
    void clockBack() {
        DirectoryStub.clockAhead(Duration.ZERO);
        DirectoryStub.refuseNextReleases(0);
        DirectoryStub.forbidReleases(0);
    }

    @Test
    void anExpiredTokenIsRenewedAndTheReleaseStillHappens() throws Exception {
        Call call = connectedCall();
        // the token routing holds was minted at least a second ago: to the directory's clock it has now expired,
        // while a token minted now is still good for a second
        Thread.sleep(1_100);
        DirectoryStub.clockAhead(ServiceToken.DEFAULT_TTL.minusSeconds(1));
        int refusedBefore = DirectoryStub.unauthorized().size();

        bus.agentEvent(call.callId(), call.leg(), call.agent(), CallStatus.COMPLETED, Map.of("duration", "42"));

        awaitAssignmentState(call.callId(), "RELEASED/COMPLETED");
        assertTrue(DirectoryStub.unauthorized().stream().skip(refusedBefore).anyMatch(r -> r.endsWith(": expired")),
                "the old token was refused as expired: " + DirectoryStub.unauthorized());
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.outcomes(call.callId()).contains(COMPLETED));
    }

    @Test
    void aReleaseRefusedWith401IsRetriedNotDropped() {
        Call call = connectedCall();
        // more refusals than one request's renewal and its fault-tolerance retries use up: the task must wait for later
        DirectoryStub.refuseNextReleases(8);

        bus.agentEvent(call.callId(), call.leg(), call.agent(), CallStatus.COMPLETED, Map.of("duration", "42"));

        await().atMost(Duration.ofSeconds(20)).until(() -> DirectoryStub.assignmentState(call.callId()).orElse("")
                .equals("RELEASED/COMPLETED"));
        assertTrue(DirectoryStub.unauthorized().stream().filter(r -> r.contains("/release")).count() >= 6,
                DirectoryStub.unauthorized().toString());
    }

    /** Only an answer proving the assignment gone (404, 409) drops a task: a 403 is retried until it passes. */
    @Test
    void aReleaseRefusedWith403IsRetriedNotDropped() {
        Call call = connectedCall();
        DirectoryStub.forbidReleases(6);

        bus.agentEvent(call.callId(), call.leg(), call.agent(), CallStatus.COMPLETED, Map.of("duration", "42"));

        await().atMost(Duration.ofSeconds(30)).until(() -> DirectoryStub.assignmentState(call.callId()).orElse("")
                .equals("RELEASED/COMPLETED"));
    }

    private record Call(String callId, String agent, String leg) {
    }

    private Call connectedCall() {
        String department = UUID.randomUUID().toString();
        String agent = UUID.randomUUID().toString();
        DirectoryStub.department(department, 60, 25, 3);
        DirectoryStub.agent(agent, department, "phone", "447700900077");
        String callId = UUID.randomUUID().toString();
        bus.routeRequest(callId, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> bus.outcomes(callId).contains(RINGING));
        String leg = VonageStub.createsFor(callId).get(0).legId();
        bus.agentEvent(callId, leg, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent)));
        return new Call(callId, agent, leg);
    }
}
