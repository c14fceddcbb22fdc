package io.contactcenter.routing.service;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.routing.client.DirectoryClient;
import io.contactcenter.routing.client.DirectoryException;
import io.contactcenter.routing.client.DirectoryModel;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Serves the waiting queue from the database, one call per transaction with the call's row locked
 * ({@code FOR UPDATE SKIP LOCKED}, so any number of replicas can run it): overflow of calls past their max
 * wait, then the heads of the department queues (claim an agent, create the agent leg; see
 * {@link RoutedCallRepository#lockDueQueueHead}), then retries of agent legs Vonage did not create yet, stale
 * ringing and long connected calls. Only the queue heads are served on every pass; the rest once per poll interval.
 */
@ApplicationScoped
public class QueueWorker {

    private static final Logger LOG = Logger.getLogger(QueueWorker.class);

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;
    private final DirectoryClient directory;
    private final VonageCalls vonage;
    private final Assignments assignments;
    private final Backoff backoff;
    private final RoutingConfig config;
    private final MeterRegistry metrics;
    private final CallEventService callEvents;
    private final AtomicReference<Instant> nextSweepAt = new AtomicReference<>(Instant.MIN);

    public QueueWorker(RoutedCallRepository calls, AttemptRepository attempts, TaskRepository tasks,
            DirectoryClient directory, VonageCalls vonage, Assignments assignments, Backoff backoff,
            RoutingConfig config, MeterRegistry metrics, CallEventService callEvents) {
        this.callEvents = callEvents;
        this.calls = calls;
        this.attempts = attempts;
        this.tasks = tasks;
        this.directory = directory;
        this.vonage = vonage;
        this.assignments = assignments;
        this.backoff = backoff;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Runs due work until none is left or the batch is used up; returns how many steps it made. {@code claimed}
     * runs after each committed claim, before that agent's leg is created (slow: a Voice API request), so that
     * another worker can serve the department's next call meanwhile.
     */
    public int runOnce(Runnable claimed) {
        int batch = config.queue().batchSize();
        int budget = batch;
        boolean sweep = sweepDue();
        while (sweep && budget > 0 && inNewTransaction(this::overflowOne)) {
            budget--;
        }
        while (budget > 0) {
            Optional<String> claim = QuarkusTransaction.requiringNew().call(this::serveQueueHead);
            if (claim == null) {
                break;
            }
            budget--;
            if (claim.isPresent()) {
                claimed.run();
                inNewTransaction(() -> createClaimedLeg(claim.get()));
            }
        }
        while (sweep && budget > 0 && inNewTransaction(this::retryAgentLeg)) {
            budget--;
        }
        while (sweep && budget > 0 && inNewTransaction(this::giveUpStaleRinging)) {
            budget--;
        }
        while (sweep && budget > 0 && inNewTransaction(this::checkLongConnected)) {
            budget--;
        }
        if (sweep && budget == 0) {
            nextSweepAt.set(Instant.MIN); // more may be due: the next pass sweeps again
        }
        return batch - budget;
    }

    /**
     * Whether this pass runs the sweeps for work that becomes due with time (overflow, leg retries, stale ringing,
     * connected checks): at most once per {@code poll-interval} in this process. The passes in between are woken
     * by new work (a route request, a released agent), which only the queue heads can serve; sweeping on each of
     * them cost four queries per pass.
     */
    private boolean sweepDue() {
        Instant now = Instant.now();
        Instant due = nextSweepAt.get();
        return !now.isBefore(due) && nextSweepAt.compareAndSet(due, now.plus(config.queue().pollInterval()));
    }

    /**
     * A call connected for longer than {@code routing.queue.connected-check-after}: asks Vonage (the call's region)
     * whether the agent leg still lives. Ended → finished as if its {@code completed} had arrived (it was lost);
     * alive → asked again after the same period; Vonage unreachable → retried with back-off.
     */
    boolean checkLongConnected() {
        Optional<RoutedCall> found = calls.lockDueConnectedCheck(Instant.now());
        if (found.isEmpty()) {
            return false;
        }
        RoutedCall call = found.get();
        call.updatedAt = Instant.now();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (attempt == null || attempt.agentLegId == null) {
            call.nextTryAt = Instant.now().plus(config.queue().connectedCheckAfter());
            return true;
        }
        boolean ended;
        try {
            ended = vonage.legEnded(call.regionUrl, attempt.agentLegId);
        } catch (VonageFailure e) {
            retryLater(call, "getCallDetails", e);
            return true;
        }
        call.tryCount = 0;
        if (ended) {
            callEvents.agentLegEndedUnseen(call, attempt);
        } else {
            call.nextTryAt = Instant.now().plus(config.queue().connectedCheckAfter());
        }
        return true;
    }

    private static boolean inNewTransaction(Supplier<Boolean> step) {
        return QuarkusTransaction.requiringNew().call(step::get);
    }

    boolean overflowOne() {
        Optional<RoutedCall> found = calls.lockOverdue(Instant.now(), config.queue().defaultMaxWaitSeconds());
        found.ifPresent(this::overflow);
        return found.isPresent();
    }

    /**
     * Serves a due head of a department queue (one of its {@code claim-window} oldest calls). Returns null when
     * there was none, else the call id when an agent was claimed for it: the claim (attempt row, state CALLING) is
     * committed before the agent leg is created in a second transaction, so a crash in between leaves a CLAIMED
     * attempt whose leg, if Vonage created it, is adopted from its events; the creation is retried only after
     * {@code routing.queue.leg-creation-lease}.
     */
    Optional<String> serveQueueHead() {
        Optional<RoutedCall> found = calls.lockDueQueueHead(Instant.now(), config.queue().claimWindow());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        call.updatedAt = Instant.now();
        if (!call.settingsKnown() && !loadSettings(call)) {
            return Optional.empty();
        }
        if (call.attempts >= call.maxAttempts || Instant.now().isAfter(deadline(call))) {
            overflow(call);
            return Optional.empty();
        }
        if (tasks.hasPending(call.callId, Task.Kind.RELEASE_AGENT)) {
            // the previous agent must be released before the directory is asked again
            call.nextTryAt = Instant.now().plus(config.queue().pollInterval());
            return Optional.empty();
        }
        List<String> tried = attempts.agentsTried(call.callId);
        DirectoryModel.Claim claim;
        try {
            claim = directory.claim(call.callId, call.departmentId, tried);
        } catch (DirectoryException e) {
            retryLater(call, "claim", e);
            return Optional.empty();
        }
        if (!claim.assigned() || claim.agent() == null) {
            call.tryCount = 0;
            call.missedAgentAt = Instant.now();
            Instant next = Instant.now().plus(config.queue().reclaimInterval());
            call.nextTryAt = next.isAfter(deadline(call)) ? deadline(call) : next;
            return Optional.empty();
        }
        DirectoryModel.Agent agent = claim.agent();
        if (tried.contains(agent.id()) || agent.endpoint() == null) {
            LOG.warnf("Directory offered agent %s again (or without endpoint) for call %s; releasing it", agent.id(),
                    call.callId);
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, agent.id(), null, "CANCELLED"));
            call.nextTryAt = Instant.now().plus(config.queue().reclaimInterval());
            return Optional.empty();
        }
        Attempt attempt = new Attempt();
        attempt.callId = call.callId;
        attempt.attemptNo = call.attempts + 1;
        attempt.agentId = agent.id();
        attempt.endpointType = agent.endpoint().type();
        attempt.endpointValue = agent.endpoint().value();
        attempt.state = Attempt.State.CLAIMED;
        attempt.createdAt = Instant.now();
        attempts.persist(attempt);
        attempts.flush();
        call.attempts = attempt.attemptNo;
        call.currentAttemptId = attempt.id;
        call.state = RoutedCall.State.CALLING;
        call.missedAgentAt = null;
        call.tryCount = 0;
        metrics.counter("routing.attempts").increment();
        call.nextTryAt = Instant.now().plus(config.queue().legCreationLease());
        return Optional.of(call.callId);
    }

    boolean createClaimedLeg(String callId) {
        Optional<RoutedCall> found = calls.lock(callId);
        if (found.isEmpty() || found.get().state != RoutedCall.State.CALLING) {
            return false; // the caller left meanwhile
        }
        RoutedCall call = found.get();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (attempt == null || attempt.state != Attempt.State.CLAIMED || attempt.agentLegId != null) {
            return false;
        }
        call.updatedAt = Instant.now();
        createLeg(call, attempt);
        return true;
    }

    boolean retryAgentLeg() {
        Optional<RoutedCall> found = calls.lockDueCalling(Instant.now());
        if (found.isEmpty()) {
            return false;
        }
        RoutedCall call = found.get();
        call.updatedAt = Instant.now();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (attempt == null || attempt.state != Attempt.State.CLAIMED || attempt.agentLegId != null) {
            call.state = RoutedCall.State.WAITING; // inconsistent; let the queue sort it out
            call.nextTryAt = Instant.now();
            return true;
        }
        createLeg(call, attempt);
        return true;
    }

    boolean giveUpStaleRinging() {
        Optional<RoutedCall> found = calls.lockStaleRinging(Instant.now());
        if (found.isEmpty()) {
            return false;
        }
        RoutedCall call = found.get();
        call.updatedAt = Instant.now();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (call.callerGone) {
            // the leg hung up when the caller left never reported its end: nothing says anybody talked
            LOG.warnf("Agent leg %s of call %s sent no final event after its caller left; abandoned",
                    attempt == null ? null : attempt.agentLegId, call.callId);
            callEvents.settleRingingAfterCallerLeft(call, attempt, null);
            return true;
        }
        if (attempt != null && attempt.state.isLive()) {
            LOG.warnf("Agent leg %s of call %s rang past its timeout without a final event; giving up on agent %s",
                    attempt.agentLegId, call.callId, attempt.agentId);
            attempt.state = Attempt.State.NO_ANSWER;
            attempt.endedAt = Instant.now();
            tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, attempt.agentId, attempt.agentLegId, null));
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, attempt.agentId, attempt.agentLegId,
                    "NO_ANSWER"));
            assignments.publish(call, attempt, AssignmentOutcome.NO_ANSWER);
            metrics.counter("routing.no.answers").increment();
        }
        call.state = RoutedCall.State.WAITING;
        call.currentAttemptId = null;
        call.tryCount = 0;
        call.nextTryAt = Instant.now();
        return true;
    }

    private void createLeg(RoutedCall call, Attempt attempt) {
        try {
            attempt.agentLegId = vonage.createAgentLeg(call.regionUrl, call.callId, attempt.agentId,
                    attempt.endpointType, attempt.endpointValue, call.ringingTimeout);
        } catch (VonageFailure e) {
            if (e.retryable()) {
                retryLater(call, "createCall", e);
                return;
            }
            LOG.warnf("Vonage refused the leg to agent %s for call %s (%d); trying the next agent", attempt.agentId,
                    call.callId, e.status());
            attempt.state = Attempt.State.FAILED;
            attempt.endedAt = Instant.now();
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, attempt.agentId, null, "NO_ANSWER"));
            assignments.publish(call, attempt, AssignmentOutcome.FAILED);
            call.state = RoutedCall.State.WAITING;
            call.currentAttemptId = null;
            call.tryCount = 0;
            call.nextTryAt = Instant.now();
            return;
        }
        attempt.state = Attempt.State.RINGING;
        call.state = RoutedCall.State.RINGING;
        call.tryCount = 0;
        call.nextTryAt = ringingDeadline(call);
        assignments.publish(call, attempt, AssignmentOutcome.RINGING);
        LOG.infof("Calling agent %s for call %s (attempt %d, leg %s)", attempt.agentId, call.callId,
                attempt.attemptNo, attempt.agentLegId);
    }

    private boolean loadSettings(RoutedCall call) {
        try {
            DirectoryModel.Department department = directory.department(call.departmentId);
            call.maxAttempts = positive(department.maxAttempts(), 3);
            call.maxWaitSeconds = positive(department.maxWaitSeconds(), config.queue().defaultMaxWaitSeconds());
            call.ringingTimeout = positive(department.ringingTimeoutSeconds(), 20);
            return true;
        } catch (DirectoryException e) {
            if (e.status() == 404) {
                LOG.warnf("Department %s of call %s is unknown; sending the caller to the overflow", call.departmentId,
                        call.callId);
                overflow(call);
                return false;
            }
            retryLater(call, "department", e);
            return false;
        }
    }

    private void overflow(RoutedCall call) {
        call.state = RoutedCall.State.OVERFLOW;
        call.outcome = AssignmentOutcome.NO_AGENT.name();
        call.currentAttemptId = null;
        call.updatedAt = Instant.now();
        tasks.add(Task.of(call.callId, Task.Kind.TRANSFER_OVERFLOW, null, call.callId, null));
        assignments.publish(call, null, AssignmentOutcome.NO_AGENT);
        LOG.infof("No agent for call %s (department %s, %d attempts): overflow", call.callId, call.departmentId,
                call.attempts);
    }

    private void retryLater(RoutedCall call, String what, RuntimeException e) {
        call.tryCount++;
        call.nextTryAt = backoff.next(call.tryCount);
        LOG.infof("%s for call %s failed (%s); retry %d at %s", what, call.callId, e.getMessage(), call.tryCount,
                call.nextTryAt);
    }

    private Instant ringingDeadline(RoutedCall call) {
        return Instant.now().plusSeconds(call.ringingTimeout).plus(config.queue().ringingGrace());
    }

    private Instant deadline(RoutedCall call) {
        int maxWait = call.maxWaitSeconds != null ? call.maxWaitSeconds : config.queue().defaultMaxWaitSeconds();
        return call.queuedAt.plusSeconds(maxWait);
    }

    private static int positive(Integer value, int fallback) {
        return value != null && value > 0 ? value : fallback;
    }
}
