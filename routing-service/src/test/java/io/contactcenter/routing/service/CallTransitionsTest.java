package io.contactcenter.routing.service;

import static io.contactcenter.events.AssignmentOutcome.ABANDONED;
import static io.contactcenter.events.AssignmentOutcome.ANSWERED;
import static io.contactcenter.events.AssignmentOutcome.COMPLETED;
import static io.contactcenter.events.AssignmentOutcome.FAILED;
import static io.contactcenter.events.AssignmentOutcome.NO_AGENT;
import static io.contactcenter.events.AssignmentOutcome.NO_ANSWER;
import static io.contactcenter.events.AssignmentOutcome.RINGING;
import static io.contactcenter.routing.service.TransitionFakes.CONNECTED_CHECK;
import static io.contactcenter.routing.service.TransitionFakes.DIALOGUE;
import static io.contactcenter.routing.service.TransitionFakes.GRACE;
import static io.contactcenter.routing.service.TransitionFakes.LEASE;
import static io.contactcenter.routing.service.TransitionFakes.RECLAIM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallStatus;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.domain.Attempt;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each row of the routing rules table (routing-service/README.md) as one transition of {@link CallTransitions}, in
 * isolation: the call's state fields, the tasks and the Assignment records it writes. Kafka, PostgreSQL, the
 * directory and Vonage are the component tests' business.
 */
class CallTransitionsTest {

    private final TransitionFakes fakes = new TransitionFakes();
    private final CallTransitions transitions = fakes.transitions;

    private static void assertAbout(Instant expected, Instant actual) {
        assertTrue(Math.abs(Duration.between(expected, actual).toMillis()) < 2000, expected + " vs " + actual);
    }

    @Test
    void aRouteRequestQueuesTheCallOnce() {
        RouteRequest request = new RouteRequest("e1", RouteRequest.VERSION, "c1", "sales", "447700900123",
                "cc-c1", null, Instant.parse("2026-11-22T10:00:00Z"));
        assertTrue(transitions.requested(request, null));
        assertFalse(transitions.requested(request, null), "a redelivered request queues nothing");
        RoutedCall call = fakes.callRows.get("c1");
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertEquals(request.requestedAt(), call.queuedAt);
        assertTrue(fakes.published.isEmpty());
    }

    @Test
    void aRouteRequestAfterTheCallerLeftIsAbandoned() {
        transitions.callerLeftBeforeRequest("c2");
        RouteRequest request = new RouteRequest("e2", RouteRequest.VERSION, "c2", "sales", "447700900123",
                "cc-c2", null, Instant.now());
        assertFalse(transitions.requested(request, null));
        assertEquals(List.of(ABANDONED), fakes.outcomes());
        assertEquals(RoutedCall.State.DONE, fakes.callRows.get("c2").state);
    }

    @Test
    void aClaimedAgentMakesTheCallCallingUnderALease() {
        RoutedCall call = fakes.waitingCall();
        call.missedAgentAt = Instant.now();
        Attempt attempt = fakes.calling(call, "a1");
        assertEquals(RoutedCall.State.CALLING, call.state);
        assertEquals(attempt.id, call.currentAttemptId);
        assertEquals(Attempt.State.CLAIMED, attempt.state);
        assertEquals(1, attempt.attemptNo);
        assertEquals(1, call.attempts);
        assertNull(call.missedAgentAt, "younger calls no longer wait behind it");
        assertAbout(Instant.now().plus(LEASE), call.nextTryAt);
        assertTrue(fakes.published.isEmpty(), "RINGING only once the leg exists");
    }

    @Test
    void noAgentFreeAsksAgainAfterTheReclaimIntervalButNotPastTheMaxWait() {
        RoutedCall call = fakes.waitingCall();
        transitions.noAgentFree(call);
        assertNotNull(call.missedAgentAt);
        assertAbout(Instant.now().plus(RECLAIM), call.nextTryAt);

        RoutedCall late = fakes.waitingCall();
        late.queuedAt = Instant.now().minusSeconds(60).plusMillis(300);
        transitions.noAgentFree(late);
        assertEquals(late.queuedAt.plusSeconds(60), late.nextTryAt);
    }

    @Test
    void anAgentBecomingFreeMakesItsDepartmentsMissedCallsDueAndWakesTheQueue() {
        RoutedCall missed = fakes.waitingCall();
        transitions.noAgentFree(missed);
        RoutedCall otherDepartment = fakes.waitingCall();
        otherDepartment.departmentId = "support";
        transitions.noAgentFree(otherDepartment);

        assertEquals(1, transitions.agentFreed(List.of("sales")));
        assertFalse(missed.nextTryAt.isAfter(Instant.now()));
        assertTrue(otherDepartment.nextTryAt.isAfter(Instant.now()));
        assertEquals(RoutedCallRepository.LOOP, fakes.wakeUps.get(0).loop());
    }

