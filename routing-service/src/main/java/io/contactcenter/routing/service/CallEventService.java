package io.contactcenter.routing.service;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.AttemptRepository;
import io.contactcenter.routing.domain.ProcessedEvents;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.Task;
import io.contactcenter.routing.domain.TaskRepository;
import io.contactcenter.support.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies consumed records to the routing state, one database transaction each: the call's row is locked,
 * the change and its follow-up work (tasks, Assignment records) are written together with the record's id.
 * Nothing here talks to the directory or Vonage, so a consumer never blocks on them.
 */
@ApplicationScoped
public class CallEventService {

    private static final Logger LOG = Logger.getLogger(CallEventService.class);

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;
    private final ProcessedEvents processed;
    private final Assignments assignments;
    private final MeterRegistry metrics;
    private final VonageCalls vonage;
    private final Duration ringingGrace;
    private final Duration connectedCheckAfter;

    public CallEventService(RoutedCallRepository calls, AttemptRepository attempts, TaskRepository tasks,
            ProcessedEvents processed, Assignments assignments, MeterRegistry metrics, VonageCalls vonage,
            io.contactcenter.routing.config.RoutingConfig config) {
        this.vonage = vonage;
        this.ringingGrace = config.queue().ringingGrace();
        this.connectedCheckAfter = config.queue().connectedCheckAfter();
        this.calls = calls;
        this.attempts = attempts;
        this.tasks = tasks;
        this.processed = processed;
        this.assignments = assignments;
        this.metrics = metrics;
    }

    /** A caller chose a department: the call joins the department's queue (once, however often it is delivered). */
    @Transactional
    public void onRouteRequest(RouteRequest request) {
        if (request.callId() == null || request.department() == null) {
            LOG.warnf("Ignoring route request %s without call id or department", request.eventId());
            return;
        }
        if (request.eventId() != null && !processed.firstTime("route:" + request.eventId())) {
            return;
        }
        Instant queuedAt = request.requestedAt() != null ? request.requestedAt() : Instant.now();
        String regionUrl = vonage.checkedRegion(request.callId(), request.regionUrl());
        if (calls.insertWaiting(request.callId(), request.department(), request.callerNumber(), regionUrl, queuedAt)) {
            LOG.infof("Call %s from %s waits for department %s", request.callId(),
                    PhoneNumbers.mask(request.callerNumber()), request.department());
            return;
        }
        RoutedCall call = calls.lock(request.callId()).orElseThrow();
        if (call.departmentId == null && call.callerGone) {
            // the caller hung up before this request arrived
            call.departmentId = request.department();
            call.callerNumber = request.callerNumber();
            call.regionUrl = regionUrl;
            call.updatedAt = Instant.now();
            assignments.publish(call, null, AssignmentOutcome.ABANDONED);
            LOG.infof("Call %s was abandoned before its route request arrived", call.callId);
        }
    }

    /**
     * A Vonage event about a caller or agent leg. Most of a call's events change nothing for routing (the caller's
     * {@code started}, {@code ringing}, {@code answered}, inputs, transfers): they are dropped before a transaction
     * is opened or an id is stored.
     */
    public void onCallEvent(CallEvent event) {
        if (concernsRouting(event)) {
            QuarkusTransaction.joiningExisting().run(() -> apply(event));
        }
    }

    /** A degraded menu answer, a caller leg's end, or any status of an agent leg. */
    static boolean concernsRouting(CallEvent event) {
        if (event.callId() == null) {
            return false;
        }
        if (degradedMenuAnswer(event)) {
            return true;
        }
        if (event.status() == null || event.role() == null) {
            return false; // input, transfer, recording events
        }
        return event.role() == Role.CALLER ? event.status().isFinal()
                : event.role() == Role.AGENT && event.legId() != null;
    }

    private void apply(CallEvent event) {
        if (event.eventId() != null && !processed.firstTime("event:" + event.eventId())) {
            return;
        }
        if (degradedMenuAnswer(event) || event.role() == Role.CALLER) {
            callerLeft(event); // the caller hung up, or is not in the conversation (degraded answer)
        } else {
            agentLegEvent(event);
        }
    }

