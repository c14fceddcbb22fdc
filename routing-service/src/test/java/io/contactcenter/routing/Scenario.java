package io.contactcenter.routing;

import static org.awaitility.Awaitility.await;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

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

    /**
     * Waits until routing has handled {@code event} and all it caused can be seen: the event is among the processed
     * ones, no task or outbox record of its call is left (a task is deleted once done, a record once Kafka has it),
     * and the bus has collected every published assignment. An assertion that nothing else happened, made after
     * this, cannot pass on work that was merely late.
     */
    static void awaitSettled(DataSource dataSource, CallEvent event) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                Db.count(dataSource, "select count(*) from routing.processed_event where event_id = ?",
                        "event:" + event.eventId()) == 1
                && Db.count(dataSource, "select count(*) from (select call_id from routing.task union all"
                        + " select call_id from routing.outbox) work where call_id = ?", event.callId()) == 0
                && Bus.get().collectedEverythingPublished());
    }

    static VonageStub.Create awaitLeg(String callId, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> VonageStub.createsFor(callId).size() >= count);
        return VonageStub.createsFor(callId).get(count - 1);
    }
}
