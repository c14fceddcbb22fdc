package io.contactcenter.routing.service;

import static io.contactcenter.events.AssignmentOutcome.ABANDONED;
import static io.contactcenter.events.AssignmentOutcome.FAILED;
import static io.contactcenter.routing.service.TransitionFakes.CALLBACK_GAP;
import static io.contactcenter.routing.service.TransitionFakes.CALLBACK_RINGING;
import static io.contactcenter.routing.service.TransitionFakes.DIALOGUE;
import static io.contactcenter.routing.service.TransitionFakes.GRACE;
import static io.contactcenter.routing.service.TransitionFakes.RECLAIM;
import static io.contactcenter.routing.service.TransitionFakes.UNREAD_REQUEST_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.events.CallStatus;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each transition of a callback ({@link CallbackTransitions}; routing-service/README.md, "Callbacks") and of what a
 * waiting caller hears ({@link WaitingCallerTransitions}) in isolation, over the in-memory fakes.
 */
class CallbackTransitionsTest {

    private final TransitionFakes fakes = new TransitionFakes();
    private final CallbackTransitions callbacks = fakes.callbacks;

    private static void assertAbout(Instant expected, Instant actual) {
        assertTrue(Math.abs(Duration.between(expected, actual).toMillis()) < 2000, expected + " vs " + actual);
    }

