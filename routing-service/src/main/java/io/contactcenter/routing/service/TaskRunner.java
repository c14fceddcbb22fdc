package io.contactcenter.routing.service;

import io.contactcenter.routing.client.DirectoryClient;
import io.contactcenter.routing.client.DirectoryException;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs due tasks (directory and Vonage requests), one per transaction with the task row locked: done → deleted,
 * an answer proving the thing gone (404; the directory's 409 for a settled assignment) → logged and deleted, any
 * other failure → rescheduled with back-off. A call's tasks run in
 * the order they were written.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);

    private final TaskRepository tasks;
    private final RoutedCallRepository calls;
    private final DirectoryClient directory;
    private final VonageCalls vonage;
    private final Backoff backoff;
    private final RoutingConfig config;

    public TaskRunner(TaskRepository tasks, RoutedCallRepository calls, DirectoryClient directory,
            VonageCalls vonage, Backoff backoff, RoutingConfig config) {
        this.tasks = tasks;
        this.calls = calls;
        this.directory = directory;
        this.vonage = vonage;
        this.backoff = backoff;
        this.config = config;
    }

    /** Runs due tasks until none is left or the batch is used up; returns how many ran. */
    public int runOnce() {
        int ran = 0;
        while (ran < config.queue().batchSize() && QuarkusTransaction.requiringNew().call(this::runNext)) {
            ran++;
        }
        return ran;
    }

    boolean runNext() {
        Optional<Task> found = tasks.lockNextDue(Instant.now());
        if (found.isEmpty()) {
            return false;
        }
        Task task = found.get();
        try {
            execute(task);
            tasks.delete(task);
        } catch (DirectoryException e) {
            if (e.provesGone()) {
                LOG.warnf("Directory answered %d to %s of agent %s for call %s (gone or settled); dropping it",
                        e.status(), task.kind, task.agentId, task.callId);
                tasks.delete(task);
            } else {
                // a stuck agent costs more than a retry: only an answer proving the assignment gone drops the task
                reschedule(task, e);
            }
        } catch (VonageFailure e) {
            if (e.status() == 404) {
                tasks.delete(task); // the leg is gone already
            } else if (e.retryable()) {
                reschedule(task, e);
            } else {
                LOG.warnf("Vonage refused %s for call %s (%d); dropping it", task.kind, task.callId, e.status());
                tasks.delete(task);
            }
        }
        return true;
    }

    private void execute(Task task) {
        switch (task.kind) {
            case MARK_ANSWERED -> directory.answered(task.callId, task.agentId);
            case RELEASE_AGENT -> directory.release(task.callId, task.agentId, task.outcome);
            case HANGUP_LEG -> vonage.hangUp(regionOf(task.callId), task.legId);
            case TRANSFER_OVERFLOW -> vonage.transferToOverflow(regionOf(task.callId), task.callId);
        }
    }

    private String regionOf(String callId) {
        RoutedCall call = calls.findById(callId);
        return call == null ? null : call.regionUrl;
    }

    private void reschedule(Task task, RuntimeException e) {
        task.tries++;
        task.dueAt = backoff.next(task.tries);
        String message = String.valueOf(e.getMessage());
        task.lastError = message.length() > 500 ? message.substring(0, 500) : message;
        LOG.infof("%s for call %s failed (%s); retry %d at %s", task.kind, task.callId, message, task.tries,
                task.dueAt);
    }
}
