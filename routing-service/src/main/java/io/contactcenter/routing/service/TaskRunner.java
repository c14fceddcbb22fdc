package io.contactcenter.routing.service;

import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryException;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs due tasks (directory and Vonage requests) in the order they were written per call. A task is leased under its
 * row lock ({@code routing.queue.leg-creation-lease}: a crash makes it run again after that), the request is made
 * outside any transaction, then the outcome is written: done → deleted, an answer proving the thing gone (404; the
 * directory's 409 for a settled assignment) → logged and deleted, any other failure → rescheduled with back-off.
 */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);
    /** The gateway's built-in hold music (its AudioResource), every department's default. */
    static final String HOLD_MUSIC_PATH = "/audio/hold.wav";

    private final TaskRepository tasks;
    private final RoutedCallRepository calls;
    private final DirectoryClient directory;
    private final VonageCalls vonage;
    private final Backoff backoff;
    private final RoutingConfig config;
    private final Monitors monitors;
    private final CallTransitions transitions;

    public TaskRunner(TaskRepository tasks, RoutedCallRepository calls, DirectoryClient directory,
            VonageCalls vonage, Backoff backoff, RoutingConfig config, Monitors monitors,
            CallTransitions transitions) {
        this.monitors = monitors;
        this.transitions = transitions;
        this.tasks = tasks;
        this.calls = calls;
        this.directory = directory;
        this.vonage = vonage;
        this.backoff = backoff;
        this.config = config;
    }

    /**
     * A leased task: what its request needs, read under the task's lock ({@code move}: a monitor's leg's destination
     * now, null when the monitor ended).
     */
    private record Leased(long id, Task.Kind kind, String callId, String agentId, String legId, String outcome,
            String ref, String regionUrl, String departmentId, Monitors.Move move) {
    }

    /** Runs due tasks until none is left or the batch is used up; answers whether more may be due. */
    public boolean runOnce() {
        int ran = 0;
        while (ran < config.queue().batchSize() && runNext()) {
            ran++;
        }
        return ran == config.queue().batchSize();
    }

    boolean runNext() {
        Leased task = QuarkusTransaction.requiringNew().call(this::leaseNext);
        if (task == null) {
            return false;
        }
        RuntimeException failure = null;
        List<String> agentFreeIn = List.of();
        try {
            agentFreeIn = execute(task);
        } catch (RuntimeException e) { // the client's translated failures, and fault tolerance's timeouts
            failure = e;
        }
        RuntimeException outcome = failure;
        List<String> freed = agentFreeIn;
        QuarkusTransaction.requiringNew().run(() -> {
            settle(task, outcome);
            if (!freed.isEmpty()) {
                // the release freed the agent (no wrap-up): offer it the next waiting call now, not when the
                // directory's agent-activity record comes round through its outbox and Kafka
                transitions.agentFreed(freed);
            } else if (task.kind() == Task.Kind.RELEASE_AGENT) {
                transitions.releaseSettled();
            }
        });
        return true;
    }

    private Leased leaseNext() {
        Task task;
        RoutedCall call;
        while (true) {
            Optional<Task> found = tasks.lockNextDue(Instant.now());
            if (found.isEmpty()) {
                return null;
            }
            task = found.get();
            call = task.kind.isVonageRequest() ? calls.findById(task.callId) : null;
            if (!movesCallerTooLate(task, call)) {
                break;
            }
            LOG.infof("%s for call %s dropped: the call moved on (%s) while it waited", task.kind, task.callId,
                    call == null ? "gone" : call.state + (call.callerGone ? ", caller gone" : ""));
            tasks.delete(task);
        }
        task.dueAt = Instant.now().plus(config.queue().legCreationLease());
        return new Leased(task.id, task.kind, task.callId, task.agentId, task.legId, task.outcome, task.ref,
                call == null ? null : call.regionUrl, call == null ? null : call.departmentId,
                task.kind == Task.Kind.MOVE_MONITOR ? monitors.currentMove(task.ref) : null);
    }

    /**
     * Whether the task would move the caller's leg where the call no longer is: a task retried through a Vonage outage
     * can come due after the agent ended the call, and bringing the caller back into the ended conversation (or to the
     * hold music) would take them from the survey and strand them. Into the conversation (or its recording) only while
     * the call is connected, to the hold music only while routing still has the call.
     */
    static boolean movesCallerTooLate(Task task, RoutedCall call) {
        boolean intoConversation = task.kind == Task.Kind.CONNECT_CALLER || task.kind == Task.Kind.RECORD_CALLER;
        if (!intoConversation && task.kind != Task.Kind.HOLD_CALLER) {
            return false;
        }
        if (call == null || call.callerGone || !call.isActive()) {
            return true;
        }
        return intoConversation && (call.state != RoutedCall.State.CONNECTED
                || task.kind == Task.Kind.CONNECT_CALLER && call.onHold);
    }

    /** Makes the task's request; returns the departments a released agent is free for (empty for other tasks). */
    private List<String> execute(Leased task) {
        List<String> agentFreeIn = null;
        switch (task.kind()) {
            case MARK_ANSWERED -> directory.answered(task.callId(), task.agentId());
            case RELEASE_AGENT -> agentFreeIn = directory.release(task.callId(), task.agentId(), task.outcome())
                    .agentFreeIn();
            case HANGUP_LEG -> vonage.hangUp(task.regionUrl(), task.legId());
            case TRANSFER_OVERFLOW -> vonage.transferToOverflow(task.regionUrl(), task.callId());
            case HOLD_CALLER -> vonage.holdCaller(task.regionUrl(), task.callId(), holdMusic(task.departmentId()));
            case CONNECT_CALLER -> vonage.connectCaller(task.regionUrl(), task.callId());
            case RECORD_CALLER -> vonage.recordCaller(task.regionUrl(), task.callId(), task.legId());
            case CONNECT_NUMBER -> vonage.connectCallerTo(task.regionUrl(), task.callId(), task.ref());
            case CLOSE_FAILED_NUMBER -> vonage.closeFailedNumber(task.regionUrl(), task.callId());
            case MOVE_MONITOR -> {
                if (task.move() != null) {
                    vonage.switchMonitor(task.regionUrl(), task.legId(), task.callId(), task.move().mode(),
                            task.move().agentLegId());
                }
            }
        }
        return agentFreeIn == null ? List.of() : agentFreeIn;
    }

    /** The department's own hold music, else the gateway's built-in track (as the gateway's waiting NCCO plays). */
    private String holdMusic(String departmentId) {
        String own = departmentId == null ? null : directory.department(departmentId).musicOnHoldUrl();
        return own == null || own.isBlank() ? config.gatewayPublicUrl().replaceAll("/+$", "") + HOLD_MUSIC_PATH : own;
    }

    private void settle(Leased leased, RuntimeException failure) {
        Task task = tasks.findById(leased.id(), LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            return;
        }
        if (failure == null) {
            tasks.delete(task);
        } else if (failure instanceof DirectoryException e) {
            if (e.provesGone()) {
                LOG.warnf("Directory answered %d to %s of agent %s for call %s (gone or settled); dropping it",
                        e.status(), task.kind, task.agentId, task.callId);
                tasks.delete(task);
            } else {
                // a stuck agent costs more than a retry: only an answer proving the assignment gone drops the task
                reschedule(task, e);
            }
        } else if (failure instanceof VonageFailure e) {
            if (e.status() == 404) {
                tasks.delete(task); // the leg is gone already
            } else if (e.retryable()) {
                reschedule(task, e);
            } else {
                LOG.warnf("Vonage refused %s for call %s (%d); dropping it", task.kind, task.callId, e.status());
                tasks.delete(task);
                if (task.kind == Task.Kind.CONNECT_NUMBER) {
                    // the call is over for routing and its agent gone: the caller must not stay alone in its conversation
                    tasks.add(Task.of(task.callId, Task.Kind.CLOSE_FAILED_NUMBER, null, task.callId, null));
                }
            }
        } else {
            reschedule(task, failure);
        }
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
