package io.contactcenter.survey.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.survey.client.SurveyTransfers;
import io.contactcenter.survey.domain.Journey;
import io.contactcenter.survey.domain.PendingTransfer;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.domain.SurveyState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each transition of a survey journey in isolation: the journey and transfer rows in memory, no database, no I/O. */
class JourneyTransitionsTest {

    static final String CALL = "call-1";
    static final String DEPARTMENT = "sales";
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final JourneyTransitions.Timing TIMING = new JourneyTransitions.Timing(Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** The transitions' writes, kept in memory. */
    static final class Recorded implements JourneyTransitions.Effects {
        final Map<String, PendingTransfer> transfers = new HashMap<>();
        final Map<String, SurveyResponse> responses = new HashMap<>();
        final List<String> dueNow = new ArrayList<>();

        @Override
        public void schedule(PendingTransfer transfer) {
            transfers.put(transfer.callId, transfer);
        }

        @Override
        public void dueNow(PendingTransfer transfer) {
            dueNow.add(transfer.callId);
        }

        @Override
        public void cancelTransfer(String callId) {
            transfers.remove(callId);
        }

        @Override
        public boolean record(SurveyResponse response) {
            return responses.putIfAbsent(response.callId, response) == null;
        }
    }

    final Recorded effects = new Recorded();
    final JourneyTransitions transitions = new JourneyTransitions(effects,
            new SurveyMetrics(new SimpleMeterRegistry()), TIMING);
    final DepartmentSurveys enabled = surveys(true);
    final Journey journey = journey();

    static DepartmentSurveys surveys(boolean enabled) {
        return new DepartmentSurveys(department -> Optional.empty(), Map.of(DEPARTMENT, enabled));
    }

    static Journey journey() {
        Journey journey = new Journey();
        journey.callId = CALL;
        journey.callerNumber = "447700900123";
        journey.surveyState = SurveyState.NONE;
        journey.createdAt = NOW;
        journey.updatedAt = NOW;
        return journey;
    }

    static Assignment routing(AssignmentOutcome outcome) {
        return new Assignment("a-" + outcome, Assignment.VERSION, CALL, DEPARTMENT, "agent-7", "leg-2", outcome, 1, NOW);
    }

    void agentTalkedAndEnded(DepartmentSurveys surveys) {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), surveys, NOW);
        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), surveys, NOW);
    }

    void offered() {
        agentTalkedAndEnded(enabled);
        assertTrue(transitions.transferWanted(CALL, journey, effects.transfers.get(CALL), NOW));
        vonageAnswers(SurveyTransfers.Outcome.DONE, NOW);
    }

    /** Vonage answers the call's pending transfer at {@code at}. */
    void vonageAnswers(SurveyTransfers.Outcome outcome, Instant at) {
        SurveyTransfers.Result answer = new SurveyTransfers.Result(outcome, "HTTP");
        transitions.transferAnswered(journey, effects.transfers.get(CALL), answer, at);
    }

    SurveyResponse outcome() {
        return effects.responses.get(CALL);
    }

    // ---- rule 2: the trigger

    @Test
    void agentEndingWhileTheCallerStaysSchedulesTheSurveyTransfer() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        assertEquals(SurveyState.NONE, journey.surveyState, "still talking");
        assertTrue(effects.transfers.isEmpty());

        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), enabled, NOW);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
        assertEquals(PendingTransfer.Purpose.SURVEY, effects.transfers.get(CALL).purpose);
        assertEquals("agent-7", journey.agentId);
        assertEquals(DEPARTMENT, journey.departmentId);
    }

    @Test
    void routingsCompletedAloneMeansTheAgentTalkedAndEnded() {
        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), enabled, NOW);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
    }

    @Test
    void aTransferredCallIsSurveyedAfterTheLastAgentNamingEveryAgent() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.routingStep(journey, routing(AssignmentOutcome.TRANSFERRED), enabled, NOW);
        assertEquals(SurveyState.NONE, journey.surveyState, "the first agent's part ending is not the end");

        transitions.routingStep(journey, new Assignment("a-done", Assignment.VERSION, CALL, DEPARTMENT, "agent-9",
                "leg-3", AssignmentOutcome.COMPLETED, 2, NOW, Map.of("agentIds", "agent-7,agent-9")), enabled, NOW);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertEquals("agent-9", outcome().agentId);
        assertEquals(java.util.List.of("agent-7", "agent-9"), java.util.List.of(outcome().agentIds));
    }

    @Test
    void aCallHandedToAnOutsideNumberIsNotSurveyedNorMovedAwayFromThem() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.routingStep(journey, routing(AssignmentOutcome.TRANSFERRED), enabled, NOW);
        transitions.routingStep(journey, handedOutside(), enabled, NOW);
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
        assertTrue(effects.transfers.isEmpty(), "no survey and no closing transfer: the caller talks to them");

        // the caller hangs up after talking to the outside party: still no result
        transitions.callerLeft(journey, "completed", NOW.plusSeconds(60), enabled, NOW.plusSeconds(60));
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
        assertTrue(effects.transfers.isEmpty());
        assertNull(outcome());
        assertEquals("agent-7", journey.agentIds);
    }

    static Assignment handedOutside() {
        return new Assignment("a-out", Assignment.VERSION, CALL, DEPARTMENT, "agent-7", "leg-2",
                AssignmentOutcome.TRANSFERRED_EXTERNAL, 1, NOW, Map.of("agentIds", "agent-7"));
    }

    @Test
    void aCallerLeavingTheOutsidePartyBeforeRoutingsRecordsAreAppliedStillGetsNoResult() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        // the outside conversation ended before survey read routing's records about the transfer
        transitions.callerLeft(journey, "completed", NOW.plusSeconds(60), enabled, NOW.plusSeconds(60));
        assertEquals(SurveyState.NONE, journey.surveyState, "waits for routing's last record");
        assertNull(outcome());

        transitions.routingStep(journey, routing(AssignmentOutcome.TRANSFERRED), enabled, NOW.plusSeconds(61));
        assertNull(outcome());
        transitions.routingStep(journey, handedOutside(), enabled, NOW.plusSeconds(61));
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
        assertTrue(effects.transfers.isEmpty());
        assertNull(outcome());
        assertFalse(transitions.routingSilent(journey, enabled, NOW.plusSeconds(3600)));
    }

    @Test
    void aCallerLeftWhoseRoutingRecordNeverComesIsCallerHungUpAtTheBound() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertNull(outcome());

        assertTrue(transitions.routingSilent(journey, enabled, NOW.plusSeconds(900)));
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertTrue(effects.transfers.isEmpty());
        // routing's record arriving after all changes nothing
        transitions.routingStep(journey, handedOutside(), enabled, NOW.plusSeconds(901));
        assertEquals(SurveyState.DONE, journey.surveyState);
    }

    @Test
    void noAgentAnsweringMeansNoSurvey() {
        for (AssignmentOutcome outcome : new AssignmentOutcome[] { AssignmentOutcome.RINGING,
                AssignmentOutcome.NO_ANSWER, AssignmentOutcome.FAILED, AssignmentOutcome.ABANDONED }) {
            transitions.routingStep(journey, routing(outcome), enabled, NOW);
        }
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertEquals(SurveyState.NONE, journey.surveyState);
        assertTrue(effects.transfers.isEmpty());
        assertNull(outcome());
    }

    @Test
    void surveySwitchedOffSkipsItAndClosesTheCall() {
        agentTalkedAndEnded(surveys(false));
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
        assertEquals(PendingTransfer.Purpose.CLOSING, effects.transfers.get(CALL).purpose);
        assertNull(outcome());
    }

    @Test
    void aDecisionNeedingAnUnknownDepartmentAsksForIt() {
        DepartmentSurveys nothingKnown = new DepartmentSurveys(department -> Optional.empty(), Map.of());
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), nothingKnown, NOW);
        DepartmentSurveys.Unknown unknown = assertThrows(DepartmentSurveys.Unknown.class,
                () -> transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), nothingKnown, NOW));
        assertEquals(DEPARTMENT, unknown.departmentId());
        DepartmentSurveys cached = new DepartmentSurveys(department -> Optional.of(true), Map.of());
        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), cached, NOW);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
    }

    // ---- rule 5: hang-ups

    @Test
    void callerLeavingBeforeTheAgentEndedIsCallerHungUpWithoutTransfer() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertNull(outcome(), "routing's last record tells whether the call was handed outside");
        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), enabled, NOW);

        assertEquals(SurveyState.DONE, journey.surveyState);
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertEquals("4477****0123", outcome().callerNumber);
        assertTrue(effects.transfers.isEmpty());
    }

    @Test
    void callerLeavingBeforeTheAgentEndedWithTheSurveyOffRecordsNothing() {
        transitions.routingStep(journey, routing(AssignmentOutcome.ANSWERED), surveys(false), NOW);
        transitions.callerLeft(journey, "completed", NOW, surveys(false), NOW);
        transitions.routingStep(journey, routing(AssignmentOutcome.COMPLETED), surveys(false), NOW);
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
        assertTrue(effects.transfers.isEmpty(), "no closing: the caller left");
        assertNull(outcome());
    }

    @Test
    void callerLeavingWhileTheTransferIsPendingDropsIt() {
        agentTalkedAndEnded(enabled);
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertTrue(effects.transfers.isEmpty());
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
    }

    @Test
    void onlyTheCallersFirstFinalStatusCounts() {
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        transitions.callerLeft(journey, "failed", NOW.plusSeconds(9), enabled, NOW.plusSeconds(9));
        assertEquals("completed", journey.callerStatus);
        assertEquals(NOW, journey.callerFinalSeenAt);
    }

    @Test
    void callerHangingUpDuringTheSurveyIsSettledOnlyAfterTheGrace() {
        offered();
        transitions.callerLeft(journey, "completed", NOW, enabled, NOW);
        assertEquals(SurveyState.OFFERED, journey.surveyState, "a late input may still come");
        assertFalse(transitions.hangUpGraceOver(journey, NOW.plusSeconds(4)));
        assertTrue(transitions.hangUpGraceOver(journey, NOW.plusSeconds(6)));
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertEquals(NOW, outcome().offeredAt);
    }

    @Test
    void anOfferHearingNothingEndsAsNoInputAfterTheOfferTimeout() {
        offered();
        assertFalse(transitions.offerTimedOut(journey, NOW.plus(Duration.ofMinutes(4))));
        assertTrue(transitions.offerTimedOut(journey, NOW.plus(Duration.ofMinutes(6))));
        assertEquals(SurveyStatus.NO_INPUT, outcome().status);
        assertFalse(transitions.offerTimedOut(journey, NOW.plus(Duration.ofMinutes(7))), "settled once");
    }

    // ---- rule 3: the transfer

    @Test
    void aDeliveredTransferOffersTheSurvey() {
        offered();
        assertEquals(SurveyState.OFFERED, journey.surveyState);
        assertEquals(NOW, journey.offeredAt);
        assertTrue(effects.transfers.isEmpty());
    }

    @Test
    void aTransferNoLongerWantedIsDropped() {
        agentTalkedAndEnded(enabled);
        journey.surveyState = SurveyState.DONE;
        assertFalse(transitions.transferWanted(CALL, journey, effects.transfers.get(CALL), NOW));
        assertTrue(effects.transfers.isEmpty());
        assertFalse(transitions.transferWanted(CALL, null, null, NOW), "rows gone");
    }

    @Test
    void aLegGoneIsCallerHungUp() {
        agentTalkedAndEnded(enabled);
        vonageAnswers(SurveyTransfers.Outcome.LEG_GONE, NOW);
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertTrue(effects.transfers.isEmpty());
    }

    @Test
    void aFailingTransferIsRetriedWithBackoffThenGivenUpForTheClosing() {
        agentTalkedAndEnded(enabled);
        PendingTransfer transfer = effects.transfers.get(CALL);
        vonageAnswers(SurveyTransfers.Outcome.RETRY, NOW);
        assertEquals(NOW.plusSeconds(1), transfer.nextAttemptAt);
        vonageAnswers(SurveyTransfers.Outcome.RETRY, NOW);
        assertEquals(NOW.plusSeconds(2), transfer.nextAttemptAt);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);

        vonageAnswers(SurveyTransfers.Outcome.RETRY, NOW.plus(Duration.ofMinutes(3)));
        assertEquals(SurveyState.FAILED, journey.surveyState);
        assertEquals(PendingTransfer.Purpose.CLOSING, transfer.purpose, "the caller still hears goodbye");
        assertEquals(0, transfer.attempts);
        assertEquals(List.of(CALL), effects.dueNow, "the closing is made at once, not at the next poll");
        assertNull(outcome());
    }

    @Test
    void aFirstBadRequestIsAskedAgainAfterTheGraceASecondGivesUp() {
        agentTalkedAndEnded(enabled);
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW);
        assertEquals(NOW.plusSeconds(5), effects.transfers.get(CALL).nextAttemptAt);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW);
        assertEquals(SurveyState.FAILED, journey.surveyState);
    }

    @Test
    void aCallerWhoHungUpBeforeTheGiveUpButIsHeardOfLateIsCallerHungUp() {
        agentTalkedAndEnded(enabled);
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW.plusSeconds(1));
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW.plusSeconds(6));
        assertEquals(SurveyState.FAILED, journey.surveyState);
        assertNull(outcome());

        transitions.callerLeft(journey, "completed", NOW, enabled, NOW.plusSeconds(30));
        assertTrue(effects.transfers.isEmpty(), "no closing for a caller who is gone");
        assertNull(outcome(), "a survey input may yet prove the transfer went through");
        assertFalse(transitions.hangUpGraceOver(journey, NOW.plusSeconds(34)));
        assertTrue(transitions.hangUpGraceOver(journey, NOW.plusSeconds(36)));
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertEquals(SurveyState.DONE, journey.surveyState);
    }

    @Test
    void anInputAfterTheGiveUpProvesTheSurveyWasOfferedAndCounts() {
        // the transfer went through but its success was not recorded (the database stopped), the retry was refused
        agentTalkedAndEnded(enabled);
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW.plusSeconds(1));
        vonageAnswers(SurveyTransfers.Outcome.MAYBE_GONE, NOW.plusSeconds(6));
        assertEquals(SurveyState.FAILED, journey.surveyState);
        transitions.callerLeft(journey, "completed", NOW.plusSeconds(5), enabled, NOW.plusSeconds(7));

        assertTrue(transitions.surveyInput(journey, SurveyStatus.ANSWERED, 5, NOW.plusSeconds(4), NOW.plusSeconds(8)));
        assertEquals(SurveyStatus.ANSWERED, outcome().status);
        assertEquals(5, outcome().score.intValue());
        assertEquals(NOW.plusSeconds(8), outcome().offeredAt);
        assertTrue(effects.transfers.isEmpty());
        assertFalse(transitions.hangUpGraceOver(journey, NOW.plusSeconds(60)), "settled once");
    }

    @Test
    void aCallerEndedByTheClosingAfterTheGiveUpRecordsNothing() {
        agentTalkedAndEnded(enabled);
        vonageAnswers(SurveyTransfers.Outcome.REFUSED, NOW);
        assertEquals(SurveyState.FAILED, journey.surveyState);
        vonageAnswers(SurveyTransfers.Outcome.DONE, NOW.plusSeconds(1));

        transitions.callerLeft(journey, "completed", NOW.plusSeconds(8), enabled, NOW.plusSeconds(8));
        assertEquals(SurveyState.FAILED, journey.surveyState);
        assertNull(outcome());
    }

    @Test
    void aGivenUpClosingIsDropped() {
        agentTalkedAndEnded(surveys(false));
        vonageAnswers(SurveyTransfers.Outcome.REFUSED, NOW);
        assertTrue(effects.transfers.isEmpty());
        assertEquals(SurveyState.SKIPPED, journey.surveyState);
    }

    // ---- rule 4: the input

    @Test
    void aScoreIsRecordedOnceAndALaterInputChangesNothing() {
        offered();
        assertTrue(transitions.surveyInput(journey, SurveyStatus.ANSWERED, 4, NOW.plusSeconds(3), NOW.plusSeconds(3)));
        assertEquals(4, outcome().score.intValue());
        assertEquals(NOW.plusSeconds(3), outcome().answeredAt);
        assertFalse(transitions.surveyInput(journey, SurveyStatus.ANSWERED, 1, NOW, NOW), "already done");
        assertEquals(4, outcome().score.intValue());
    }

    @Test
    void aRepromptWaitsForTheNextInput() {
        offered();
        assertTrue(transitions.surveyInput(journey, null, null, NOW, NOW));
        assertEquals(SurveyState.OFFERED, journey.surveyState);
        transitions.surveyInput(journey, SurveyStatus.INVALID, null, NOW, NOW);
        assertEquals(SurveyStatus.INVALID, outcome().status);
        assertNull(outcome().answeredAt);
    }

    @Test
    void anInputWhileTheTransferIsPendingMeansItWasOffered() {
        agentTalkedAndEnded(enabled);
        assertTrue(transitions.surveyInput(journey, SurveyStatus.NO_INPUT, null, NOW, NOW));
        assertTrue(effects.transfers.isEmpty());
        assertEquals(SurveyStatus.NO_INPUT, outcome().status);
        assertEquals(NOW, outcome().offeredAt);
    }

    @Test
    void anInputBeforeAnyOfferIsIgnored() {
        assertFalse(transitions.surveyInput(journey, SurveyStatus.ANSWERED, 5, NOW, NOW));
        assertNull(outcome());
    }
    // ---- a callback: the caller asked to be called back, hung up, and talks on the callback leg routing placed

    static Assignment callbackStep(AssignmentOutcome outcome) {
        return new Assignment("a-cb-" + outcome, Assignment.VERSION, CALL, DEPARTMENT, "agent-7", "leg-2", outcome, 1,
                NOW, Map.of(Assignment.Detail.CALLER_LEG_ID.key(), "callback-leg"));
    }

    /** The call id's own leg ended when the caller asked for the callback; an unanswered try rang on another leg. */
    void callerAskedForACallbackAndHungUp() {
        transitions.callerLegEnded(journey, CALL, true, "completed", NOW, enabled, NOW);
        transitions.callerLegEnded(journey, "unanswered-try", false, "timeout", NOW.plusSeconds(60), enabled,
                NOW.plusSeconds(60));
    }

    @Test
    void afterACallbackConversationTheCallbackLegIsTransferredNotTheCallersFirstLeg() {
        callerAskedForACallbackAndHungUp();
        assertNull(outcome());
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.RINGING), enabled, NOW.plusSeconds(90));
        assertFalse(journey.callerGone(), "the first leg's end was not the caller leaving");
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.ANSWERED), enabled, NOW.plusSeconds(95));
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.COMPLETED), enabled, NOW.plusSeconds(200));

        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
        assertEquals("callback-leg", journey.callerLeg());
        assertTrue(transitions.transferWanted(CALL, journey, effects.transfers.get(CALL), NOW.plusSeconds(200)));
    }

    @Test
    void theFirstLegsEndAppliedAfterRoutingNamedTheCallbackLegChangesNothing() {
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.callerLegEnded(journey, CALL, true, "completed", NOW.minusSeconds(90), enabled, NOW);
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.COMPLETED), enabled, NOW);

        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
        assertNull(outcome());
    }

    @Test
    void theCallbackLegEndingIsTheCallerLeavingEvenBeforeRoutingNamesIt() {
        callerAskedForACallbackAndHungUp();
        transitions.callerLegEnded(journey, "callback-leg", true, "completed", NOW.plusSeconds(120), enabled,
                NOW.plusSeconds(120));
        assertEquals("callback-leg", journey.callerLegId);
        assertTrue(journey.callerGone());

        transitions.routingStep(journey, callbackStep(AssignmentOutcome.ANSWERED), enabled, NOW.plusSeconds(121));
        assertTrue(journey.callerGone(), "routing naming the same leg keeps its end");
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.COMPLETED), enabled, NOW.plusSeconds(122));
        assertEquals(SurveyStatus.CALLER_HUNG_UP, outcome().status);
        assertTrue(effects.transfers.isEmpty());
    }

    @Test
    void anUnansweredCallbackTryIsNotTheCallerLeaving() {
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.ANSWERED), enabled, NOW);
        transitions.callerLegEnded(journey, "unanswered-try", false, "timeout", NOW, enabled, NOW);
        assertFalse(journey.callerGone());
        transitions.routingStep(journey, callbackStep(AssignmentOutcome.COMPLETED), enabled, NOW);
        assertEquals(SurveyState.PENDING_TRANSFER, journey.surveyState);
    }
}