    @Test
    void aCreatedLegRingsUntilItsTimeoutPlusTheGrace() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        assertEquals(RoutedCall.State.RINGING, call.state);
        assertEquals(Attempt.State.RINGING, attempt.state);
        assertEquals("leg-1", attempt.agentLegId);
        assertAbout(Instant.now().plusSeconds(20).plus(GRACE), call.nextTryAt);
        assertEquals(List.of(RINGING), fakes.outcomes());
    }

    @Test
    void aRefusedLegReleasesTheAgentAndPutsTheCallBackAtTheHeadOfTheQueue() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.calling(call, "a1");
        transitions.legRefused(call, attempt, 400);
        assertEquals(Attempt.State.FAILED, attempt.state);
        assertBackInTheQueue(call);
        assertEquals(List.of("RELEASE_AGENT a1 NO_ANSWER"), fakes.taskList());
        assertEquals(List.of(FAILED), fakes.outcomes());
    }

    @Test
    void aClaimTheDirectoryReleasedMeanwhileIsNotUsedAndNotReleasedAgain() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.calling(call, "a1");
        fakes.clearWrites();
        transitions.reservationLost(call, attempt);
        assertEquals(Attempt.State.CANCELLED, attempt.state);
        assertBackInTheQueue(call);
        assertTrue(fakes.taskList().isEmpty(), "the agent may be on another call: no release");
        assertTrue(fakes.outcomes().isEmpty());
    }

    @Test
    void anAnsweredLegConnectsTheCallOnce() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.legAnswered(call, attempt, Instant.now());
        transitions.legAnswered(call, attempt, Instant.now()); // duplicate
        assertEquals(RoutedCall.State.CONNECTED, call.state);
        assertEquals(Attempt.State.ANSWERED, attempt.state);
        assertAbout(Instant.now().plus(CONNECTED_CHECK), call.nextTryAt);
        assertEquals(List.of("MARK_ANSWERED a1"), fakes.taskList());
        assertEquals(List.of(ANSWERED), fakes.outcomes());
    }

    @Test
    void anUnansweredLegIsANoAnswerAndTheNextAgentIsTried() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.legUnanswered(call, attempt, CallStatus.BUSY);
        assertEquals(Attempt.State.NO_ANSWER, attempt.state);
        assertBackInTheQueue(call);
        assertEquals(List.of("RELEASE_AGENT a1 NO_ANSWER"), fakes.taskList());
        assertEquals(List.of(NO_ANSWER), fakes.outcomes());
    }

    @Test
    void aCompletedLegAfterItsAnswerEndsTheCall() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.connected(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.legCompleted(call, attempt, true, Instant.now().minusSeconds(5));
        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals("COMPLETED", call.outcome);
        assertEquals(List.of("RELEASE_AGENT a1 COMPLETED"), fakes.taskList());
        assertEquals(List.of(COMPLETED), fakes.outcomes());
    }

    @Test
    void aCompletedWithATalkTimeBeforeItsAnswerCountsAsAnsweredThenCompleted() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        transitions.legCompleted(call, attempt, true, null);
        assertEquals(List.of(RINGING, ANSWERED, COMPLETED), fakes.outcomes());
        assertEquals(RoutedCall.State.DONE, call.state);
    }

    @Test
    void aCompletedWithoutTalkTimeIsANoAnswer() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        transitions.legCompleted(call, attempt, false, null);
        assertEquals(List.of(RINGING, NO_ANSWER), fakes.outcomes());
        assertBackInTheQueue(call);
    }

    @Test
    void aStaleRingingLegIsHungUpAndTheNextAgentTried() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.staleRinging(call);
        assertEquals(Attempt.State.NO_ANSWER, attempt.state);
        assertBackInTheQueue(call);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 NO_ANSWER"), fakes.taskList());
        assertEquals(List.of(NO_ANSWER), fakes.outcomes());
    }

    @Test
    void aStaleRingingLegVonageReportsAnsweredIsConnectedNotGivenUp() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.ringingChecked(call, attempt, CallStatus.ANSWERED);
        assertEquals(RoutedCall.State.CONNECTED, call.state);
        assertEquals(Attempt.State.ANSWERED, attempt.state);
        assertEquals(List.of(ANSWERED), fakes.outcomes());
        assertFalse(fakes.taskList().stream().anyMatch(t -> t.startsWith("HANGUP_LEG")), fakes.taskList().toString());
    }

    @Test
    void aStaleRingingLegVonageReportsTimedOutIsANoAnswerAndOneStillRingingIsGivenUp() {
        RoutedCall timedOut = fakes.waitingCall();
        Attempt first = fakes.ringing(timedOut, "a1", "leg-1");
        transitions.ringingChecked(timedOut, first, CallStatus.TIMEOUT);
        assertEquals(Attempt.State.NO_ANSWER, first.state);
        assertBackInTheQueue(timedOut);
        RoutedCall stillRinging = fakes.waitingCall();
        Attempt second = fakes.ringing(stillRinging, "a2", "leg-2");
        fakes.clearWrites();
        transitions.ringingChecked(stillRinging, second, CallStatus.RINGING);
        assertEquals(List.of("HANGUP_LEG a2", "RELEASE_AGENT a2 NO_ANSWER"), fakes.taskList());
        assertBackInTheQueue(stillRinging);
    }

    @Test
    void aStaleRingingLegAfterTheCallerLeftIsAbandoned() {
        RoutedCall call = fakes.waitingCall();
        fakes.ringing(call, "a1", "leg-1");
        transitions.callerLeft(call, Instant.now(), false);
        fakes.clearWrites();
        transitions.staleRinging(call);
        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertEquals(List.of(ABANDONED), fakes.outcomes());
    }

    @Test
    void overflowTransfersTheCallerWhenAttemptsOrTheMaxWaitRunOut() {
        RoutedCall fresh = fakes.waitingCall();
        assertFalse(transitions.overflowDue(fresh));
        RoutedCall tried = fakes.waitingCall();
        tried.attempts = 3;
        assertTrue(transitions.overflowDue(tried));
        RoutedCall old = fakes.waitingCall();
        old.queuedAt = Instant.now().minusSeconds(61);
        assertTrue(transitions.overflowDue(old));

        transitions.overflow(old);
        assertEquals(RoutedCall.State.OVERFLOW, old.state);
        assertEquals("NO_AGENT", old.outcome);
        assertEquals(List.of("TRANSFER_OVERFLOW null"), fakes.taskList());
        assertEquals(List.of(NO_AGENT), fakes.outcomes());
    }

    @Test
    void aCallerInTheCallbackDialogueAtTheMaxWaitOverflowsOnlyWhenTheDialogueIsOver() {
        RoutedCall call = fakes.waitingCall();
        call.queuedAt = Instant.now().minusSeconds(61);
        call.callbackOfferedAt = Instant.now().minusSeconds(10);
        assertFalse(transitions.overflowDue(call), "the caller may be asking for a callback right now");
        transitions.noAgentFree(call);
        assertFalse(call.nextTryAt.isBefore(Instant.now()), "asked again at the reclaim, not at once in a loop");

        call.callbackOfferedAt = Instant.now().minus(DIALOGUE).minusSeconds(1);
        assertTrue(transitions.overflowDue(call));
    }

    @Test
    void theCallerLeavingWhileWaitingAbandonsTheCall() {
        RoutedCall call = fakes.waitingCall();
        transitions.callerLeft(call, Instant.now(), false);
        transitions.callerLeft(call, Instant.now(), false); // redelivered
        assertEquals(RoutedCall.State.DONE, call.state);
        assertTrue(fakes.tasks.isEmpty());
        assertEquals(List.of(ABANDONED), fakes.outcomes());
    }

    @Test
    void theCallerLeavingWhileTheLegIsCreatedCancelsTheClaim() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.calling(call, "a1");
        transitions.callerLeft(call, Instant.now(), false);
        assertEquals(Attempt.State.CANCELLED, attempt.state);
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertEquals(List.of(ABANDONED), fakes.outcomes());

        transitions.legCreatedTooLate(call, attempt.agentId, "leg-late");
        assertEquals("HANGUP_LEG a1", fakes.taskList().get(1), "the leg created meanwhile is hung up");
    }

    @Test
    void theCallerLeavingWhileTheAgentRingsWaitsForTheLegsOwnEvent() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        Instant left = Instant.now();
        fakes.clearWrites();
        transitions.callerLeft(call, left, false);
        assertEquals(RoutedCall.State.RINGING, call.state, "the leg's own event decides");
        assertEquals(List.of("HANGUP_LEG a1"), fakes.taskList());
        assertAbout(Instant.now().plus(GRACE), call.nextTryAt);

        transitions.legAnswered(call, attempt, left.minusSeconds(3)); // answered before the caller left
        assertEquals(List.of(ANSWERED, COMPLETED), fakes.outcomes());
        assertEquals("RELEASE_AGENT a1 COMPLETED", fakes.taskList().get(fakes.taskList().size() - 1));
    }

    @Test
    void anAnswerAfterTheCallerLeftIsAbandoned() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.ringing(call, "a1", "leg-1");
        Instant left = Instant.now();
        transitions.callerLeft(call, left, false);
        fakes.clearWrites();
        transitions.legAnswered(call, attempt, left.plusMillis(300));
        assertEquals(List.of(ABANDONED), fakes.outcomes());
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
    }

    @Test
    void aDegradedAnswerWhileTheAgentRingsCallsTheAgentOffAtOnce() {
        RoutedCall call = fakes.waitingCall();
        fakes.ringing(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.callerLeft(call, Instant.now(), true);
        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertEquals(List.of(ABANDONED), fakes.outcomes());
    }

    @Test
    void theCallerLeavingWhileTalkingHangsUpTheAgent() {
        RoutedCall call = fakes.waitingCall();
        fakes.connected(call, "a1", "leg-1");
        fakes.clearWrites();
        transitions.callerLeft(call, Instant.now(), false);
        assertEquals(RoutedCall.State.DONE, call.state);
        assertEquals(List.of("HANGUP_LEG a1", "RELEASE_AGENT a1 COMPLETED"), fakes.taskList());
        assertEquals(List.of(COMPLETED), fakes.outcomes());
    }

    @Test
    void aConnectedLegVonageSaysEndedFinishesTheCallAndALiveOneIsAskedAgainLater() {
        RoutedCall live = fakes.waitingCall();
        fakes.connected(live, "a1", "leg-1");
        transitions.stillConnected(live);
        assertEquals(RoutedCall.State.CONNECTED, live.state);
        assertAbout(Instant.now().plus(CONNECTED_CHECK), live.nextTryAt);

        RoutedCall ended = fakes.waitingCall();
        Attempt attempt = fakes.connected(ended, "a2", "leg-2");
        fakes.clearWrites();
        transitions.agentLegEndedUnseen(ended, attempt);
        transitions.agentLegEndedUnseen(ended, attempt); // the late event's twin changes nothing
        assertEquals(RoutedCall.State.DONE, ended.state);
        assertEquals(List.of("RELEASE_AGENT a2 COMPLETED"), fakes.taskList());
        assertEquals(List.of(COMPLETED), fakes.outcomes());
    }

    @Test
    void aLegNeverStoredIsAdoptedFromItsFirstEvent() {
        RoutedCall call = fakes.waitingCall();
        Attempt attempt = fakes.calling(call, "a1");
        transitions.legAdopted(call, attempt, "leg-found");
        assertEquals("leg-found", attempt.agentLegId);
        assertEquals(RoutedCall.State.RINGING, call.state);
        assertEquals(List.of(RINGING), fakes.outcomes());
    }

    @Test
    void aClaimAnsweredAfterTheCallStoppedWaitingReleasesOnlyAnAgentNotInUse() {
        RoutedCall gone = fakes.waitingCall();
        transitions.callerLeft(gone, Instant.now(), false);
        transitions.claimedTooLate(gone, "a1");
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());

        RoutedCall claimedTwice = fakes.waitingCall();
        fakes.calling(claimedTwice, "a2");
        fakes.clearWrites();
        transitions.claimedTooLate(claimedTwice, "a2"); // the same agent: the directory's claim is idempotent
        assertTrue(fakes.tasks.isEmpty());
    }

    @Test
    void anAgentOfferedAgainIsReleasedAndTheDirectoryAskedLater() {
        RoutedCall call = fakes.waitingCall();
        transitions.unusableAgentClaimed(call, "a1");
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertEquals(List.of("RELEASE_AGENT a1 CANCELLED"), fakes.taskList());
        assertAbout(Instant.now().plus(RECLAIM), call.nextTryAt);
    }

    @Test
    void aRequestInFlightLeasesTheCallAndAFailedOneBacksOff() {
        RoutedCall call = fakes.waitingCall();
        transitions.requestStarted(call);
        assertAbout(Instant.now().plus(LEASE), call.nextTryAt);
        transitions.requestFailed(call, "claim", new IllegalStateException("directory down"));
        transitions.requestFailed(call, "claim", new IllegalStateException("directory down"));
        assertEquals(2, call.tryCount);
        assertTrue(call.nextTryAt.isAfter(Instant.now()));
        assertEquals(RoutedCall.State.WAITING, call.state);
    }

    @Test
    void theDepartmentsSettingsAreKeptWithDefaultsForMissingValues() {
        RoutedCall call = fakes.waitingCall();
        call.maxAttempts = null;
        transitions.settingsLoaded(call, new DirectoryModel.Department("sales", 1, "Sales", null, null, 25, 0, null,
                null, null, null, null, null, null, null, null, null));
        assertEquals(3, call.maxAttempts);
        assertEquals(120, call.maxWaitSeconds);
        assertEquals(25, call.ringingTimeout);
    }

    private static void assertBackInTheQueue(RoutedCall call) {
        assertEquals(RoutedCall.State.WAITING, call.state);
        assertNull(call.currentAttemptId);
        assertEquals(0, call.tryCount);
        assertFalse(call.nextTryAt.isAfter(Instant.now()), "due at once");
    }
}
