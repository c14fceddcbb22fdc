package io.contactcenter.routing;

import static org.awaitility.Awaitility.await;

import io.contactcenter.events.AssignmentOutcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Small helpers shared by the component tests: a fresh department with its agents, waiting for outcomes. */
final class Scenario {

    private Scenario() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A new department (own queue, own agents) so tests never share agents. */
    static String department(int maxWaitSeconds, int maxAttempts) {
        String id = id();
        DirectoryStub.department(id, maxWaitSeconds, 20, maxAttempts);
        return id;
    }

    /** A phone agent with a unique number; returns {agentId, number}. */
    static String[] phoneAgent(String department) {
        String agent = id();
        String number = "4477" + String.format("%08d", Math.abs(agent.hashCode()) % 100_000_000);
        DirectoryStub.agent(agent, department, "phone", number);
        return new String[] {agent, number};
    }

    static void awaitOutcomes(String callId, AssignmentOutcome... expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Bus.get().outcomes(callId).equals(List.of(expected)));
    }

    /** Waits until the directory's assignment of the call is in {@code state}, e.g. "RELEASED/COMPLETED". */
    static void awaitAssignmentState(String callId, String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> DirectoryStub.assignmentState(callId).orElse("").equals(state));
    }

    static VonageStub.Create awaitLeg(String callId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> VonageStub.createsFor(callId).size() >= count);
        return VonageStub.createsFor(callId).get(count - 1);
    }
}
