package io.contactcenter.routing;

import static org.junit.jupiter.api.Assertions.*;

import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Repository queries with rules of their own: whether a call still has a task of a kind to run (the claim waits for
 * the previous agent's release on it); which waiting call is overdue for the overflow sweep.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class TaskRepositoryTest {

    @Inject
    TaskRepository tasks;

    @Inject
    RoutedCallRepository calls;

    @Test
    void aPendingTaskIsFoundOnlyForItsCallAndKind() {
        String call = Scenario.id();
        String otherCall = Scenario.id();
        // rolled back: the task runner never sees these tasks
        QuarkusTransaction.begin();
        try {
            assertFalse(tasks.hasPending(call, Task.Kind.RELEASE_AGENT));
            tasks.persist(Task.of(call, Task.Kind.RELEASE_AGENT, "agent-1", "leg-1", "NO_ANSWER"));
            assertTrue(tasks.hasPending(call, Task.Kind.RELEASE_AGENT));
            assertFalse(tasks.hasPending(call, Task.Kind.HANGUP_LEG));
            assertFalse(tasks.hasPending(otherCall, Task.Kind.RELEASE_AGENT));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aCallerInTheCallbackDialogueIsOverdueOnlyWhenTheDialogueIsOver() {
        Instant queued = Instant.parse("2000-01-01T00:00:00Z"); // before any other test's call: the sweep's oldest
        Duration dialogue = Duration.ofSeconds(45);
        QuarkusTransaction.begin();
        try {
            RoutedCall offered = waiting(queued, queued.plusSeconds(50));
            calls.persist(offered);
            calls.flush();
            Instant afterMaxWait = queued.plusSeconds(61);
            assertTrue(calls.lockOverdue(afterMaxWait, 120, dialogue).isEmpty(),
                    "offered 11 s before its max wait: still in the dialogue");
            assertEquals(offered.callId, calls.lockOverdue(queued.plusSeconds(96), 120, dialogue).orElseThrow().callId);

            RoutedCall notOffered = waiting(queued.minusSeconds(1), null);
            calls.persist(notOffered);
            calls.flush();
            assertEquals(notOffered.callId, calls.lockOverdue(afterMaxWait, 120, dialogue).orElseThrow().callId);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static RoutedCall waiting(Instant queuedAt, Instant callbackOfferedAt) {
        RoutedCall call = new RoutedCall();
        call.callId = Scenario.id();
        call.departmentId = Scenario.id();
        call.callerNumber = "447700900123";
        call.state = RoutedCall.State.WAITING;
        call.queuedAt = queuedAt;
        call.nextTryAt = queuedAt;
        call.maxWaitSeconds = 60;
        call.callbackOfferedAt = callbackOfferedAt;
        call.updatedAt = queuedAt;
        return call;
    }
}
