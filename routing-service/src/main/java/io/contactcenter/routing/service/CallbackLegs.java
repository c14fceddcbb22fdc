package io.contactcenter.routing.service;

import io.contactcenter.events.CallStatus;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.WaitingCallRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Places the callback legs of callbacks whose agent is reserved ({@code CALLING_BACK}), an adapter of
 * {@link CallbackTransitions} like {@link QueueWorker} is of {@link CallTransitions}: the call is locked and leased
 * ({@code routing.queue.leg-creation-lease}) and committed, {@code createCall} is made outside any transaction, and the
 * answer applied under the lock again. A crash in between: the leg, if Vonage created it, is adopted from its first
 * event (its events name the call) before the lease runs out; one created after the call moved on is hung up. A leg
 * that rang past its time without a final event is checked with Vonage the same way before it is given up: its events
 * may only be late (Kafka down, the gateway holding them in its journal), and a caller who answered must not be
 * called again ({@link CallbackTransitions#ringingChecked}).
 */
@ApplicationScoped
public class CallbackLegs {

    private static final Logger LOG = Logger.getLogger(CallbackLegs.class);

    private final WaitingCallRepository waiting;
    private final RoutedCallRepository calls;
    private final CallTransitions transitions;
    private final CallbackTransitions callbacks;
    private final VonageCalls vonage;

    public CallbackLegs(WaitingCallRepository waiting, RoutedCallRepository calls, CallTransitions transitions,
            CallbackTransitions callbacks, VonageCalls vonage) {
        this.waiting = waiting;
        this.calls = calls;
        this.transitions = transitions;
        this.callbacks = callbacks;
        this.vonage = vonage;
    }

    /** A callback leg to place, or (with its {@code legId}) to ask Vonage about: read under the call's lock. */
    private record Leg(String callId, String regionUrl, String number, String legId) {
    }

    /** Places one due callback leg, or checks one that rang past its time; false when none was due. */
    public boolean placeDue() {
        return LeasedCheck.run(() -> lease(false),
                leg -> vonage.createCallbackLeg(leg.regionUrl(), leg.callId(), leg.number()), this::placed)
                || LeasedCheck.run(() -> lease(true), leg -> vonage.legStatus(leg.regionUrl(), leg.legId()),
                        this::checked);
    }

    /** Null: nothing due; else the due leg (the call leased). */
    private Optional<Leg> lease(boolean legPlaced) {
        Optional<RoutedCall> found = waiting.lockDueCallingBack(Instant.now(), legPlaced);
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        transitions.requestStarted(call);
        return Optional.of(new Leg(call.callId, call.regionUrl, call.callbackNumber, call.callbackLegId));
    }

    private void placed(Leg placing, LeasedCheck.Answer<String> created) {
        String legId = created.value();
        RoutedCall call = calls.lock(placing.callId()).orElseThrow();
        if (legId != null && legId.equals(call.callbackLegId)) {
            return; // its first event arrived first and the leg was adopted
        }
        if (call.state != RoutedCall.State.CALLING_BACK || call.callbackLegId != null) {
            if (legId != null) {
                transitions.legCreatedTooLate(call, null, legId);
            }
        } else if (created.reached()) {
            callbacks.legPlaced(call, legId);
        } else if (created.failure().retryable()) {
            transitions.requestFailed(call, "callback createCall", created.failure());
        } else {
            callbacks.unanswered(call, false);
        }
    }

    /** What Vonage says of a callback leg that rang past its time, applied unless its event arrived meanwhile. */
    private void checked(Leg leg, LeasedCheck.Answer<Optional<CallStatus>> status) {
        if (!status.reached()) {
            LOG.warnf("Could not ask Vonage about callback leg %s of call %s (%s)", leg.legId(), leg.callId(),
                    status.failure().getMessage());
        }
        RoutedCall call = calls.lock(leg.callId()).orElseThrow();
        if (call.state == RoutedCall.State.CALLING_BACK && leg.legId().equals(call.callbackLegId)) {
            callbacks.ringingChecked(call, status.reached() ? status.value().orElse(null) : null);
        }
    }
}
