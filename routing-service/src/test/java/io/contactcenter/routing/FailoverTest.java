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

/** An agent who does not answer is released and the next agent is called; exhausted attempts end in the overflow. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class FailoverTest {

    private final Bus bus = Bus.get();

    @Test
    void unansweredAgentIsReleasedAndTheNextOneIsCalled() {
        String department = department(60, 3);
        String[] first = phoneAgent(department);
        String[] second = phoneAgent(department);
        String callId = id();

        bus.routeRequest(callId, department);
        VonageStub.Create leg1 = awaitLeg(callId, 1);
        assertEquals(first[1], leg1.body().at("/to/0/number").asText(), "longest idle agent first");

        bus.agentEvent(callId, leg1.legId(), first[0], CallStatus.RINGING, null);
        bus.agentEvent(callId, leg1.legId(), first[0], CallStatus.UNANSWERED, Map.of("detail", "unavailable"));

        VonageStub.Create leg2 = awaitLeg(callId, 2);
        assertEquals(second[1], leg2.body().at("/to/0/number").asText());
        assertTrue(leg2.eventUrl().contains("&agent=" + second[0] + "&sig="), leg2.eventUrl());
        List<DirectoryStub.Request> claims = DirectoryStub.requests("POST", "/assignments").stream()
                .filter(r -> r.path().equals("/assignments") && r.body().path("callId").asText().equals(callId)).toList();
        JsonNode lastClaim = claims.get(claims.size() - 1).body();
        assertEquals(first[0], lastClaim.at("/excludeAgentIds/0").asText(), "the first agent is excluded");
        assertEquals("IDLE", DirectoryStub.agentState(first[0]));
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
        assertEquals("NO_ANSWER",
                DirectoryStub.requests("POST", "/assignments/" + callId + "/release").get(0).body().path("outcome").asText());

        bus.agentEvent(callId, leg2.legId(), second[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, NO_ANSWER, RINGING, ANSWERED);
        assertEquals(2, bus.last(callId, ANSWERED).orElseThrow().attempt());
        assertEquals(second[0], bus.last(callId, ANSWERED).orElseThrow().agentId());
        assertTrue(VonageStub.violations().isEmpty(), VonageStub.violations().toString());
    }

    @Test
    void exhaustedAttemptsSendTheCallerToTheOverflow() {
        String department = department(60, 2);
        String[] first = phoneAgent(department);
        String[] second = phoneAgent(department);
        phoneAgent(department); // a third agent exists but max attempts is 2
        String callId = id();

        bus.routeRequest(callId, department);
        VonageStub.Create leg1 = awaitLeg(callId, 1);
        bus.agentEvent(callId, leg1.legId(), first[0], CallStatus.BUSY, null);
        VonageStub.Create leg2 = awaitLeg(callId, 2);
        bus.agentEvent(callId, leg2.legId(), second[0], CallStatus.REJECTED, Map.of("detail", "declined"));

        awaitOutcomes(callId, RINGING, NO_ANSWER, RINGING, NO_ANSWER, NO_AGENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> !VonageStub.modifiesOf(callId).isEmpty());
        JsonNode transfer = VonageStub.modifiesOf(callId).get(0).body();
        assertEquals("transfer", transfer.path("action").asText());
        assertEquals("talk", transfer.at("/destination/ncco/0/action").asText());
        assertTrue(transfer.at("/destination/ncco/0/text").asText().contains("sorry"));
        assertEquals(2, VonageStub.createsFor(callId).size());
        assertEquals("IDLE", DirectoryStub.agentState(second[0]));
    }

    @Test
    void permanentRefusalOfOneAgentLegMovesToTheNextAgent() {
        String department = department(60, 3);
        String[] first = phoneAgent(department);
        String[] second = phoneAgent(department);
        VonageStub.failCreatesTo(first[1], 400, 1);
        String callId = id();

        bus.routeRequest(callId, department);

        VonageStub.Create leg = awaitLeg(callId, 1);
        assertEquals(second[1], leg.body().at("/to/0/number").asText());
        awaitOutcomes(callId, FAILED, RINGING);
        assertEquals(1, VonageStub.createsTo(first[1]).size(), "a 400 is not retried");
        await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE".equals(DirectoryStub.agentState(first[0])));
    }

    @Test
    void ringingLegWhoseEventsAreLostIsGivenUpAfterTheRingingTimeout() {
        String department = id();
        DirectoryStub.department(department, 60, 1, 3); // ringing timeout 1 s, grace 2 s in tests
        String[] first = phoneAgent(department);
        String[] second = phoneAgent(department);
        String callId = id();

        bus.routeRequest(callId, department);
        VonageStub.Create leg1 = awaitLeg(callId, 1);
        assertEquals(1, leg1.body().get("ringing_timer").asInt());
        // no event ever arrives for this leg, and Vonage, asked, says it still rings
        VonageStub.legStatus(leg1.legId(), "ringing");
        VonageStub.Create leg2 = awaitLeg(callId, 2);
        assertEquals(second[1], leg2.body().at("/to/0/number").asText());
        assertTrue(Duration.between(leg1.at(), leg2.at()).toMillis() >= 2900, "not before timeout + grace");
        assertEquals("hangup", VonageStub.modifiesOf(leg1.legId()).get(0).action());
        awaitOutcomes(callId, RINGING, NO_ANSWER, RINGING);
        // the lost event turns up late: ignored
        bus.agentEvent(callId, leg1.legId(), first[0], CallStatus.TIMEOUT, null);
        bus.agentEvent(callId, leg2.legId(), second[0], CallStatus.ANSWERED, null);
        awaitOutcomes(callId, RINGING, NO_ANSWER, RINGING, ANSWERED);
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
    }

    @Test
    void ringingLegWhoseEventsAreStuckButWhichVonageSaysIsAnsweredIsConnected() {
        String department = id();
        DirectoryStub.department(department, 60, 1, 3); // ringing timeout 1 s, grace 2 s in tests
        String[] first = phoneAgent(department);
        phoneAgent(department);
        String callId = id();

        bus.routeRequest(callId, department);
        VonageStub.Create leg = awaitLeg(callId, 1);
        // the agent answered, but the webhooks are stuck (Kafka down, the gateway holding them): only Vonage knows
        VonageStub.legStatus(leg.legId(), "answered");
        awaitOutcomes(callId, RINGING, ANSWERED);
        assertTrue(VonageStub.detailReads().contains(leg.legId()), "asked Vonage about the leg");
        assertEquals(1, VonageStub.createsFor(callId).size(), "no second agent rung");
        assertTrue(VonageStub.modifiesOf(leg.legId()).isEmpty(), "the talking agent is not hung up");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(first[0])));

        // the stuck events arrive at last: the answer changes nothing, the end finishes the call once
        bus.agentEvent(callId, leg.legId(), first[0], CallStatus.ANSWERED, null);
        bus.agentEvent(callId, leg.legId(), first[0], CallStatus.COMPLETED, java.util.Map.of("duration", "30"));
        awaitOutcomes(callId, RINGING, ANSWERED, COMPLETED);
        assertEquals(1, DirectoryStub.requests("POST", "/assignments/" + callId + "/release").size());
    }
}