    /** A waiting call whose caller asked for a callback on 447700900999 and left (the agent is then reserved). */
    private RoutedCall callbackWithAgentReserved(String agentId) {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 1);
        assertTrue(callbacks.requested(call, "447700900999"));
        callbacks.callerLegEnded(call);
        fakes.calling(call, agentId);
        assertTrue(callbacks.awaitsCallerLeg(call));
        callbacks.agentReserved(call);
        return call;
    }

    @Test
    void anAnnouncementSchedulesTheNextAfterTheDepartmentsInterval() {
        RoutedCall call = fakes.waitingCall();
        new WaitingCallerTransitions().announced(call, 30);
        assertAbout(Instant.now().plusSeconds(30), call.nextAnnounceAt);
    }

    @Test
    void aCallOfferedACallbackOverflowsOnlyOnceItsRecordsAreKnownReadOrAfterTheUnreadRequestWait() {
        RoutedCall notOffered = fakes.waitingCall();
        assertFalse(callbacks.mayHaveUnreadRequest(notOffered), "nothing to wait for");

        RoutedCall offered = fakes.waitingCall();
        offered.callbackOfferedAt = Instant.now().minus(DIALOGUE).minusSeconds(10);
        assertTrue(callbacks.mayHaveUnreadRequest(offered));
        assertTrue(callbacks.requestsBefore(offered).isAfter(offered.callbackOfferedAt.plus(DIALOGUE)),
                "every request was made in the dialogue, with a margin for the gateway's clock");
        callbacks.overflowWhenRead(offered);
        assertTrue(offered.nextTryAt.isAfter(Instant.now()), "asked again later, not in a loop");
        assertTrue(Duration.between(Instant.now(), offered.nextTryAt).compareTo(RECLAIM.multipliedBy(2)) <= 0);

        RoutedCall requested = fakes.waitingCall();
        requested.callbackOfferedAt = offered.callbackOfferedAt;
        requested.callbackNumber = "447700900123";
        assertFalse(callbacks.mayHaveUnreadRequest(requested), "its request was applied");

        RoutedCall longAgo = fakes.waitingCall(); // the broker away for longer than the bound: overflowed anyway
        longAgo.callbackOfferedAt = Instant.now().minus(DIALOGUE).minus(UNREAD_REQUEST_WAIT).minusSeconds(10);
        assertFalse(callbacks.mayHaveUnreadRequest(longAgo));
    }

    @Test
    void anOfferIsNotedWithTheRetriesAndSilencesAnnouncementsDuringTheDialogue() {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 4);
        assertEquals(4, call.callbackRetries);
        assertAbout(Instant.now(), call.callbackOfferedAt);
        assertAbout(Instant.now().plus(DIALOGUE), call.nextAnnounceAt);
    }

    @Test
    void aRequestedCallbackKeepsThePlaceAndTheCallersHangUpDoesNotAbandonIt() {
        RoutedCall call = fakes.waitingCall();
        Instant queuedAt = call.queuedAt;
        assertTrue(callbacks.requested(call, "447700900999"));
        assertFalse(callbacks.requested(call, "447700900888"), "a repeated request changes nothing");
        callbacks.callerLegEnded(call);

        assertEquals("447700900999", call.callbackNumber);
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertEquals(queuedAt, call.queuedAt);
        assertFalse(call.callerGone);
        assertEquals(2, call.callbackRetries, "the default when it was never offered");
        assertTrue(fakes.published.isEmpty());
        assertFalse(fakes.transitions.overflowDue(call), "a callback never overflows");
        call.queuedAt = Instant.now().minusSeconds(3600);
        assertFalse(fakes.transitions.overflowDue(call));
    }

    @Test
    void aRequestWhileAnAgentTalksOrAfterTheCallerLeftIsRefused() {
        RoutedCall connected = fakes.waitingCall();
        fakes.connected(connected, "a1", "leg-1");
        assertFalse(callbacks.requested(connected, "447700900999"));
        RoutedCall gone = fakes.waitingCall();
        fakes.transitions.callerLeft(gone, Instant.now(), false);
        assertFalse(callbacks.requested(gone, "447700900999"));
        assertNull(gone.callbackNumber);
    }

    @Test
    void anAgentRingingWhileTheCallerTookTheCallbackIsReleasedAndTheCallWaitsAgain() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        assertTrue(callbacks.requested(call, "447700900999"));
        callbacks.callerLegEnded(call);

        assertEquals(RoutedCall.State.WAITING, call.state);
        assertEquals(Attempt.State.CANCELLED, attempt.state);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertTrue(fakes.published.isEmpty());
    }

    @Test
    void itsTurnReservesTheAgentThenCallsTheCallerFirst() {
        RoutedCall call = callbackWithAgentReserved("a1");
        assertEquals(RoutedCall.State.CALLING_BACK, call.state);
        assertAbout(Instant.now(), call.nextTryAt);
        assertTrue(fakes.published.isEmpty(), "the agent is not rung before the caller answered");

        callbacks.legPlaced(call, "cb-1");
        assertEquals("cb-1", call.callbackLegId);
        assertEquals(1, call.callbackTries);
        assertAbout(Instant.now().plus(CALLBACK_RINGING).plus(GRACE), call.nextTryAt);
        assertFalse(callbacks.awaitsCallerLeg(call));
    }

    @Test
    void theCallerAnsweringTheCallbackMakesTheAgentsLegDue() {
        RoutedCall call = callbackWithAgentReserved("a1");
        callbacks.legPlaced(call, "cb-1");
        fakes.wakeUps.clear();
        callbacks.answered(call);

        assertEquals(RoutedCall.State.CALLING, call.state);
        assertAbout(Instant.now(), call.nextTryAt);
        assertEquals(RoutedCallRepository.LOOP, fakes.wakeUps.get(0).loop());
        assertEquals(Attempt.State.CLAIMED, fakes.attemptRows.get(call.currentAttemptId).state);
    }

    @Test
    void anUnansweredCallbackReleasesTheAgentAndIsTriedAgainAfterTheGapKeepingItsPlace() {
        RoutedCall call = callbackWithAgentReserved("a1");
        Instant queuedAt = call.queuedAt;
        callbacks.legPlaced(call, "cb-1");
        fakes.clearWrites();
        callbacks.unanswered(call, true);

        assertEquals(RoutedCall.State.WAITING, call.state);
        assertNull(call.callbackLegId);
        assertNull(call.currentAttemptId);
        assertEquals(queuedAt, call.queuedAt);
        assertAbout(Instant.now().plus(CALLBACK_GAP), call.nextTryAt);
        assertEquals(List.of("HANGUP_LEG null", "RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertTrue(fakes.published.isEmpty());
        assertTrue(callbacks.awaitsCallerLeg(call), "the next turn calls the caller first again");
    }

    @Test
    void afterTheDepartmentsRetriesAnUnansweredCallbackFails() {
        RoutedCall call = callbackWithAgentReserved("a1"); // offered with 1 retry
        callbacks.legPlaced(call, "cb-1");
        callbacks.unanswered(call, false);
        fakes.calling(call, "a1");
        callbacks.agentReserved(call);
        callbacks.legPlaced(call, "cb-2");
        fakes.clearWrites();
        callbacks.unanswered(call, false);

        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals("FAILED", call.outcome);
        assertEquals(List.of(FAILED), fakes.outcomes());
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
    }

    @Test
    void theCallbackLegEndingAfterTheAnswerIsTheCallerLeaving() {
        RoutedCall call = callbackWithAgentReserved("a1");
        callbacks.legPlaced(call, "cb-1");
        callbacks.answered(call);
        fakes.clearWrites();
        callbacks.legEnded(call, true, Instant.now());

        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals(List.of(ABANDONED), fakes.outcomes());
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
    }

    @Test
    void aCallbackLegThatTalkedButEndedBeforeItsAnswerWasSeenIsAbandonedNotRetried() {
        RoutedCall call = callbackWithAgentReserved("a1");
        callbacks.legPlaced(call, "cb-1");
        fakes.clearWrites();
        callbacks.legEnded(call, true, Instant.now());

        assertEquals(RoutedCall.State.DONE, call.state);
        assertTrue(call.callerGone);
        assertEquals(List.of(ABANDONED), fakes.outcomes());
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
    }
    @Test
    void aCallbackLegPastItsRingingTimeIsTakenAsVonageReportsIt() {
        RoutedCall answered = callbackWithAgentReserved("a1");
        callbacks.legPlaced(answered, "cb-1");
        fakes.clearWrites();
        callbacks.ringingChecked(answered, CallStatus.ANSWERED);
        assertEquals(RoutedCall.State.CALLING, answered.state, "the agent's leg is due: no second callback");
        assertTrue(fakes.taskList().isEmpty());

        RoutedCall talkedAndLeft = callbackWithAgentReserved("a2");
        callbacks.legPlaced(talkedAndLeft, "cb-2");
        callbacks.ringingChecked(talkedAndLeft, CallStatus.COMPLETED);
        assertEquals("ABANDONED", talkedAndLeft.outcome);

        RoutedCall refused = callbackWithAgentReserved("a3");
        callbacks.legPlaced(refused, "cb-3");
        fakes.clearWrites();
        callbacks.ringingChecked(refused, CallStatus.BUSY);
        assertEquals(RoutedCall.State.WAITING, refused.state);
        assertEquals(List.of("RELEASE_AGENT a3 CANCELLED"), fakes.taskList(), "an ended leg is not hung up");

        RoutedCall stillRinging = callbackWithAgentReserved("a4");
        callbacks.legPlaced(stillRinging, "cb-4");
        fakes.clearWrites();
        callbacks.ringingChecked(stillRinging, null); // unknown, or Vonage did not answer
        assertEquals(RoutedCall.State.WAITING, stillRinging.state);
        assertEquals(List.of("HANGUP_LEG null", "RELEASE_AGENT a4 CANCELLED"), fakes.taskList());
    }

    // ---- the caller's hang-up applied before their request (a call's records are applied in any order)

    @Test
    void aHangUpInTheDialogueAppliedBeforeTheRequestHoldsTheCallAndTheRequestStillKeepsThePlace() {
        RoutedCall call = fakes.waitingCall();
        Instant queuedAt = call.queuedAt;
        callbacks.offered(call, 1);
        callbacks.ownLegEnded(call, Instant.now());

        assertEquals(RoutedCall.State.WAITING, call.state, "held, not abandoned");
        assertTrue(call.callerGone);
        assertAbout(Instant.now().plus(GRACE), call.nextTryAt);
        assertTrue(fakes.published.isEmpty());

        assertTrue(callbacks.requested(call, "447700900999"));
        assertFalse(call.callerGone);
        assertEquals(queuedAt, call.queuedAt);
        assertAbout(Instant.now(), call.nextTryAt);
        assertTrue(callbacks.awaitsCallerLeg(call));
        assertTrue(fakes.published.isEmpty());
    }

    @Test
    void aHeldCallWithoutARequestIsAbandonedOnlyWhenItsHoldIsOver() {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 1);
        callbacks.ownLegEnded(call, Instant.now());
        call.nextTryAt = Instant.now(); // made due early: an agent became free
        callbacks.holdOver(call);
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertAbout(Instant.now().plus(GRACE), call.nextTryAt);

        call.callerGoneAt = Instant.now().minus(GRACE).minusSeconds(1);
        callbacks.holdOver(call);
        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals(List.of(ABANDONED), fakes.outcomes());
        assertFalse(callbacks.requested(call, "447700900999"), "too late");
    }

    @Test
    void anAgentRingingWhenTheCallerHungUpInTheDialogueIsReleasedWhileTheCallIsHeld() {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 1);
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        callbacks.ownLegEnded(call, Instant.now());

        assertEquals(RoutedCall.State.WAITING, call.state);
        assertEquals(Attempt.State.CANCELLED, attempt.state);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertTrue(callbacks.requested(call, "447700900999"));
    }

    @Test
    void aHangUpAfterTheDialogueOrWithoutAnOfferIsTheCallerLeaving() {
        RoutedCall late = fakes.waitingCall();
        callbacks.offered(late, 1);
        callbacks.ownLegEnded(late, late.callbackOfferedAt.plus(DIALOGUE).plusSeconds(1));
        RoutedCall neverOffered = fakes.waitingCall();
        callbacks.ownLegEnded(neverOffered, Instant.now());

        assertEquals(RoutedCall.State.DONE, late.state);
        assertEquals(RoutedCall.State.DONE, neverOffered.state);
        assertEquals(List.of(ABANDONED, ABANDONED), fakes.outcomes());
    }

    @Test
    void aRequestAppliedWhileTheAgentRangWhoThenAnsweredGivesNoCallbackAndNoSecondAgent() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        assertTrue(callbacks.requested(call, "447700900999"));
        fakes.transitions.legAnswered(call, attempt, Instant.now());
        fakes.clearWrites();
        callbacks.ownLegEnded(call, Instant.now());

        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals("COMPLETED", call.outcome);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 COMPLETED"), fakes.taskList());
        assertFalse(callbacks.awaitsCallerLeg(call) && call.isActive(), "no callback is made");
    }

    // ---- an agent answering while the caller is in the callback dialogue (their leg out of the conversation)

    @Test
    void anAgentAnsweringWhileTheCallerIsInTheDialogueBringsTheCallerBackAndALaterRequestIsRefused() {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 1);
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        fakes.transitions.legAnswered(call, attempt, Instant.now());

        assertEquals(RoutedCall.State.CONNECTED, call.state);
        assertEquals(List.of("CONNECT_CALLER a1", "MARK_ANSWERED a1"), fakes.taskList());
        assertEquals(call.callId, fakes.tasks.get(0).legId, "the caller's own leg is moved into the conversation");

        fakes.clearWrites();
        assertFalse(callbacks.requested(call, "447700900999"), "the request raced the answer: refused");
        assertNull(call.callbackNumber);
        assertEquals(RoutedCall.State.CONNECTED, call.state);
        assertTrue(fakes.taskList().isEmpty(), "nothing hung up, nobody released");
        assertTrue(fakes.published.isEmpty());
    }

    @Test
    void anAgentAnsweringAfterARequestWhileTheCallerHearsTheConfirmationBringsThemBackToo() {
        RoutedCall call = fakes.waitingCall();
        callbacks.offered(call, 1);
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        assertTrue(callbacks.requested(call, "447700900999"));
        fakes.clearWrites();
        fakes.transitions.legAnswered(call, attempt, Instant.now());

        assertEquals(RoutedCall.State.CONNECTED, call.state);
        assertEquals(List.of("CONNECT_CALLER a1", "MARK_ANSWERED a1"), fakes.taskList());
    }

    @Test
    void anAgentAnsweringAfterTheDialogueTimeOrWithoutAnOfferMovesNobody() {
        RoutedCall late = fakes.waitingCall();
        callbacks.offered(late, 1);
        late.callbackOfferedAt = Instant.now().minus(DIALOGUE).minusSeconds(1);
        RoutedCall neverOffered = fakes.waitingCall();
        fakes.connected(late, "a1", "leg-1");
        fakes.connected(neverOffered, "a2", "leg-2");

        assertEquals(List.of("MARK_ANSWERED a1", "MARK_ANSWERED a2"), fakes.taskList());
    }

    // ---- a callback for its department's opening, when it comes due

    /** Department "sales" with {@code callbackRetries} and opening hours (null: always open). */
    private static DirectoryModel.Department sales(Integer callbackRetries, DirectoryModel.OpeningHours hours) {
        return new DirectoryModel.Department("sales", 1, "Sales", null, null, null, null, null, null, callbackRetries,
                null, null, null, null, null, hours, null);
    }

    private static DirectoryModel.OpeningHours mondaysNineToFive(String... closures) {
        return new DirectoryModel.OpeningHours("Europe/London",
                List.of(new DirectoryModel.OpeningHours.Interval("MONDAY", "09:00", "17:00")),
                Arrays.stream(closures).map(date -> new DirectoryModel.OpeningHours.Closure(date, "holiday")).toList());
    }

    @Test
    void aCallbackForAnOpeningTakesTheDepartmentsRetriesUntilItIsFirstDialled() {
        RoutedCall call = fakes.waitingCall();
        call.callbackNumber = "447700900999";
        call.callbackRetries = 2; // routing's default, carried by the request
        call.callbackNotBefore = Instant.now();
        assertTrue(callbacks.opensFirst(call));
        callbacks.settingsLoaded(call, sales(null, null));
        assertEquals(2, call.callbackRetries, "a department without the setting leaves the default");
        callbacks.settingsLoaded(call, sales(0, null));
        assertEquals(0, call.callbackRetries);

        call.callbackTries = 1;
        assertFalse(callbacks.opensFirst(call), "dialled once: its department is not read again");
        callbacks.settingsLoaded(call, sales(5, null));
        assertEquals(0, call.callbackRetries);
        RoutedCall offered = fakes.waitingCall();
        callbacks.offered(offered, 3);
        callbacks.settingsLoaded(offered, sales(5, null));
        assertEquals(3, offered.callbackRetries, "an offered callback keeps the retries of its offer");
    }

    @Test
    void aDepartmentClosedWhenItsCallbackComesDueIsWaitedForUntilItsNextOpening() {
        Instant mondayNoon = Instant.parse("2026-12-07T12:00:00Z"); // London: GMT
        Instant mondayEvening = Instant.parse("2026-12-07T18:00:00Z");
        assertNull(CallbackTransitions.closedUntil(sales(null, mondaysNineToFive()), mondayNoon), "open");
        assertNull(CallbackTransitions.closedUntil(sales(null, null), mondayEvening), "no hours: always open");
        assertEquals(Instant.parse("2026-12-14T09:00:00Z"),
                CallbackTransitions.closedUntil(sales(null, mondaysNineToFive()), mondayEvening));
        assertEquals(Instant.parse("2026-12-21T09:00:00Z"), CallbackTransitions.closedUntil(
                sales(null, mondaysNineToFive("2026-12-14")), mondayEvening), "a closure is skipped");
        DirectoryModel.OpeningHours never = new DirectoryModel.OpeningHours("Europe/London", List.of(), List.of());
        assertEquals(mondayEvening.plus(CallbackTransitions.CLOSED_RECHECK),
                CallbackTransitions.closedUntil(sales(null, never), mondayEvening), "no opening in sight: asked again");

        RoutedCall call = fakes.waitingCall();
        call.callbackNumber = "447700900999";
        call.callbackNotBefore = mondayNoon;
        call.missedAgentAt = mondayNoon; // it found nobody free at an earlier claim
        callbacks.closedAtOpening(call, Instant.parse("2026-12-14T09:00:00Z"));
        assertNull(call.missedAgentAt, "it does not hold up the calls behind it until then");
        assertEquals(Instant.parse("2026-12-14T09:00:00Z"), call.callbackNotBefore);
        assertEquals(call.callbackNotBefore, call.nextTryAt);
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertTrue(fakes.taskList().isEmpty() && fakes.published.isEmpty(), "nobody reserved, nothing published");
    }
}
