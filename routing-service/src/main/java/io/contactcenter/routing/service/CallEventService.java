package io.contactcenter.routing.service;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The consumed records as transitions of {@link CallTransitions}: one database transaction each, the record's id
 * stored, the call's row locked, one transition fired. Nothing here talks to the directory or Vonage, so a consumer
 * never blocks on them.
 */
@ApplicationScoped
public class CallEventService {

    private static final Logger LOG = Logger.getLogger(CallEventService.class);

    private final RoutedCallRepository calls;
    private final AttemptRepository attempts;
    private final ProcessedEvents processed;
    private final CallTransitions transitions;
    private final CallbackTransitions callbacks;
    private final CallControls controls;
    private final Monitors monitors;
    private final VonageCalls vonage;
    private final RecordingService recordings;

    public CallEventService(RoutedCallRepository calls, AttemptRepository attempts, ProcessedEvents processed,
            CallTransitions transitions, CallbackTransitions callbacks, CallControls controls, Monitors monitors,
            VonageCalls vonage, RecordingService recordings) {
        this.recordings = recordings;
        this.controls = controls;
        this.monitors = monitors;
        this.calls = calls;
        this.attempts = attempts;
        this.processed = processed;
        this.transitions = transitions;
        this.callbacks = callbacks;
        this.vonage = vonage;
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
        transitions.requested(request, vonage.checkedRegion(request.callId(), request.regionUrl()));
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

    /**
     * The directory's news about an agent: an agent who became free (available and idle) makes its departments'
     * waiting calls due at once. True when it did (the queue loop is woken after the commit).
     */
    @Transactional
    public boolean onAgentActivity(AgentActivity activity) {
        if (!freesAgent(activity)) {
            return false;
        }
        int due = transitions.agentFreed(activity.departments());
        LOG.debugf("Agent %s is free: %d waiting calls of %s due", activity.agentId(), due, activity.departments());
        return true;
    }

    static boolean freesAgent(AgentActivity activity) {
        return activity.kind() == AgentActivityKind.STATE_CHANGED && "AVAILABLE".equals(activity.status())
                && "IDLE".equals(activity.state()) && activity.departments() != null
                && !activity.departments().isEmpty();
    }

    /**
     * A degraded menu answer, a callback request, a call's recording, a caller leg's end, the answer of a callback leg
     * (a caller leg other than the call's own), or any status of an agent leg.
     */
    static boolean concernsRouting(CallEvent event) {
        if (event.callId() == null) {
            return false;
        }
        if (event.degradedMenuAnswer() || callbackRequest(event) || RecordingService.isRecording(event)) {
            return true;
        }
        if (event.status() == null || event.role() == null) {
            return false; // input, transfer, recording events
        }
        if (event.role() == Role.CALLER) {
            return event.status().isFinal() || event.status() == CallStatus.ANSWERED && isCallbackLeg(event);
        }
        if (event.role() == Role.MONITOR) {
            return event.status().isFinal() && event.legId() != null; // a supervisor hung up
        }
        return event.role() == Role.AGENT && event.legId() != null;
    }

    /** The gateway's callback dialogue ended with a number to call back ({@code to}). */
    private static boolean callbackRequest(CallEvent event) {
        return event.kind() == EventKind.CALLBACK_INPUT && event.to() != null
                && "CALLBACK_REQUESTED".equals(event.detail(CallEvent.Detail.OUTCOME));
    }

    /** A caller-side leg that is not the call's own: routing placed it to call the caller back. */
    private static boolean isCallbackLeg(CallEvent event) {
        return event.legId() != null && !event.legId().equals(event.callId());
    }

    private void apply(CallEvent event) {
        if (event.eventId() != null && !processed.firstTime("event:" + event.eventId())) {
            return;
        }
        if (event.role() == Role.MONITOR) {
            monitors.legEnded(event.callId(), event.legId());
            return; // nothing else about the call changes
        }
        if (RecordingService.isRecording(event)) {
            recordings.reported(event);
            return;
        }
        if (callbackRequest(event)) {
            callbacks.requested(event, vonage.checkedRegion(event.callId(), event.regionUrl()));
        } else if (event.role() == Role.CALLER && isCallbackLeg(event)) {
            callbackLegEvent(event);
        } else if (event.degradedMenuAnswer() || event.role() == Role.CALLER) {
            callerLeft(event); // the caller hung up, or is not in the conversation (degraded answer)
        } else {
            agentLegEvent(event);
        }
        // a warm transfer or a supervisor's monitor does not outlive its call (the caller or the agent left)
        calls.findByIdOptional(event.callId()).ifPresent(call -> {
            controls.callEnded(call);
            monitors.callEnded(call);
        });
    }

    private void callerLeft(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty()) {
            if (transitions.callerLeftBeforeRequest(event.callId())) {
                return; // the route request may still arrive (other topic)
            }
            // the route request was applied while this ran (its insert won): the caller leaves a waiting call
            found = calls.lock(event.callId());
        }
        RoutedCall call = found.orElseThrow();
        if (event.degradedMenuAnswer()) {
            transitions.callerLeft(call, event.occurredAt(), true);
        } else {
            callbacks.ownLegEnded(call, event.occurredAt()); // a callback (or one asked for) keeps its place
        }
    }

