package io.contactcenter.routing;

import static org.junit.jupiter.api.Assertions.*;

import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Whether a call still has a task of a kind to run: the claim waits for the previous agent's release on it. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@WithTestResource(DirectoryStub.class)
@WithTestResource(VonageStub.class)
class TaskRepositoryTest {

    @Inject
    TaskRepository tasks;

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
}
