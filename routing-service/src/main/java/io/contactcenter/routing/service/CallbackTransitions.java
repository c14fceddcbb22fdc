package io.contactcenter.routing.service;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.directory.client.OpeningTimes;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.support.PhoneNumbers;
import io.contactcenter.support.work.WorkWritten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.jboss.logging.Logger;

/**
 * The transitions of a callback (the sibling of {@link CallTransitions}, whose shared steps it uses): the only code
 * that writes the {@code callback*} fields and the {@code CALLING_BACK} state. Each method runs in the caller's
 * transaction on the call's locked row and makes no request (routing-service/README.md, "Callbacks").
 *
 * <p>When a callback's turn comes routing reserves the agent first (the claim), then calls the caller back; the agent's
 * leg is created only once the caller answered. The caller is called first because they are the party who may not
 * answer: the reserved agent is not rung for a conversation that may not happen, and no younger caller can take the
 * agent meanwhile.
 */
@ApplicationScoped
public class CallbackTransitions {

    private static final Logger LOG = Logger.getLogger(CallbackTransitions.class);
    /** Kafka's record times are the gateway's clock, routing's decisions its own. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(2);
    /** How often a call waiting for routing to read its records asks again (its offsets are committed every 5 s). */
    private static final Duration READ_CHECK_EVERY = Duration.ofSeconds(1);
    /** How long a callback for the opening of a department with no opening in sight waits before it is checked again. */
    static final Duration CLOSED_RECHECK = Duration.ofHours(1);

    private final CallTransitions transitions;
    private final RoutedCallRepository calls;
    private final Event<WorkWritten> written;
    private final RoutingConfig.Callback config;
    private final RoutingConfig.Queue queue;

    public CallbackTransitions(CallTransitions transitions, RoutedCallRepository calls, Event<WorkWritten> written,
            RoutingConfig config) {
        this.transitions = transitions;
        this.calls = calls;
        this.written = written;
        this.config = config.callback();
        this.queue = config.queue();
    }

    /**
     * The waiting caller is offered a callback (once per call), with the department's number of retries; no
     * place-in-line announcement talks over the dialogue.
     */
    public void offered(RoutedCall call, int retries) {
        Instant now = Instant.now();
        call.callbackOfferedAt = now;
        call.callbackRetries = retries;
        call.nextAnnounceAt = now.plus(config.dialogueTime());
        call.updatedAt = now;
    }

    /**
     * The caller asked to be called back on {@code number}: the call stays in its department's FIFO in its place (its
     * {@code queuedAt} is unchanged) as a callback; the caller's own leg may end. Only a call still waiting for its
     * agent (an agent being called for it meanwhile is released when the caller's leg ends) whose caller is there; a
     * repeated request changes nothing.
     */
    public boolean requested(RoutedCall call, String number) {
        if (call.callerGone && !heldForRequest(call) || call.callbackNumber != null
                || call.state == RoutedCall.State.CONNECTED || !call.isActive()) {
            return false; // an agent already talks to the conversation the caller left for the dialogue: not kept
        }
        call.callbackNumber = number;
        if (call.callbackRetries == null) {
            call.callbackRetries = config.defaultRetries();
        }
        if (call.callerGone) {
            // the caller's hang-up was applied first (records of a call are applied in any order): not a leaving
            call.callerGone = false;
            call.callerGoneAt = null;
            call.nextTryAt = Instant.now();
        }
        call.updatedAt = Instant.now();
        LOG.infof("Call %s becomes a callback to %s, keeping its place", call.callId, PhoneNumbers.mask(number));
        return true;
    }

    /**
     * The gateway's callback request ({@code CALLBACK_INPUT}, outcome {@code CALLBACK_REQUESTED}, the number in
     * {@code to}). Made while the department was closed ({@code detail.notBefore}, its next opening; the call is new to
     * routing, or only its caller's hang-up, applied first, is known): the call joins its department's queue as a
     * callback from the request's time, not served before that instant
     * ({@link RoutedCallRepository#lockDueQueueHead}), with the default retries. Otherwise, of a call routing knows,
     * {@link #requested(RoutedCall, String)}; of one it does not (ended and deleted, or its route request lost),
     * dropped. True when the call now is a callback.
     */
    public boolean requested(CallEvent request, String regionUrl) {
        Instant notBefore = notBefore(request);
        String department = request.detail(CallEvent.Detail.DEPARTMENT);
        if (notBefore == null || department == null) {
            return calls.lock(request.callId()).map(call -> requested(call, request.to())).orElse(false);
        }
        Instant queuedAt = request.occurredAt() != null ? request.occurredAt() : Instant.now();
        boolean becameCallback = calls.upsertCallbackAtOpening(request.callId(), department, request.from(), regionUrl,
                queuedAt, request.to(), config.defaultRetries(), notBefore);
        if (becameCallback) {
            LOG.infof("Call %s becomes a callback to %s for department %s, not before its opening %s", request.callId(),
                    PhoneNumbers.mask(request.to()), department, notBefore);
            written.fire(new WorkWritten(RoutedCallRepository.LOOP));
        }
        return becameCallback;
    }

