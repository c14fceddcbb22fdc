package io.contactcenter.routing;

import static io.contactcenter.events.AssignmentOutcome.ANSWERED;
import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.Scenario.awaitAssignmentState;
import static io.contactcenter.routing.Scenario.awaitLeg;
import static io.contactcenter.routing.Scenario.awaitOutcomes;
import static io.contactcenter.routing.Scenario.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * With the idle poll interval (and the reclaim interval of a waiting call) at an hour, a whole call still goes through:
 * the queue, the tasks and the outbox run because the work committed for them wakes them, not because a timer comes
 * round; a call waiting for an agent is dispatched when the directory reports one free ({@code agent-activity}).
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
            return Map.of("routing.queue.poll-interval", "1h", "routing.queue.reclaim-interval", "1h");
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

    @Test
    void aWaitingCallIsDispatchedWhenTheDirectoryReportsAnAgentFree() {
        String department = id();
        String otherDepartment = id();
        DirectoryStub.department(department, 3600, 20, 3);
        DirectoryStub.department(otherDepartment, 3600, 20, 3);
        String callId = id();

        RouteRequest request = bus.routeRequest(callId, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> claimsFor(callId) == 1); // nobody free: it waits
        String agent = id();
        DirectoryStub.agent(agent, department, "phone", "447700900077"); // free now, but routing was not told

        awaitAgentActivityAssigned();
        // news that changes nothing for the call: an agent going away, an agent free in another department
        bus.agentActivity(agent, List.of(department), "AWAY", "IDLE");
        bus.agentActivity(id(), List.of(otherDepartment), "AVAILABLE", "IDLE");
        bus.agentActivity(agent, List.of(department), "AVAILABLE", "IDLE");

        VonageStub.Create leg = awaitLeg(callId, 1);
        assertEquals("447700900077", leg.body().at("/to/0/number").asText());
        awaitOutcomes(callId, RINGING);
        assertEquals(2, claimsFor(callId), "asked again once, after the agent was reported free");
        assertTrue(DirectoryStub.violations().isEmpty(), DirectoryStub.violations().toString());
        // the screen pop: who calls, since when, which attempt
        JsonNode claim = DirectoryStub.claims(callId).get(1).body();
        assertEquals("447700900123", claim.path("callerNumber").asText());
        assertEquals(request.requestedAt().truncatedTo(ChronoUnit.MILLIS),
                Instant.parse(claim.path("waitingSince").asText()).truncatedTo(ChronoUnit.MILLIS));
        assertEquals(1, claim.path("attempt").asInt());
    }

    @Test
    void aWaitingCallIsOfferedTheAgentAReleaseFreedWithoutWaitingForTheDirectorysNews() {
        String department = id();
        DirectoryStub.department(department, 3600, 20, 3);
        String agent = id();
        DirectoryStub.agent(agent, department, "phone", "447700900078");
        String first = id();
        bus.routeRequest(first, department);
        String firstLeg = awaitLeg(first, 1).legId();
        bus.agentEvent(first, firstLeg, agent, CallStatus.ANSWERED, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ON_CALL".equals(DirectoryStub.agentState(agent)));
        String second = id();
        bus.routeRequest(second, department);
        await().atMost(Duration.ofSeconds(20)).until(() -> claimsFor(second) == 1); // the only agent is busy: it waits

        // no agent-activity record is sent: the directory's answer to the release (the agent free, no wrap-up) is news
        bus.agentEvent(first, firstLeg, agent, CallStatus.COMPLETED, Map.of("duration", "30"));

        VonageStub.Create leg = awaitLeg(second, 1);
        assertEquals("447700900078", leg.body().at("/to/0/number").asText());
        assertEquals(2, claimsFor(second), "asked again once, after the release freed the agent");
        assertTrue(DirectoryStub.violations().isEmpty(), DirectoryStub.violations().toString());
    }

    /**
     * A call whose agent did not answer goes to the next agent once that release is settled (the claim waits for it),
     * although the release freed nobody (the agent wraps up), so no agent-free news wakes the queue.
     */
    @Test
    void aCallWhoseAgentDidNotAnswerGoesToTheNextAgentOnceTheReleaseIsSettled() {
        String department = id();
        DirectoryStub.department(department, 3600, 20, 3);
        String first = id();
        DirectoryStub.agent(first, department, "phone", "447700900081");
        DirectoryStub.wrapsUpAfterRelease(first);
        String callId = id();
        bus.routeRequest(callId, department);
        String firstLeg = awaitLeg(callId, 1).legId();
        DirectoryStub.agent(id(), department, "phone", "447700900082"); // free now: routing is not told

        bus.agentEvent(callId, firstLeg, first, CallStatus.UNANSWERED, null);

        VonageStub.Create next = awaitLeg(callId, 2);
        assertEquals("447700900082", next.body().at("/to/0/number").asText());
        assertTrue(DirectoryStub.violations().isEmpty(), DirectoryStub.violations().toString());
    }

    /** Until routing's group reads every partition of agent-activity (the topic may be younger than the consumer). */
    private static void awaitAgentActivityAssigned() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                int partitions = admin.describeTopics(List.of(Topics.AGENT_ACTIVITY)).allTopicNames().get()
                        .get(Topics.AGENT_ACTIVITY).partitions().size();
                long assigned = admin.describeConsumerGroups(List.of("routing-service")).all().get()
                        .get("routing-service").members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(p -> p.topic().equals(Topics.AGENT_ACTIVITY)).count();
                return assigned == partitions;
            });
        }
    }

    private static long claimsFor(String callId) {
        return DirectoryStub.claims(callId).size();
    }
}
