package io.contactcenter.routing.service;

import io.contactcenter.events.CallStatus;
import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryException;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.routing.messaging.CallEventsProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Serves the waiting queue from the database: overflow of calls past their max wait, then the heads of the
 * department queues (claim an agent, create the agent leg; see {@link RoutedCallRepository#lockDueQueueHead}), then
 * retries of agent legs Vonage did not create yet, stale ringing and long connected calls. Only the queue heads are
 * served on every pass; the rest once per poll interval.
 *
 * <p>An adapter of {@link CallTransitions}: a step locks a due call ({@code FOR UPDATE SKIP LOCKED}, so any number of
 * replicas can run it) and, when it needs the directory or Vonage, leases the call and commits; the request is made
 * outside any transaction; a second transaction locks the call again and fires the transition the answer calls for.
 */
@ApplicationScoped
public class QueueWorker {

    private static final Logger LOG = Logger.getLogger(QueueWorker.class);

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;
    private final DirectoryClient directory;
    private final VonageCalls vonage;
    private final CallTransitions transitions;
    private final RoutingConfig config;
    private final WaitingCallers waitingCallers;
    private final CallbackLegs callbackLegs;
    private final CallbackTransitions callbacks;
    private final CallEventsProgress progress;
    private final AtomicReference<Instant> nextSweepAt = new AtomicReference<>(Instant.MIN);

    public QueueWorker(RoutedCallRepository calls, AttemptRepository attempts, TaskRepository tasks,
            DirectoryClient directory, VonageCalls vonage, CallTransitions transitions, RoutingConfig config,
            WaitingCallers waitingCallers, CallbackLegs callbackLegs, CallbackTransitions callbacks,
            CallEventsProgress progress) {
        this.progress = progress;
        this.calls = calls;
        this.attempts = attempts;
        this.tasks = tasks;
        this.directory = directory;
        this.vonage = vonage;
        this.transitions = transitions;
        this.config = config;
        this.waitingCallers = waitingCallers;
        this.callbackLegs = callbackLegs;
        this.callbacks = callbacks;
    }

    /**
     * A claim to make for a waiting call: what the directory needs, read under the call's lock; {@code opening}: a
     * callback for its department's opening, whose hours are read again first.
     */
    private record ClaimStart(String callId, String departmentId, boolean settingsKnown, boolean opening,
            List<String> tried, DirectoryModel.ClaimRequest request) {
    }

    /**
     * The directory's answers to a claim: the department (when its settings were unknown, or its hours to check) and
     * the claim; {@code closedUntil}: no claim made, the department is closed until then.
     */
    private record ClaimAnswer(DirectoryModel.Department department, DirectoryModel.Claim claim,
            DirectoryException failure, Instant closedUntil) {
    }

    /** An agent leg to create: what Vonage needs, read under the call's lock. */
    private record LegStart(String callId, long attemptId, String regionUrl, String agentId, String endpointType,
            String endpointValue, int ringingTimeout, Instant claimedAt) {

        static LegStart of(RoutedCall call, Attempt attempt) {
            return new LegStart(call.callId, attempt.id, call.regionUrl, attempt.agentId, attempt.endpointType,
                    attempt.endpointValue, call.ringingTimeout, attempt.createdAt);
        }
    }

    /** A connected call's agent leg to look up at Vonage. */
    private record LegCheck(String callId, long attemptId, String regionUrl, String legId) {
    }

    /**
     * Runs due work until none is left or the batch is used up; answers whether more may be due. {@code claimed}
     * runs after each committed claim, before that agent's leg is created (slow: a Voice API request), so that
     * another worker can serve the department's next call meanwhile.
     */
    public boolean runOnce(Runnable claimed) {
        int batch = config.queue().batchSize();
        int budget = batch;
        boolean sweep = sweepDue();
        // at most half the batch (at least one): overflows put off until a call's records are read come due every
        // second, and must not keep the queue heads from being served
        int overflowLimit = Math.max(1, batch / 2);
        int overflows = 0;
        while (sweep && overflows < overflowLimit && inNewTransaction(this::overflowOne)) {
            overflows++;
        }
        budget -= overflows;
        while (budget > 0) {
            Optional<LegStart> claim = serveQueueHead();
            if (claim == null) {
                break;
            }
            budget--;
            if (claim.isPresent()) {
                claimed.run();
                createLeg(claim.get());
            }
        }
        int beforeSweeps = budget;
        if (sweep && budget > 0) {
            budget -= waitingCallers.serveDue(budget);
        }
        while (sweep && budget > 0 && callbackLegs.placeDue()) {
            budget--;
        }
        while (sweep && budget > 0 && retryAgentLeg()) {
            budget--;
        }
        while (sweep && budget > 0 && checkStaleRinging()) {
            budget--;
        }
        while (sweep && budget > 0 && checkLongConnected()) {
            budget--;
        }
        boolean moreToSweep = sweep && (budget == 0 || overflows == overflowLimit);
        if (moreToSweep) {
            nextSweepAt.set(Instant.MIN); // more may be due: the next pass sweeps again
        }
        // a sweep's step can put a call back in the queue (a lost claim, a refused or stale leg): the next pass
        // serves it at once
        return budget == 0 || moreToSweep || budget < beforeSweeps;
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

    private static <T> T inNewTransaction(Callable<T> step) {
        return QuarkusTransaction.requiringNew().call(step);
    }

    boolean overflowOne() {
        Optional<RoutedCall> found = calls.lockOverdue(Instant.now(), config.queue().defaultMaxWaitSeconds(),
                config.callback().dialogueTime());
        found.ifPresent(this::overflow);
        return found.isPresent();
    }

    /**
     * Overflows the call, unless its caller was offered a callback and routing cannot tell yet that it has read every
     * record of the call ({@link CallbackTransitions#mayHaveUnreadRequest}): a request the gateway confirmed would be
     * refused once the call is over. {@link CallEventsProgress} answers from memory: nothing remote under the lock.
     */
    private void overflow(RoutedCall call) {
        if (callbacks.mayHaveUnreadRequest(call)
                && !progress.appliedBefore(call.callId, callbacks.requestsBefore(call))) {
            callbacks.overflowWhenRead(call);
        } else {
            transitions.overflow(call);
        }
    }

    /**
     * An agent leg rang past its ringing timeout plus the grace without a final event: its webhooks may be stuck
     * (Kafka down, the gateway holding them in its journal), so Vonage (the call's region) is asked what became of
     * the leg before the agent is given up: answered → connected as if its event had come; a final status → that
     * status; still ringing, or Vonage not answering → given up (hung up, next agent).
     */
    boolean checkStaleRinging() {
        return LeasedCheck.run(this::startRingingCheck, leg -> vonage.legStatus(leg.regionUrl(), leg.legId()),
                (leg, answer) -> {
                    if (!answer.reached()) {
                        LOG.warnf("Could not ask Vonage about ringing leg %s of call %s (%s)", leg.legId(),
                                leg.callId(), answer.failure().getMessage());
                    }
                    RoutedCall call = calls.lock(leg.callId()).orElseThrow();
                    Attempt attempt = attempts.findById(leg.attemptId());
                    if (call.state != RoutedCall.State.RINGING || !attempt.id.equals(call.currentAttemptId)) {
                        return; // its event arrived meanwhile, or the caller left
                    }
                    transitions.ringingChecked(call, attempt,
                            answer.reached() ? answer.value().orElse(null) : null);
                });
    }

    /** Null: no stale ringing call; empty: settled without asking Vonage; else the leg to ask about (leased). */
    private Optional<LegCheck> startRingingCheck() {
        Optional<RoutedCall> found = calls.lockStaleRinging(Instant.now());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (call.callerGone || attempt == null || attempt.agentLegId == null || !attempt.state.isLive()) {
            transitions.staleRinging(call);
            return Optional.empty();
        }
        transitions.requestStarted(call);
        return Optional.of(new LegCheck(call.callId, attempt.id, call.regionUrl, attempt.agentLegId));
    }

    /**
     * Serves a due head of a department queue (one of its {@code claim-window} oldest calls). Returns null when
     * there was none, else the leg to create when an agent was claimed for it: the claim (attempt row, state CALLING) is
     * committed before the agent leg is created, so a crash in between leaves a CLAIMED attempt whose leg, if Vonage
     * created it, is adopted from its events; the creation is retried only after
     * {@code routing.queue.leg-creation-lease}.
     */
    Optional<LegStart> serveQueueHead() {
        Optional<ClaimStart> start = inNewTransaction(this::startClaim);
        if (start == null) {
            return null;
        }
        if (start.isEmpty()) {
            return Optional.empty();
        }
        ClaimAnswer answer = askDirectory(start.get());
        return inNewTransaction(() -> applyClaim(start.get(), answer));
    }

    /** Locks a due head; settles it when no claim is to be made, else leases it for the claim. */
    private Optional<ClaimStart> startClaim() {
        Optional<RoutedCall> found = calls.lockDueQueueHead(Instant.now(), config.queue().claimWindow());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        if (call.callerGone) { // held for a callback request after a hang-up in the dialogue
            callbacks.holdOver(call);
            return Optional.empty();
        }
        if (call.settingsKnown() && transitions.overflowDue(call)) {
            overflow(call);
            return Optional.empty();
        }
        // also before a transferred call's first claim in its new department (settings not loaded yet)
        if (tasks.hasPending(call.callId, Task.Kind.RELEASE_AGENT)) {
            transitions.waitForRelease(call);
            return Optional.empty();
        }
        transitions.requestStarted(call);
        List<String> tried = attempts.agentsTried(call.callId);
        return Optional.of(new ClaimStart(call.callId, call.departmentId, call.settingsKnown(),
                callbacks.opensFirst(call), tried,
                new DirectoryModel.ClaimRequest(call.callId, call.departmentId, tried, call.callerNumber,
                        call.queuedAt, call.attempts + 1)));
    }

    /**
     * Outside any transaction: the department's settings when still unknown (or its hours to check), then the claim,
     * unless the department is closed.
     */
    private ClaimAnswer askDirectory(ClaimStart start) {
        DirectoryModel.Department department = null;
        try {
            if (!start.settingsKnown() || start.opening()) {
                department = directory.department(start.departmentId());
                Instant closedUntil = start.opening() ? CallbackTransitions.closedUntil(department, Instant.now()) : null;
                if (closedUntil != null) {
                    return new ClaimAnswer(department, null, null, closedUntil);
                }
            }
            return new ClaimAnswer(department, directory.claim(start.request()), null, null);
        } catch (DirectoryException e) {
            return new ClaimAnswer(department, null, e, null);
        } catch (RuntimeException e) { // fault tolerance's own, a timeout above all
            return new ClaimAnswer(department, null, new DirectoryException(0, "directory: " + e, e), null);
        }
    }

    private Optional<LegStart> applyClaim(ClaimStart start, ClaimAnswer answer) {
        RoutedCall call = calls.lock(start.callId()).orElseThrow();
        if (answer.department() != null) {
            transitions.settingsLoaded(call, answer.department());
            callbacks.settingsLoaded(call, answer.department());
        }
        DirectoryModel.Claim claim = answer.claim();
        boolean assigned = claim != null && claim.assigned() && claim.agent() != null;
        if (call.state != RoutedCall.State.WAITING || call.callerGone) {
            // moved on, or its caller hung up in the callback dialogue while the claim was asked (held for a request):
            // no leg for nobody, the agent released at once
            if (assigned) {
                transitions.claimedTooLate(call, claim.agent().id());
            }
        } else if (answer.closedUntil() != null) {
            callbacks.closedAtOpening(call, answer.closedUntil());
        } else if (answer.failure() != null) {
            if (answer.failure().status() == 404 && !call.settingsKnown()) {
                transitions.overflow(call); // the department is unknown
            } else {
                boolean departmentFailed = !start.settingsKnown() && answer.department() == null;
                transitions.requestFailed(call, departmentFailed ? "department" : "claim", answer.failure());
            }
        } else if (transitions.overflowDue(call)) {
            if (assigned) {
                transitions.claimedTooLate(call, claim.agent().id());
            }
            overflow(call);
        } else if (!assigned) {
            transitions.noAgentFree(call);
        } else if (start.tried().contains(claim.agent().id()) || claim.agent().endpoint() == null) {
            transitions.unusableAgentClaimed(call, claim.agent().id());
        } else {
            Attempt attempt = transitions.claimed(call, claim.agent());
            if (callbacks.awaitsCallerLeg(call)) {
                callbacks.agentReserved(call); // the caller is called back first (CallbackLegs)
                return Optional.empty();
            }
            return Optional.of(LegStart.of(call, attempt));
        }
        return Optional.empty();
    }

    /** Creates an agent leg whose creation is due again (Vonage failed, or a worker stopped); false when none is. */
    boolean retryAgentLeg() {
        Optional<LegStart> found = inNewTransaction(this::startLegRetry);
        if (found == null) {
            return false;
        }
        found.ifPresent(this::createLeg);
        return true;
    }

    /**
     * Creates the claimed agent's leg (the call is leased meanwhile), then applies Vonage's answer. A claim older than
     * {@code routing.queue.reservation-renew-after} is renewed with the directory first; one the directory released
     * meanwhile (its stuck-agent bound) is not used: the agent may be on another call by now.
     */
    private void createLeg(LegStart start) {
        if (start.claimedAt() != null
                && start.claimedAt().isBefore(Instant.now().minus(config.queue().reservationRenewAfter()))) {
            DirectoryException renewal = null;
            try {
                directory.renewed(start.callId(), start.agentId());
            } catch (DirectoryException e) {
                renewal = e;
            }
            if (renewal != null) {
                DirectoryException refused = renewal;
                QuarkusTransaction.requiringNew().run(() -> applyRenewal(start, refused));
                return;
            }
        }
        String legId = null;
        VonageFailure failure = null;
        try {
            legId = vonage.createAgentLeg(start.regionUrl(), start.callId(), start.agentId(), start.endpointType(),
                    start.endpointValue(), start.ringingTimeout());
        } catch (VonageFailure e) {
            failure = e;
        }
        String created = legId;
        VonageFailure refused = failure;
        QuarkusTransaction.requiringNew().run(() -> applyLeg(start, created, refused));
    }

    /**
     * Locks a call whose leg creation is due again and leases it; null when there is none, empty when it has no
     * claimed attempt to create a leg for (back to the queue).
     */
    private Optional<LegStart> startLegRetry() {
        Optional<RoutedCall> found = calls.lockDueCalling(Instant.now());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (attempt == null || attempt.state != Attempt.State.CLAIMED || attempt.agentLegId != null) {
            transitions.claimLost(call);
            return Optional.empty();
        }
        transitions.requestStarted(call);
        return Optional.of(LegStart.of(call, attempt));
    }

    /** The directory did not renew the claim: released meanwhile (409, 404), or not reachable (tried again later). */
    private void applyRenewal(LegStart start, DirectoryException failure) {
        RoutedCall call = calls.lock(start.callId()).orElseThrow();
        Attempt attempt = attempts.findById(start.attemptId());
        if (call.state != RoutedCall.State.CALLING || !attempt.id.equals(call.currentAttemptId)
                || attempt.state != Attempt.State.CLAIMED || attempt.agentLegId != null) {
            return; // moved on meanwhile
        }
        if (failure instanceof DirectoryException.Rejected) {
            transitions.reservationLost(call, attempt);
        } else {
            transitions.requestFailed(call, "renewing the claim", failure);
        }
    }

    private void applyLeg(LegStart start, String legId, VonageFailure failure) {
        RoutedCall call = calls.lock(start.callId()).orElseThrow();
        Attempt attempt = attempts.findById(start.attemptId());
        boolean stillClaimed = call.state == RoutedCall.State.CALLING && attempt.id.equals(call.currentAttemptId)
                && attempt.state == Attempt.State.CLAIMED && attempt.agentLegId == null;
        if (legId != null && legId.equals(attempt.agentLegId)) {
            return; // its first event arrived first and the leg was adopted
        }
        if (!stillClaimed) {
            if (legId != null) {
                transitions.legCreatedTooLate(call, attempt.agentId, legId);
            }
        } else if (failure == null) {
            transitions.legCreated(call, attempt, legId);
        } else if (failure.retryable()) {
            transitions.requestFailed(call, "createCall", failure);
        } else {
            transitions.legRefused(call, attempt, failure.status());
        }
    }

    /**
     * A call connected for longer than {@code routing.queue.connected-check-after}: asks Vonage (the call's region)
     * whether the agent leg still lives. Ended → finished as if its {@code completed} had arrived (it was lost);
     * alive → asked again after the same period; Vonage unreachable → retried with back-off.
     */
    boolean checkLongConnected() {
        return LeasedCheck.run(this::startLegCheck, leg -> vonage.legEnded(leg.regionUrl(), leg.legId()),
                (leg, answer) -> {
                    RoutedCall call = calls.lock(leg.callId()).orElseThrow();
                    if (call.state != RoutedCall.State.CONNECTED
                            || !Long.valueOf(leg.attemptId()).equals(call.currentAttemptId)) {
                        return; // its completed arrived meanwhile, or the caller left
                    }
                    if (!answer.reached()) {
                        transitions.requestFailed(call, "getCallDetails", answer.failure());
                    } else if (answer.value()) {
                        transitions.agentLegEndedUnseen(call, attempts.findById(leg.attemptId()));
                    } else {
                        transitions.stillConnected(call);
                    }
                });
    }

    private Optional<LegCheck> startLegCheck() {
        Optional<RoutedCall> found = calls.lockDueConnectedCheck(Instant.now());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        Attempt attempt = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        if (attempt == null || attempt.agentLegId == null) {
            transitions.stillConnected(call);
            return Optional.empty();
        }
        transitions.requestStarted(call);
        return Optional.of(new LegCheck(call.callId, attempt.id, call.regionUrl, attempt.agentLegId));
    }
}
