package io.contactcenter.routing.service;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
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
    private final VonageCalls vonage;

    public CallEventService(RoutedCallRepository calls, AttemptRepository attempts, ProcessedEvents processed,
            CallTransitions transitions, VonageCalls vonage) {
        this.calls = calls;
        this.attempts = attempts;
        this.processed = processed;
        this.transitions = transitions;
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

    /** A degraded menu answer, a caller leg's end, or any status of an agent leg. */
    static boolean concernsRouting(CallEvent event) {
        if (event.callId() == null) {
            return false;
        }
        if (event.degradedMenuAnswer()) {
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
        if (event.degradedMenuAnswer() || event.role() == Role.CALLER) {
            callerLeft(event); // the caller hung up, or is not in the conversation (degraded answer)
        } else {
            agentLegEvent(event);
        }
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
        transitions.callerLeft(found.orElseThrow(), event.occurredAt(), event.degradedMenuAnswer());
    }

    private void agentLegEvent(CallEvent event) {
        Optional<RoutedCall> found = calls.lock(event.callId());
        if (found.isEmpty()) {
            LOG.warnf("Agent leg %s event for unknown call %s ignored", event.legId(), event.callId());
            return;
        }
        RoutedCall call = found.get();
        Attempt attempt = attempts.byLeg(event.legId()).orElse(null);
        if (attempt == null && event.agentId() != null) {
            // the leg exists but its uuid was never stored (e.g. a crash right after createCall): adopt it
            attempt = attempts.claimedWithoutLeg(call.callId, event.agentId()).orElse(null);
            if (attempt == null) {
                LOG.warnf("Event for unknown agent leg %s of call %s ignored", event.legId(), call.callId);
                return;
            }
            transitions.legAdopted(call, attempt, event.legId());
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
}
