package io.contactcenter.routing.service;

import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.contactcenter.routing.domain.WaitingCallRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Places the callback legs of callbacks whose agent is reserved ({@code CALLING_BACK}), an adapter of
 * {@link CallbackTransitions} like {@link QueueWorker} is of {@link CallTransitions}: the call is locked and leased
 * ({@code routing.queue.leg-creation-lease}) and committed, {@code createCall} is made outside any transaction, and the
 * answer applied under the lock again. A crash in between: the leg, if Vonage created it, is adopted from its first
 * event (its events name the call) before the lease runs out; one created after the call moved on is hung up. A leg
 * that rang past its time without a final event is given up (hung up, unanswered).
 */
@ApplicationScoped
public class CallbackLegs {

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

    /** A callback leg to place: what Vonage needs, read under the call's lock. */
    private record Placing(String callId, String regionUrl, String number) {
    }

    /** Places (or gives up) one due callback leg; false when none was due. */
    public boolean placeDue() {
        Optional<Placing> start = QuarkusTransaction.requiringNew().call(this::startDue);
        if (start == null) {
            return false;
        }
        if (start.isEmpty()) {
            return true;
        }
        Placing placing = start.get();
        String legId = null;
        VonageFailure failure = null;
        try {
            legId = vonage.createCallbackLeg(placing.regionUrl(), placing.callId(), placing.number());
        } catch (VonageFailure e) {
            failure = e;
        }
        String created = legId;
        VonageFailure refused = failure;
        QuarkusTransaction.requiringNew().run(() -> apply(placing, created, refused));
        return true;
    }

    /** Null: nothing due; empty: a leg that rang too long was given up; else the leg to place (leased). */
    private Optional<Placing> startDue() {
        Optional<RoutedCall> found = waiting.lockDueCallingBack(Instant.now());
        if (found.isEmpty()) {
            return null;
        }
        RoutedCall call = found.get();
        if (call.callbackLegId != null) {
            callbacks.unanswered(call, true); // rang past its time without a final event
            return Optional.empty();
        }
        transitions.requestStarted(call);
        return Optional.of(new Placing(call.callId, call.regionUrl, call.callbackNumber));
    }

    private void apply(Placing placing, String legId, VonageFailure failure) {
        RoutedCall call = calls.lock(placing.callId()).orElseThrow();
        if (legId != null && legId.equals(call.callbackLegId)) {
            return; // its first event arrived first and the leg was adopted
        }
        if (call.state != RoutedCall.State.CALLING_BACK || call.callbackLegId != null) {
            if (legId != null) {
                transitions.legCreatedTooLate(call, null, legId);
            }
        } else if (failure == null) {
            callbacks.legPlaced(call, legId);
        } else if (failure.retryable()) {
            transitions.requestFailed(call, "callback createCall", failure);
        } else {
            callbacks.unanswered(call, false);
        }
    }
}