    /** An event of a callback leg (routing placed it; its events name the call): answered, or ended. */
    private void callbackLegEvent(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty() || found.get().callbackNumber == null) {
            LOG.warnf("Caller-side leg %s event for call %s that is no callback ignored", event.legId(), event.callId());
            return;
        }
        RoutedCall call = found.get();
        if (call.callbackLegId == null && call.state == RoutedCall.State.CALLING_BACK) {
            // the leg exists but its uuid was never stored (e.g. a crash right after createCall): adopt it
            callbacks.legPlaced(call, event.legId());
        }
        if (!event.legId().equals(call.callbackLegId)) {
            LOG.warnf("Event of an earlier callback leg %s of call %s ignored", event.legId(), call.callId);
        } else if (event.status() == CallStatus.ANSWERED) {
            callbacks.answered(call);
        } else {
            callbacks.legEnded(call, event.talked(), event.occurredAt());
        }
    }

    private void agentLegEvent(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty()) {
            LOG.warnf("Agent leg %s event for unknown call %s ignored", event.legId(), event.callId());
            return;
        }
        RoutedCall call = found.get();
        if (controls.transferLegEvent(call, event.legId(), event.agentId(), event.status())) {
            return; // the target of a warm transfer
        }
        Attempt attempt = attempts.byLeg(event.legId()).orElse(null);
        if (attempt == null && event.agentId() != null) {
            attempt = attemptOfUnstoredLeg(call, event);
            if (attempt == null && event.status() == CallStatus.ANSWERED) {
                transitions.strayLegAnswered(call, event.agentId(), event.legId());
                return;
            } else if (attempt == null) {
                LOG.warnf("Event for unknown agent leg %s of call %s ignored", event.legId(), call.callId);
                return;
            }
        }
        if (attempt == null) {
            return;
        }
        CallStatus status = event.status();
        if (status == CallStatus.ANSWERED) {
            transitions.legAnswered(call, attempt, event.occurredAt());
        } else if (status == CallStatus.COMPLETED) {
            transitions.legCompleted(call, attempt, event.talked(), event.answeredAt());
        } else if (status.isUnanswered()) {
            transitions.legUnanswered(call, attempt, status);
        }
    }

    /**
     * The attempt a leg belongs to whose uuid was never stored (a crash, or a commit lost, right after createCall): the
     * claimed attempt of the event's agent adopts it; or, when the retry already created a second leg to that agent,
     * the ringing attempt takes the leg the agent answered and the other is hung up. Null for a leg of nobody's.
     */
    private Attempt attemptOfUnstoredLeg(RoutedCall call, CallEvent event) {
        Optional<Attempt> claimed = attempts.claimedWithoutLeg(call.callId, event.agentId());
        if (claimed.isPresent()) {
            transitions.legAdopted(call, claimed.get(), event.legId());
            return claimed.get();
        }
        Attempt current = call.currentAttemptId == null ? null : attempts.findById(call.currentAttemptId);
        boolean answered = event.status() == CallStatus.ANSWERED
                || event.status() == CallStatus.COMPLETED && event.talked(); // its 'completed' may overtake it
        if (answered && current != null && current.state == Attempt.State.RINGING
                && event.agentId().equals(current.agentId)) {
            transitions.answeredLegReplacesRinging(call, current, event.legId());
            return current;
        }
        return null;
    }
}
