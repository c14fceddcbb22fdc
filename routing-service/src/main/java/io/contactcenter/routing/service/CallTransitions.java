package io.contactcenter.routing.service;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.work.WorkWritten;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every transition of a routed call and its attempts: one public method per row of the routing rules table
 * (routing-service/README.md). Only this class writes a call's {@code state}, {@code nextTryAt}, {@code tryCount} and
 * {@code currentAttemptId}, and only it enqueues tasks (directory and Vonage requests) and Assignment records.
 *
 * <p>Each method runs in the caller's transaction on a call whose row the caller locked, and does no I/O but the
 * database: the adapters (the Kafka consumers' {@link CallEventService}, the {@link QueueWorker}) make the directory and
 * Vonage requests outside any transaction and then fire the transition their answer calls for.
 */
@ApplicationScoped
public class CallTransitions {

    private static final Logger LOG = Logger.getLogger(CallTransitions.class);
    /** Used until the department's ringing timeout is known (a leg adopted from its events). */
    private static final int DEFAULT_RINGING_TIMEOUT_SECONDS = 60;

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;
    private final Assignments assignments;
    private final Backoff backoff;
    private final MeterRegistry metrics;
    private final Event<WorkWritten> written;
    private final RoutingConfig.Queue queue;
    private final Duration callbackDialogue;

    public CallTransitions(RoutedCallRepository calls, AttemptRepository attempts, TaskRepository tasks,
            Assignments assignments, Backoff backoff, MeterRegistry metrics, Event<WorkWritten> written,
            RoutingConfig config) {
        this.calls = calls;
        this.attempts = attempts;
        this.tasks = tasks;
        this.assignments = assignments;
        this.backoff = backoff;
        this.metrics = metrics;
        this.written = written;
        this.queue = config.queue();
        this.callbackDialogue = config.callback().dialogueTime();
    }

    // ---- the queue --------------------------------------------------------------------------------------------

    /**
     * Route request: the call joins its department's queue ({@code WAITING}), once however often it is delivered. A
     * request whose caller already left (or was answered degraded) is not routed: {@code ABANDONED}. True when the
     * call now waits.
     */
    public boolean requested(RouteRequest request, String regionUrl) {
        Instant queuedAt = request.requestedAt() != null ? request.requestedAt() : Instant.now();
        if (calls.insertWaiting(request.callId(), request.department(), request.callerNumber(), regionUrl, queuedAt)) {
            LOG.infof("Call %s from %s waits for department %s", request.callId(),
                    PhoneNumbers.mask(request.callerNumber()), request.department());
            return true;
        }
        RoutedCall call = calls.lock(request.callId()).orElseThrow();
        if (call.departmentId == null && call.callerGone) {
            call.departmentId = request.department();
            call.callerNumber = request.callerNumber();
            call.regionUrl = regionUrl;
            call.updatedAt = Instant.now();
            assignments.publish(call, null, AssignmentOutcome.ABANDONED);
            LOG.infof("Call %s was abandoned before its route request arrived", call.callId);
        }
        return false;
    }

    /**
     * A directory or Vonage request about the call is about to be made outside the transaction: no other worker
     * picks the call up for {@code routing.queue.leg-creation-lease} (after a crash, the request is made again then).
     */
    public void requestStarted(RoutedCall call) {
        call.nextTryAt = Instant.now().plus(queue.legCreationLease());
        call.updatedAt = Instant.now();
    }

    /** A directory or Vonage request of the call failed in a way that may pass: tried again with back-off. */
    public void requestFailed(RoutedCall call, String what, RuntimeException failure) {
        call.tryCount++;
        call.nextTryAt = backoff.next(call.tryCount);
        call.updatedAt = Instant.now();
        LOG.infof("%s for call %s failed (%s); retry %d at %s", what, call.callId, failure.getMessage(), call.tryCount,
                call.nextTryAt);
    }

    /** The department's settings (max attempts, max wait, ringing timeout, recording mode) became known. */
    public void settingsLoaded(RoutedCall call, DirectoryModel.Department department) {
        call.maxAttempts = positive(department.maxAttempts(), 3);
        call.maxWaitSeconds = positive(department.maxWaitSeconds(), queue.defaultMaxWaitSeconds());
        call.ringingTimeout = positive(department.ringingTimeoutSeconds(), 20);
        call.recordingMode = department.recording();
        call.updatedAt = Instant.now();
    }

    /**
     * Whether the call is due for the overflow: {@code maxAttempts} agents tried, or its max wait passed; never a
     * callback.
     */
    public boolean overflowDue(RoutedCall call) {
        // a callback's caller is not on the line to hear an apology: it keeps its place until it is called back
        return call.callbackNumber == null
                && (call.maxAttempts != null && call.attempts >= call.maxAttempts || Instant.now().isAfter(deadline(call)));
    }

    /**
     * Overflow: {@code maxAttempts} agents tried, the max wait passed, or the department is unknown. The caller is
     * transferred to the apology; {@code NO_AGENT}.
     */
    public void overflow(RoutedCall call) {
        call.state = RoutedCall.State.OVERFLOW;
        call.outcome = AssignmentOutcome.NO_AGENT.name();
        call.currentAttemptId = null;
        call.updatedAt = Instant.now();
        tasks.add(Task.of(call.callId, Task.Kind.TRANSFER_OVERFLOW, null, call.callId, null));
        assignments.publish(call, null, AssignmentOutcome.NO_AGENT);
        LOG.infof("No agent for call %s (department %s, %d attempts): overflow", call.callId, call.departmentId,
                call.attempts);
    }

    /** The previous agent's release is still to be sent: the directory is asked again only after it. */
    public void waitForRelease(RoutedCall call) {
        call.nextTryAt = Instant.now().plus(queue.pollInterval());
        call.updatedAt = Instant.now();
    }

    /**
     * No agent free: asked again after {@code routing.queue.reclaim-interval} (or when an agent becomes free,
     * {@link #agentFreed}); younger calls of the department wait behind this one meanwhile.
     */
    public void noAgentFree(RoutedCall call) {
        Instant now = Instant.now();
        call.tryCount = 0;
        call.missedAgentAt = now;
        Instant next = now.plus(queue.reclaimInterval());
        call.nextTryAt = next.isAfter(deadline(call)) ? deadline(call) : next;
        call.updatedAt = now;
    }

    /**
     * An agent became free in these departments (the directory's {@code agent-activity}): their waiting calls that
     * found nobody free are due at once instead of at their next reclaim. The queue loop wakes after the commit.
     */
    public int agentFreed(Collection<String> departmentIds) {
        int due = calls.makeMissedCallsDue(departmentIds, Instant.now());
        written.fire(new WorkWritten(RoutedCallRepository.LOOP));
        return due;
    }

    /**
     * A release of routing's was answered without freeing the agent (wrap-up, away, gone) or given up: the call it
     * released, back in the queue, may have waited only for it ({@link #waitForRelease}), so the queue loop looks now.
     */
    public void releaseSettled() {
        written.fire(new WorkWritten(RoutedCallRepository.LOOP));
    }

    /**
     * An agent is free: the directory claimed it for the call. The attempt is committed ({@code CALLING}) before its
     * leg is created, so a crash in between leaves a claim whose leg, if Vonage created it, is adopted from its
     * events ({@link #legAdopted}).
     */
    public Attempt claimed(RoutedCall call, DirectoryModel.Agent agent) {
        Attempt attempt = newAttempt(call, agent);
        call.currentAttemptId = attempt.id;
        call.state = RoutedCall.State.CALLING;
        call.missedAgentAt = null;
        call.tryCount = 0;
        call.nextTryAt = Instant.now().plus(queue.legCreationLease());
        call.updatedAt = Instant.now();
        metrics.counter("routing.attempts").increment();
        return attempt;
    }

    /** The call's next attempt, for an agent the directory claimed for it ({@code CLAIMED}, not yet its current). */
    Attempt newAttempt(RoutedCall call, DirectoryModel.Agent agent) {
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
        return attempt;
    }

    /**
     * The directory claimed an agent that cannot take the call: one already tried, or one without an endpoint. It is
     * released (not counted against it) and the directory asked again later.
     */
    public void unusableAgentClaimed(RoutedCall call, String agentId) {
        LOG.warnf("Directory offered agent %s again (or without endpoint) for call %s; releasing it", agentId,
                call.callId);
        tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, agentId, null, "CANCELLED"));
        call.nextTryAt = Instant.now().plus(queue.reclaimInterval());
        call.updatedAt = Instant.now();
    }

    /**
     * The directory's claim came back after the call stopped waiting (the caller left, the max wait passed): the agent
     * is released unless the call's live attempt has it already (the claim is idempotent per call).
     */
    public void claimedTooLate(RoutedCall call, String agentId) {
        boolean inUse = call.currentAttemptId != null && agentId.equals(attempts.findById(call.currentAttemptId).agentId);
        if (!inUse) {
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, agentId, null, "CANCELLED"));
        }
    }

    /**
     * The directory released the claimed agent before the leg was created (its stuck-agent bound passed while a
     * callback rang the caller or the Voice API failed): the agent is not called, nothing is released again, and the
     * call goes back to its place in the queue for the next free agent.
     */
    public void reservationLost(RoutedCall call, Attempt attempt) {
        LOG.warnf("The directory released agent %s of call %s before the leg was created; back to the queue",
                attempt.agentId, call.callId);
        endAttempt(attempt, Attempt.State.CANCELLED);
        backToQueue(call);
    }

    /** A call being called ({@code CALLING}) without a claimed attempt to create the leg of: back to the queue. */
    public void claimLost(RoutedCall call) {
        LOG.warnf("Call %s was being called without a claimed agent; back to the queue", call.callId);
        backToQueue(call);
    }

    // ---- the agent leg ----------------------------------------------------------------------------------------

    /** Vonage created the agent leg: {@code RINGING}, given up after the ringing timeout plus the grace. */
    public void legCreated(RoutedCall call, Attempt attempt, String legId) {
        attempt.agentLegId = legId;
        attempt.state = Attempt.State.RINGING;
        call.state = RoutedCall.State.RINGING;
        call.tryCount = 0;
        call.nextTryAt = ringingDeadline(call);
        call.updatedAt = Instant.now();
        assignments.publish(call, attempt, AssignmentOutcome.RINGING);
        LOG.infof("Calling agent %s for call %s (attempt %d, leg %s)", attempt.agentId, call.callId, attempt.attemptNo,
                legId);
    }

    /**
     * A leg created for a claim the call no longer waits for (the caller left while {@code createCall} was in flight):
     * hung up.
     */
    public void legCreatedTooLate(RoutedCall call, String agentId, String legId) {
        LOG.infof("Agent leg %s of call %s was created after the call moved on (%s); hanging it up", legId, call.callId,
                call.state);
        tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, agentId, legId, null));
    }

    /** Vonage refuses the leg permanently (4xx other than 408/429): release {@code NO_ANSWER}, next agent; FAILED. */
    public void legRefused(RoutedCall call, Attempt attempt, int status) {
        LOG.warnf("Vonage refused the leg to agent %s for call %s (%d); trying the next agent", attempt.agentId,
                call.callId, status);
        attempt.state = Attempt.State.FAILED;
        attempt.endedAt = Instant.now();
        tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, attempt.agentId, null, "NO_ANSWER"));
        assignments.publish(call, attempt, AssignmentOutcome.FAILED);
        backToQueue(call);
    }

    /**
     * An agent answered a leg of the call that no attempt can take (its uuid never stored, and the attempt it was made
     * for moved on, e.g. answered on the leg created again): hung up, so nobody sits in the call's conversation
     * unknown to routing.
     */
    public void strayLegAnswered(RoutedCall call, String agentId, String legId) {
        LOG.warnf("Agent %s answered leg %s of call %s that no attempt takes; hanging it up", agentId, legId,
                call.callId);
        tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, agentId, legId, null));
    }

    /**
     * The agent answered a leg of the ringing attempt whose uuid was never stored (the commit after
     * {@code createCall} failed, e.g. PostgreSQL went away, and the retry created a second leg to the same agent): that
     * answered leg becomes the attempt's, and the one still ringing is hung up.
     */
    public void answeredLegReplacesRinging(RoutedCall call, Attempt attempt, String answeredLegId) {
        LOG.warnf("Agent %s answered leg %s of call %s, created before leg %s that was stored; hanging up %s",
                attempt.agentId, answeredLegId, call.callId, attempt.agentLegId, attempt.agentLegId);
        tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, attempt.agentId, attempt.agentLegId, null));
        attempt.agentLegId = answeredLegId;
    }

    /**
     * The first event of a leg whose uuid was never stored (a crash right after {@code createCall}): the claimed
     * attempt of the event's agent takes the leg instead of a second one being created.
     */
    public void legAdopted(RoutedCall call, Attempt attempt, String legId) {
        attempt.agentLegId = legId;
        attempt.state = Attempt.State.RINGING;
        if (isCurrent(call, attempt) && call.state == RoutedCall.State.CALLING) {
            call.state = RoutedCall.State.RINGING;
            call.tryCount = 0;
            call.nextTryAt = Instant.now()
                    .plusSeconds(call.ringingTimeout == null ? DEFAULT_RINGING_TIMEOUT_SECONDS : call.ringingTimeout)
                    .plus(queue.ringingGrace());
            call.updatedAt = Instant.now();
            assignments.publish(call, attempt, AssignmentOutcome.RINGING);
        }
    }

    /**
     * Agent leg {@code answered} at {@code answeredAt}: {@code POST /assignments/{callId}/answered}; ANSWERED. Late or
     * duplicate answers change nothing; an answer after the caller left is settled by
     * {@link #settleRingingAfterCallerLeft}.
     */
    public void legAnswered(RoutedCall call, Attempt attempt, Instant answeredAt) {
        if (!isPending(attempt)) {
            return;
        }
        if (callerLeftWhileRinging(call, attempt)) {
            settleRingingAfterCallerLeft(call, attempt, answeredAt);
        } else {
            answered(call, attempt);
        }
        call.updatedAt = Instant.now();
    }

    /**
     * Agent leg {@code completed}. After {@code answered}: release {@code COMPLETED}; COMPLETED. With a talk time
     * ({@code talked}, answered at {@code answeredAt} when known) before {@code answered}: as answered, then completed.
     * Without talk time: a no-answer.
     */
    public void legCompleted(RoutedCall call, Attempt attempt, boolean talked, Instant answeredAt) {
        boolean pending = isPending(attempt);
        if (pending && callerLeftWhileRinging(call, attempt)) {
            settleRingingAfterCallerLeft(call, attempt, answeredAt);
        } else if (attempt.state == Attempt.State.ANSWERED) {
            agentCallEnded(call, attempt);
        } else if (pending && talked) {
            answered(call, attempt); // 'completed' overtook 'answered'
            if (attempt.state == Attempt.State.ANSWERED) {
                agentCallEnded(call, attempt);
            }
        } else if (pending) {
            noAnswer(call, attempt, CallStatus.COMPLETED);
        }
        call.updatedAt = Instant.now();
    }

    /**
     * Agent leg {@code busy}/{@code unanswered}/{@code rejected}/{@code timeout}/{@code failed}/{@code cancelled}:
     * release {@code NO_ANSWER}, back to the head of the queue, next agent not yet tried; NO_ANSWER.
     */
    public void legUnanswered(RoutedCall call, Attempt attempt, CallStatus status) {
        if (!isPending(attempt)) {
            return;
        }
        if (callerLeftWhileRinging(call, attempt)) {
            settleRingingAfterCallerLeft(call, attempt, null);
        } else {
            noAnswer(call, attempt, status);
        }
        call.updatedAt = Instant.now();
    }

    /**
     * Agent leg still ringing past its ringing timeout plus {@code routing.queue.ringing-grace} without a final event
     * (a lost webhook): hang it up, release {@code NO_ANSWER}, next agent; NO_ANSWER. After the caller left, nothing
     * says anybody talked: ABANDONED.
     */
    public void staleRinging(RoutedCall call) {
        Attempt attempt = current(call);
        if (call.callerGone) {
            LOG.warnf("Agent leg %s of call %s sent no final event after its caller left; abandoned",
                    attempt == null ? null : attempt.agentLegId, call.callId);
            settleRingingAfterCallerLeft(call, attempt, null);
            return;
        }
        if (attempt != null && attempt.state.isLive()) {
            LOG.warnf("Agent leg %s of call %s rang past its timeout without a final event; giving up on agent %s",
                    attempt.agentLegId, call.callId, attempt.agentId);
            endAttempt(attempt, Attempt.State.NO_ANSWER);
            hangUp(call, attempt);
            release(call, attempt, "NO_ANSWER");
            assignments.publish(call, attempt, AssignmentOutcome.NO_ANSWER);
            metrics.counter("routing.no.answers").increment();
        }
        backToQueue(call);
    }

    /**
     * A stale ringing leg's status as Vonage reports it ({@code null}: unknown, or Vonage did not answer): answered →
     * as its {@code answered} event; completed → answered, then completed; unanswered → that status; anything else →
     * given up ({@link #staleRinging}). Its real events, arriving later, then find nothing pending.
     */
    public void ringingChecked(RoutedCall call, Attempt attempt, CallStatus status) {
        if (status == CallStatus.ANSWERED || status == CallStatus.COMPLETED) {
            LOG.warnf("Agent leg %s of call %s is %s at Vonage though no event said so; taking Vonage's word",
                    attempt.agentLegId, call.callId, status.vonageWord());
        }
        if (status == CallStatus.ANSWERED) {
            legAnswered(call, attempt, Instant.now());
        } else if (status == CallStatus.COMPLETED) {
            legCompleted(call, attempt, true, null);
        } else if (status != null && status.isUnanswered()) {
            legUnanswered(call, attempt, status);
        } else {
            staleRinging(call);
        }
    }

    /** The connected call's agent leg is still up at Vonage: asked again after {@code connected-check-after}. */
    public void stillConnected(RoutedCall call) {
        call.tryCount = 0;
        call.nextTryAt = Instant.now().plus(queue.connectedCheckAfter());
        call.updatedAt = Instant.now();
    }

    /**
     * Vonage says the connected agent leg has ended although its {@code completed} never arrived: the same as that
     * event (release {@code COMPLETED}; COMPLETED).
     */
    public void agentLegEndedUnseen(RoutedCall call, Attempt attempt) {
        if (attempt.state == Attempt.State.ANSWERED) {
            LOG.warnf("Agent leg %s of call %s ended without a completed event (asked Vonage); finishing the call",
                    attempt.agentLegId, call.callId);
            agentCallEnded(call, attempt);
            call.updatedAt = Instant.now();
        }
    }

    // ---- call controls ----------------------------------------------------------------------------------------

    /**
     * Cold transfer to a department ({@link CallControls}): the agent leaves the call (leg hung up, release
     * {@code COMPLETED}: wrap-up; TRANSFERRED) and the caller, parked on the hold music, waits in the target
     * department's queue at {@code queuedAt} (the call's own time, or ahead of the queue by the department's transfer
     * priority) with the target's settings, its max wait counted from now; the next agent is connected as usual.
     */
    public void transferredToDepartment(RoutedCall call, Attempt attempt, String departmentId, Instant queuedAt,
            Map<String, String> detail) {
        agentTransferred(call, attempt, detail);
        call.departmentId = departmentId;
        call.queuedAt = queuedAt;
        call.requeuedAt = Instant.now();
        call.callerParked = true;
        call.maxAttempts = null; // the target department's settings are loaded before its first claim
        call.maxWaitSeconds = null;
        call.ringingTimeout = null;
        call.missedAgentAt = null;
        backToQueue(call);
        written.fire(new WorkWritten(RoutedCallRepository.LOOP));
        LOG.infof("Call %s transferred by agent %s to department %s", call.callId, attempt.agentId, departmentId);
    }

    /**
     * Cold transfer to a named agent the directory claimed for it ({@link CallControls}): the first agent leaves as for
     * a department ({@link #agentTransferred}), the caller waits with the hold music and the target's leg is created at
     * once by the queue loop as for any claim ({@code CALLING}); its answer brings the caller back into the
     * conversation, no answer puts the call back in its department's queue.
     */
    public void transferredToAgent(RoutedCall call, Attempt attempt, DirectoryModel.Agent target,
            Map<String, String> detail) {
        agentTransferred(call, attempt, detail);
        call.callerParked = true;
        claimed(call, target);
        call.nextTryAt = Instant.now();
        written.fire(new WorkWritten(RoutedCallRepository.LOOP));
        LOG.infof("Call %s transferred by agent %s to agent %s", call.callId, attempt.agentId, target.id());
    }

    /**
     * A warm transfer completed ({@link CallControls}): the caller back into the conversation, the first agent leaves
     * ({@link #agentTransferred}) and the target agent, whose leg is already in the conversation, becomes the call's agent ({@code target}, an attempt of
     * the call that was not yet its current one): ANSWERED.
     */
    public void handedOver(RoutedCall call, Attempt attempt, Attempt target, Map<String, String> detail) {
        // the caller rejoins before the first agent's leg is hung up: a moment with all three in the conversation
        tasks.add(Task.of(call.callId, Task.Kind.CONNECT_CALLER, target.agentId, call.callId, null));
        agentTransferred(call, attempt, detail);
        call.currentAttemptId = target.id;
        connect(call, target);
        LOG.infof("Call %s handed over by agent %s to agent %s", call.callId, attempt.agentId, target.agentId);
    }

    /**
     * Cold transfer to an outside number ({@link CallControls}): the agent leaves as for a department
     * ({@link #agentTransferred}) and the call is over for routing, the caller with the outside party:
     * TRANSFERRED_EXTERNAL (every agent and the hold time, as COMPLETED).
     */
    public void transferredToNumber(RoutedCall call, Attempt attempt, Map<String, String> detail) {
        agentTransferred(call, attempt, detail);
        finish(call, attempt, AssignmentOutcome.TRANSFERRED_EXTERNAL);
        LOG.infof("Call %s handed by agent %s to an outside number", call.callId, attempt.agentId);
    }

    /** An agent's part of a transferred call ends: leg hung up, release {@code COMPLETED} (wrap-up); TRANSFERRED. */
    private void agentTransferred(RoutedCall call, Attempt attempt, Map<String, String> detail) {
        endAttempt(attempt, Attempt.State.COMPLETED);
        hangUp(call, attempt);
        release(call, attempt, "COMPLETED");
        assignments.publish(call, attempt, AssignmentOutcome.TRANSFERRED, detail);
    }

    // ---- the caller leaves ------------------------------------------------------------------------------------

    /**
     * The caller's leg ended before the route request arrived: the late request will not be routed. False when the
     * request was applied meanwhile (its row won the insert): then the call is to be left as a known one.
     */
    public boolean callerLeftBeforeRequest(String callId) {
        return calls.insertGone(callId);
    }

    /**
     * The caller's leg ended at {@code at} (or the gateway answered the caller degraded: {@code degraded}, the caller is
     * not in the conversation). While waiting: ABANDONED. While the leg is being created: release {@code CANCELLED},
     * ABANDONED. While it rings: hang it up; its own next event decides ({@link #settleRingingAfterCallerLeft}). While
     * talking: hang up the agent leg, release {@code COMPLETED}; COMPLETED.
     */
    public void callerLeft(RoutedCall call, Instant at, boolean degraded) {
        if (call.callerGone) {
            return;
        }
        call.callerGone = true;
        call.callerGoneAt = at != null ? at : Instant.now();
        call.updatedAt = Instant.now();
        Attempt current = current(call);
        switch (call.state) {
            case WAITING -> finish(call, null, AssignmentOutcome.ABANDONED);
            case CALLING -> {
                // the agent leg was not created (yet): free the agent
                endAttempt(current, Attempt.State.CANCELLED);
                release(call, current, "CANCELLED");
                finish(call, current, AssignmentOutcome.ABANDONED);
            }
            case RINGING -> {
                hangUp(call, current);
                if (degraded || current == null) {
                    // the caller was never in the conversation: whatever the leg did, nobody talked
                    settleRingingAfterCallerLeft(call, current, null);
                } else {
                    // the leg's own events decide (they may arrive after this one although the agent answered
                    // first); the stale-ringing sweep settles it if none comes
                    call.nextTryAt = Instant.now().plus(queue.ringingGrace());
                }
            }
            case CONNECTED -> {
                // no agent stays alone in the conversation
                endAttempt(current, Attempt.State.COMPLETED);
                hangUp(call, current);
                release(call, current, "COMPLETED");
                finish(call, current, AssignmentOutcome.COMPLETED);
            }
            default -> {
                // overflow or done: nothing left to undo
            }
        }
        LOG.infof("Caller of call %s left (%s), routing state %s", call.callId,
                degraded ? "degraded menu answer" : "hung up", call.state);
    }

    /**
     * Settles a call whose caller left while its agent leg rang as far as routing knew. A leg answered before the
     * caller left was a conversation, reported as ANSWERED then COMPLETED (the two legs' events may arrive in either
     * order, so the caller's hang-up can come first); otherwise nobody talked: release {@code CANCELLED}, ABANDONED.
     * {@code answeredAt} is null when the leg was not answered or nothing says so. The leg was hung up when the caller
     * left.
     */
    void settleRingingAfterCallerLeft(RoutedCall call, Attempt attempt, Instant answeredAt) {
        if (attempt != null && answeredAt != null && call.callerGoneAt != null
                && answeredAt.isBefore(call.callerGoneAt)) {
            LOG.infof("Agent %s answered call %s before its caller left (events came in the other order)",
                    attempt.agentId, call.callId);
            connect(call, attempt);
            agentCallEnded(call, attempt);
        } else {
            endAttempt(attempt, Attempt.State.CANCELLED);
            release(call, attempt, "CANCELLED");
            finish(call, attempt, AssignmentOutcome.ABANDONED);
        }
        call.updatedAt = Instant.now();
    }

    // ---- the steps the rows share -----------------------------------------------------------------------------

    private void answered(RoutedCall call, Attempt attempt) {
        if (!isCurrent(call, attempt) || call.callerGone || call.state != RoutedCall.State.RINGING
                && call.state != RoutedCall.State.CALLING) {
            // the caller left (or the call moved on) while this leg rang: nobody to talk to
            endAttempt(attempt, Attempt.State.CANCELLED);
            hangUp(call, attempt);
            return;
        }
        connect(call, attempt);
    }

    private void connect(RoutedCall call, Attempt attempt) {
        attempt.state = Attempt.State.ANSWERED;
        call.state = RoutedCall.State.CONNECTED;
        call.addAgent(attempt.agentId);
        if (RecordingService.startOnAnswer(call, tasks)) {
            call.callerParked = false; // the recording's announcement brings the caller into the conversation
        } else if (call.callerParked // transferred: the caller waited with the hold music, out of the conversation
                || CallbackTransitions.inDialogue(call, callbackDialogue, Instant.now())) {
            call.callerParked = false;
            tasks.add(Task.of(call.callId, Task.Kind.CONNECT_CALLER, attempt.agentId, call.callId, null));
        }
        call.answeredAt = Instant.now();
        call.tryCount = 0;
        call.nextTryAt = call.answeredAt.plus(queue.connectedCheckAfter()); // then ask Vonage whether the leg lives
        tasks.add(Task.of(call.callId, Task.Kind.MARK_ANSWERED, attempt.agentId, attempt.agentLegId, null));
        assignments.publish(call, attempt, AssignmentOutcome.ANSWERED);
        metrics.timer("routing.assignment.latency").record(Duration.between(call.queuedAt, call.answeredAt));
        LOG.infof("Agent %s answered call %s (attempt %d)", attempt.agentId, call.callId, attempt.attemptNo);
    }

    private void agentCallEnded(RoutedCall call, Attempt attempt) {
        endAttempt(attempt, Attempt.State.COMPLETED);
        release(call, attempt, "COMPLETED");
        if (isCurrent(call, attempt) && call.state == RoutedCall.State.CONNECTED) {
            finish(call, attempt, AssignmentOutcome.COMPLETED);
        }
        LOG.infof("Agent %s finished call %s", attempt.agentId, call.callId);
    }

    private void noAnswer(RoutedCall call, Attempt attempt, CallStatus status) {
        boolean current = isCurrent(call, attempt);
        endAttempt(attempt, Attempt.State.NO_ANSWER);
        release(call, attempt, "NO_ANSWER");
        metrics.counter("routing.no.answers").increment();
        if (!current || call.callerGone || !call.isActive()) {
            return; // already abandoned (and published) or moved on
        }
        assignments.publish(call, attempt, AssignmentOutcome.NO_ANSWER);
        backToQueue(call);
        LOG.infof("Agent %s did not answer call %s (%s); trying the next agent", attempt.agentId, call.callId,
                status.vonageWord());
    }

    /** Back to the head of its department's queue, due at once (the next agent not yet tried is claimed). */
    void backToQueue(RoutedCall call) {
        call.state = RoutedCall.State.WAITING;
        call.currentAttemptId = null;
        call.tryCount = 0;
        call.nextTryAt = Instant.now();
        call.updatedAt = Instant.now();
    }

    void finish(RoutedCall call, Attempt attempt, AssignmentOutcome outcome) {
        call.endHold(Instant.now()); // the COMPLETED record reports the call's hold time
        call.state = RoutedCall.State.DONE;
        call.outcome = outcome.name();
        call.currentAttemptId = null;
        assignments.publish(call, attempt, outcome);
    }

    void hangUp(RoutedCall call, Attempt attempt) {
        if (attempt != null && attempt.agentLegId != null) {
            tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, attempt.agentId, attempt.agentLegId, null));
        }
    }

    /** Hangs up a leg of the call that is no agent's (a callback leg). */
    void hangUpLeg(RoutedCall call, String legId) {
        tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, null, legId, null));
    }

    void release(RoutedCall call, Attempt attempt, String outcome) {
        if (attempt != null) {
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, attempt.agentId, attempt.agentLegId, outcome));
        }
    }

    Attempt current(RoutedCall call) {
        return call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
    }

    static void endAttempt(Attempt attempt, Attempt.State state) {
        if (attempt != null && attempt.state.isLive()) {
            attempt.state = state;
            attempt.endedAt = Instant.now();
        }
    }

    private static boolean isPending(Attempt attempt) {
        return attempt.state == Attempt.State.CLAIMED || attempt.state == Attempt.State.RINGING;
    }

    private static boolean isCurrent(RoutedCall call, Attempt attempt) {
        return attempt.id.equals(call.currentAttemptId);
    }

    /** The caller left while this, the call's current leg, rang as far as routing knew. */
    private static boolean callerLeftWhileRinging(RoutedCall call, Attempt attempt) {
        return call.callerGone && call.state == RoutedCall.State.RINGING && isCurrent(call, attempt);
    }

    private Instant ringingDeadline(RoutedCall call) {
        return Instant.now().plusSeconds(call.ringingTimeout).plus(queue.ringingGrace());
    }

    /**
     * When the call overflows for its wait: its max wait, or, for a caller who may still be in the callback dialogue
     * then, the dialogue's end. Overflowing at the max wait would take such a caller out of the dialogue to the apology
     * just as they ask to be called back.
     */
    private Instant deadline(RoutedCall call) {
        int maxWait = call.maxWaitSeconds != null ? call.maxWaitSeconds : queue.defaultMaxWaitSeconds();
        Instant waited = (call.requeuedAt != null ? call.requeuedAt : call.queuedAt).plusSeconds(maxWait);
        return CallbackTransitions.inDialogue(call, callbackDialogue, waited)
                ? call.callbackOfferedAt.plus(callbackDialogue) : waited;
    }

    private static int positive(Integer value, int fallback) {
        return value != null && value > 0 ? value : fallback;
    }
}