    private static Instant notBefore(CallEvent request) {
        String value = request.detail(CallEvent.Detail.NOT_BEFORE);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            LOG.warnf("Callback request of call %s has an unreadable notBefore '%s'", request.callId(), value);
            return null;
        }
    }

    /**
     * Whether the call is a callback for its department's opening not dialled yet: before each claim for it the
     * department's settings are read (cached {@code directory.department-cache-ttl}), for its {@code callbackRetries}
     * ({@link #settingsLoaded}) and its hours, which may have changed since the request ({@link #closedAtOpening}).
     */
    public boolean opensFirst(RoutedCall call) {
        return call.callbackNotBefore != null && call.callbackTries == 0;
    }

    /** The department's settings were read: a callback for its opening takes the department's retries. */
    public void settingsLoaded(RoutedCall call, DirectoryModel.Department department) {
        if (opensFirst(call) && department.callbackRetries() != null && department.callbackRetries() >= 0) {
            call.callbackRetries = department.callbackRetries();
        }
    }

    /**
     * When the department is closed at {@code now} by its opening hours (the gateway's reckoning, shared): its next
     * opening, or, with none within about a year, {@link #CLOSED_RECHECK} later (asked again then); null while open.
     */
    static Instant closedUntil(DirectoryModel.Department department, Instant now) {
        return OpeningTimes.of(department.openingHours()).filter(hours -> !hours.isOpen(now))
                .map(hours -> hours.nextOpening(now).map(ZonedDateTime::toInstant).orElse(now.plus(CLOSED_RECHECK)))
                .orElse(null);
    }

    /**
     * A callback for its department's opening came due, but the department's hours changed meanwhile and it is closed
     * now: no agent is reserved and nobody dialled; it waits, keeping its place, for {@code until} (the next opening).
     */
    public void closedAtOpening(RoutedCall call, Instant until) {
        call.callbackNotBefore = until;
        call.nextTryAt = until;
        call.missedAgentAt = null; // a call that found nobody free holds up the younger ones: not while it is not due
        call.updatedAt = Instant.now();
        LOG.infof("Department %s of callback %s is closed at its opening after all; waiting until %s",
                call.departmentId, call.callId, until);
    }

    /** Whether the call is a callback whose caller is not on the line: its turn calls the caller first. */
    public boolean awaitsCallerLeg(RoutedCall call) {
        return call.callbackNumber != null && call.callbackLegId == null;
    }

    /**
     * The call's own (first) leg ended, not a degraded menu answer. After a callback request: the call keeps its place
     * ({@link #callerLegEnded}), unless an agent answered into the conversation meanwhile (the request then came too
     * late: the call ends as a caller leaving a conversation, no callback). Within the callback dialogue but no request
     * applied yet: held ({@link #heldAtHangUp}), since the request may be applied after the hang-up. Otherwise the
     * caller left ({@link CallTransitions#callerLeft}).
     */
    public void ownLegEnded(RoutedCall call, Instant at) {
        Instant left = at != null ? at : Instant.now();
        if (call.callbackNumber != null && call.state != RoutedCall.State.CONNECTED) {
            callerLegEnded(call);
        } else if (call.callbackNumber == null && mayStillRequest(call, left)) {
            heldAtHangUp(call, left);
        } else {
            transitions.callerLeft(call, left, false);
        }
    }

    /** Hung up at {@code left} in the dialogue's time after the offer, by a caller still waiting for their agent. */
    private boolean mayStillRequest(RoutedCall call, Instant left) {
        return inDialogue(call, config.dialogueTime(), left)
                && (call.state == RoutedCall.State.WAITING || call.state == RoutedCall.State.CALLING
                        || call.state == RoutedCall.State.RINGING);
    }

    /**
     * Whether the call, due to overflow, must first be known to have no unread callback request: its caller was offered
     * a callback and asked for none that routing applied. The gateway confirms a request once Kafka acknowledged it, so
     * routing overflows such a call only when it has read the call's records up to {@link #requestsBefore} (or after
     * {@code routing.callback.unread-request-wait}): ending it first would break the promise (a late request for an
     * overflowed call is refused).
     */
    public boolean mayHaveUnreadRequest(RoutedCall call) {
        return call.callbackOfferedAt != null && call.callbackNumber == null
                && Instant.now().isBefore(requestsBefore(call).plus(config.unreadRequestWait()));
    }

    /** Every request of the call was produced before this instant: its dialogue's end, with a margin for clocks. */
    public Instant requestsBefore(RoutedCall call) {
        return call.callbackOfferedAt.plus(config.dialogueTime()).plus(CLOCK_MARGIN);
    }

    /** The call's overflow waits until routing has read its records ({@link #mayHaveUnreadRequest}); asked again soon. */
    public void overflowWhenRead(RoutedCall call) {
        call.nextTryAt = Instant.now().plus(READ_CHECK_EVERY);
        call.updatedAt = Instant.now();
    }

    /**
     * Whether the caller may be in the callback dialogue at {@code at}: offered within {@code dialogueTime} before, their
     * own leg not ended, not called back. Their leg is then out of the call's conversation (moved to the offer), so an
     * agent answering meanwhile ({@link CallTransitions}) has it moved back at once: the dialogue ends and they talk,
     * whether or not a request was applied (a request applied before or after is refused: the call is connected). A
     * caller who declined is back in the conversation already; moving them into it again costs a moment of silence.
     */
    static boolean inDialogue(RoutedCall call, Duration dialogueTime, Instant at) {
        return call.callbackOfferedAt != null && call.callbackLegId == null && !call.callerGone
                && !at.isAfter(call.callbackOfferedAt.plus(dialogueTime));
    }

    /**
     * The caller hung up in the callback dialogue and routing has no request (yet): an agent being called is released
     * as for a callback, and the call waits, served by nobody, for {@code routing.queue.ringing-grace} after the
     * hang-up: a request applied meanwhile makes it a callback ({@link #requested}); none, and it is abandoned when it
     * comes due ({@link #holdOver}).
     */
    private void heldAtHangUp(RoutedCall call, Instant left) {
        callerLegEnded(call);
        call.callerGone = true;
        call.callerGoneAt = left;
        Instant holdEnd = left.plus(queue.ringingGrace());
        call.nextTryAt = holdEnd.isAfter(Instant.now()) ? holdEnd : Instant.now();
        call.updatedAt = Instant.now();
        LOG.infof("Caller of call %s hung up in the callback dialogue; a request may still come until %s",
                call.callId, call.nextTryAt);
    }

    /** Whether the call is held for a callback request after its caller hung up in the dialogue. */
    private boolean heldForRequest(RoutedCall call) {
        return call.state == RoutedCall.State.WAITING && call.callerGone && call.callbackNumber == null
                && call.callbackOfferedAt != null && call.callerGoneAt != null
                && !call.callerGoneAt.isAfter(call.callbackOfferedAt.plus(config.dialogueTime()));
    }

    /**
     * A waiting call whose caller is gone came due at its queue's head: no agent is claimed for it. A call held for a
     * callback request is abandoned once its hold is over (before, it is due again at the hold's end).
     */
    public void holdOver(RoutedCall call) {
        Instant holdEnd = call.callerGoneAt == null ? Instant.now() : call.callerGoneAt.plus(queue.ringingGrace());
        if (Instant.now().isBefore(holdEnd)) {
            call.nextTryAt = holdEnd; // made due early (an agent became free)
            call.updatedAt = Instant.now();
            return;
        }
        transitions.finish(call, null, AssignmentOutcome.ABANDONED);
        LOG.infof("Caller of call %s hung up in the callback dialogue without a request: abandoned", call.callId);
    }

    /**
     * The caller's own leg ended after they asked for a callback: the call keeps waiting. An agent being called for it
     * meanwhile (claimed or ringing while the caller was in the callback dialogue) is released and their leg hung up,
     * since nobody is in the conversation to talk to.
     */
    public void callerLegEnded(RoutedCall call) {
        if (call.state != RoutedCall.State.CALLING && call.state != RoutedCall.State.RINGING) {
            return;
        }
        Attempt attempt = transitions.current(call);
        transitions.hangUp(call, attempt);
        CallTransitions.endAttempt(attempt, Attempt.State.CANCELLED);
        transitions.release(call, attempt, "CANCELLED");
        transitions.backToQueue(call);
    }

    /** A callback's turn: its agent is reserved (claimed); the caller's callback leg is placed now. */
    public void agentReserved(RoutedCall call) {
        call.state = RoutedCall.State.CALLING_BACK;
        call.tryCount = 0;
        call.nextTryAt = Instant.now();
        call.updatedAt = Instant.now();
    }

    /**
     * Vonage created the callback leg (or its first event named it before its uuid was stored): it rings for
     * {@code routing.callback.ringing-timeout}, given up after that plus {@code routing.queue.ringing-grace}.
     */
    public void legPlaced(RoutedCall call, String legId) {
        call.callbackLegId = legId;
        call.callbackTries++;
        call.tryCount = 0;
        call.nextTryAt = Instant.now().plus(config.ringingTimeout()).plus(queue.ringingGrace());
        call.updatedAt = Instant.now();
        LOG.infof("Calling back call %s (try %d, leg %s)", call.callId, call.callbackTries, legId);
    }

    /**
     * The caller answered the callback: they wait in the conversation for the reserved agent, whose leg is created
     * now ({@code CALLING}, due at once: the queue's agent-leg step creates it).
     */
    public void answered(RoutedCall call) {
        if (call.state != RoutedCall.State.CALLING_BACK) {
            return;
        }
        call.state = RoutedCall.State.CALLING;
        call.tryCount = 0;
        call.nextTryAt = Instant.now();
        call.updatedAt = Instant.now();
        written.fire(new WorkWritten(RoutedCallRepository.LOOP));
    }

    /**
     * The callback leg ended without an answer, Vonage refused it, or it rang past its time without a final event
     * ({@code hangUp}: hang it up). The reserved agent is released ({@code CANCELLED}, not counted against them); the
     * caller is tried again after {@code routing.callback.retry-gap}, keeping the place; after the department's
     * retries the callback is recorded as failed ({@code FAILED} without an agent).
     */
    public void unanswered(RoutedCall call, boolean hangUp) {
        if (call.state != RoutedCall.State.CALLING_BACK) {
            return;
        }
        if (hangUp && call.callbackLegId != null) {
            transitions.hangUpLeg(call, call.callbackLegId);
        }
        Attempt attempt = transitions.current(call);
        CallTransitions.endAttempt(attempt, Attempt.State.CANCELLED);
        transitions.release(call, attempt, "CANCELLED");
        call.callbackLegId = null;
        int retries = call.callbackRetries == null ? config.defaultRetries() : call.callbackRetries;
        if (call.callbackTries > retries) {
            transitions.finish(call, null, AssignmentOutcome.FAILED);
            LOG.infof("Callback of call %s not answered after %d tries: failed", call.callId, call.callbackTries);
            return;
        }
        transitions.backToQueue(call);
        call.nextTryAt = Instant.now().plus(config.retryGap());
        LOG.infof("Callback of call %s not answered (try %d); again after %s", call.callId, call.callbackTries,
                config.retryGap());
    }

    /**
     * A callback leg rang past its ringing timeout plus the grace without a final event, and Vonage says
     * ({@code null}: unknown, or Vonage did not answer): answered → as its {@code answered} event; completed → the
     * caller answered and left; unanswered → that; anything else → given up (hung up, unanswered). Its real events,
     * arriving later, then find nothing pending.
     */
    public void ringingChecked(RoutedCall call, CallStatus status) {
        if (status == CallStatus.ANSWERED || status == CallStatus.COMPLETED) {
            LOG.warnf("Callback leg %s of call %s is %s at Vonage though no event said so; taking Vonage's word",
                    call.callbackLegId, call.callId, status.vonageWord());
        }
        if (status == CallStatus.ANSWERED) {
            answered(call);
        } else if (status == CallStatus.COMPLETED) {
            legEnded(call, true, null);
        } else {
            unanswered(call, status == null || !status.isUnanswered());
        }
    }

    /**
     * The callback leg ended while the caller waited for the agent or talked (or before the agent's leg was created):
     * as any caller leaving ({@link CallTransitions#callerLeft}); while it was still being placed: unanswered, or, when
     * it had talk time (its {@code answered} not seen yet), the caller answered and left: {@code ABANDONED}.
     */
    public void legEnded(RoutedCall call, boolean talked, Instant at) {
        if (call.state != RoutedCall.State.CALLING_BACK) {
            transitions.callerLeft(call, at, false);
        } else if (!talked) {
            unanswered(call, false);
        } else {
            Attempt attempt = transitions.current(call);
            CallTransitions.endAttempt(attempt, Attempt.State.CANCELLED);
            transitions.release(call, attempt, "CANCELLED");
            call.callerGone = true;
            call.callerGoneAt = at != null ? at : Instant.now();
            transitions.finish(call, attempt, AssignmentOutcome.ABANDONED);
        }
    }
}