    private void callerLeft(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty()) {
            calls.insertGone(event.callId()); // the route request may still arrive (other topic)
            return;
        }
        RoutedCall call = found.get();
        if (call.callerGone) {
            return;
        }
        call.callerGone = true;
        call.callerGoneAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        call.updatedAt = Instant.now();
        Attempt current = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
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
                if (degradedMenuAnswer(event) || current == null) {
                    // the caller was never in the conversation: whatever the leg did, nobody talked
                    settleRingingAfterCallerLeft(call, current, null);
                } else {
                    // the leg's own events decide (they may arrive after this one although the agent answered
                    // first); the stale-ringing sweep settles it if none comes
                    call.nextTryAt = Instant.now().plus(ringingGrace);
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
                event.status() != null ? event.status().vonageWord() : "degraded menu answer", call.state);
    }

    /**
     * The gateway's MENU_INPUT event saying it routed the caller but answered the degraded NCCO (fallback number or
     * apology) because Kafka did not acknowledge the route request in time. The route request may still arrive
     * (the producer keeps sending it): the caller is not in the conversation, so it must not get an agent.
     */
    private static boolean degradedMenuAnswer(CallEvent event) {
        Map<String, String> detail = event.detail();
        return event.kind() == EventKind.MENU_INPUT && detail != null && "true".equals(detail.get("degraded"));
    }

    private void agentLegEvent(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty()) {
            LOG.warnf("Agent leg %s event for unknown call %s ignored", event.legId(), event.callId());
            return;
        }
        RoutedCall call = found.get();
        Optional<Attempt> byLeg = attempts.byLeg(event.legId());
        Attempt attempt;
        if (byLeg.isPresent()) {
            attempt = byLeg.get();
        } else if (event.agentId() != null) {
            // the leg exists but its uuid was never stored (e.g. a crash right after createCall): adopt it
            attempt = attempts.claimedWithoutLeg(call.callId, event.agentId()).orElse(null);
            if (attempt == null) {
                LOG.warnf("Event for unknown agent leg %s of call %s ignored", event.legId(), call.callId);
                return;
            }
            attempt.agentLegId = event.legId();
            attempt.state = Attempt.State.RINGING;
            if (isCurrent(call, attempt) && call.state == RoutedCall.State.CALLING) {
                call.state = RoutedCall.State.RINGING;
                call.tryCount = 0;
                call.nextTryAt = Instant.now().plusSeconds(call.ringingTimeout == null ? 60 : call.ringingTimeout)
                        .plus(ringingGrace);
                assignments.publish(call, attempt, AssignmentOutcome.RINGING);
            }
        } else {
            return;
        }
        CallStatus status = event.status();
        boolean pending = attempt.state == Attempt.State.CLAIMED || attempt.state == Attempt.State.RINGING;
        if (pending && call.callerGone && call.state == RoutedCall.State.RINGING && isCurrent(call, attempt)) {
            if (status == CallStatus.ANSWERED || status.isFinal()) {
                settleRingingAfterCallerLeft(call, attempt, answeredAt(event));
            }
        } else if (status == CallStatus.ANSWERED) {
            if (!pending) {
                return; // late or duplicate
            }
            answered(call, attempt);
        } else if (status == CallStatus.COMPLETED) {
            if (attempt.state == Attempt.State.ANSWERED) {
                agentCallEnded(call, attempt);
            } else if (pending && wasAnswered(event)) {
                // 'completed' overtook 'answered'
                answered(call, attempt);
                if (attempt.state == Attempt.State.ANSWERED) {
                    agentCallEnded(call, attempt);
                }
            } else if (pending) {
                noAnswer(call, attempt, status);
            }
        } else if (status.isUnanswered()) {
            if (pending) {
                noAnswer(call, attempt, status);
            }
        }
        call.updatedAt = Instant.now();
    }

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
        call.answeredAt = Instant.now();
        call.nextTryAt = call.answeredAt.plus(connectedCheckAfter); // then ask Vonage whether the leg still lives
        tasks.add(Task.of(call.callId, Task.Kind.MARK_ANSWERED, attempt.agentId, attempt.agentLegId, null));
        assignments.publish(call, attempt, AssignmentOutcome.ANSWERED);
        metrics.timer("routing.assignment.latency").record(Duration.between(call.queuedAt, call.answeredAt));
        LOG.infof("Agent %s answered call %s (attempt %d)", attempt.agentId, call.callId, attempt.attemptNo);
    }

    /**
     * Settles a call whose caller left while its agent leg rang as far as routing knew. A leg answered before the
     * caller left was a conversation, reported as ANSWERED then COMPLETED (the two legs' events may arrive in either
     * order, so the caller's hang-up can come first); otherwise nobody talked: ABANDONED. {@code answeredAt} is null
     * when the leg was not answered or nothing says so. The leg was hung up when the caller left.
     */
    public void settleRingingAfterCallerLeft(RoutedCall call, Attempt attempt, Instant answeredAt) {
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

    /**
     * Vonage says the connected agent leg has ended although its {@code completed} webhook never arrived: the same
     * as that webhook (release COMPLETED, publish COMPLETED). The caller's transaction holds the call's row lock.
     */
    public void agentLegEndedUnseen(RoutedCall call, Attempt attempt) {
        if (attempt.state == Attempt.State.ANSWERED) {
            LOG.warnf("Agent leg %s of call %s ended without a completed event (asked Vonage); finishing the call",
                    attempt.agentLegId, call.callId);
            agentCallEnded(call, attempt);
            call.updatedAt = Instant.now();
        }
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
        call.state = RoutedCall.State.WAITING;
        call.currentAttemptId = null;
        call.nextTryAt = Instant.now();
        call.tryCount = 0;
        LOG.infof("Agent %s did not answer call %s (%s); trying the next agent", attempt.agentId, call.callId,
                status.vonageWord());
    }

    private void finish(RoutedCall call, Attempt attempt, AssignmentOutcome outcome) {
        call.state = RoutedCall.State.DONE;
        call.outcome = outcome.name();
        call.currentAttemptId = null;
        assignments.publish(call, attempt, outcome);
    }

    private void hangUp(RoutedCall call, Attempt attempt) {
        if (attempt != null && attempt.agentLegId != null) {
            tasks.add(Task.of(call.callId, Task.Kind.HANGUP_LEG, attempt.agentId, attempt.agentLegId, null));
        }
    }

    private void release(RoutedCall call, Attempt attempt, String outcome) {
        if (attempt != null) {
            tasks.add(Task.of(call.callId, Task.Kind.RELEASE_AGENT, attempt.agentId, attempt.agentLegId, outcome));
        }
    }

    private static void endAttempt(Attempt attempt, Attempt.State state) {
        if (attempt != null && attempt.state.isLive()) {
            attempt.state = state;
            attempt.endedAt = Instant.now();
        }
    }

    private static boolean isCurrent(RoutedCall call, Attempt attempt) {
        return attempt.id.equals(call.currentAttemptId);
    }

    /** When the agent leg was answered, from its 'answered' or a 'completed' with a talk time; null otherwise. */
    private static Instant answeredAt(CallEvent event) {
        if (event.occurredAt() == null) {
            return null;
        }
        if (event.status() == CallStatus.ANSWERED) {
            return event.occurredAt();
        }
        if (event.status() != CallStatus.COMPLETED || !wasAnswered(event)) {
            return null;
        }
        Map<String, String> detail = event.detail();
        try {
            String startTime = detail.get("startTime");
            if (startTime != null && !startTime.isBlank()) {
                return Instant.parse(startTime.trim());
            }
            return event.occurredAt().minusMillis(Math.round(Double.parseDouble(detail.get("duration").trim()) * 1000));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A 'completed' that carries a talk time proves the leg was answered, whatever order the events came in. */
    private static boolean wasAnswered(CallEvent event) {
        Map<String, String> detail = event.detail();
        if (detail == null) {
            return false;
        }
        String duration = detail.get("duration");
        if (duration != null) {
            try {
                return Double.parseDouble(duration.trim()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String startTime = detail.get("startTime");
        return startTime != null && !startTime.isBlank();
    }
}
