package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.Results;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.TestCall;
import io.contactcenter.survey.support.TestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the caller does (or does not do) with the survey prompt. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class SurveyInputTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestDb db;

    @Inject
    MeterRegistry registry;

    @Test
    void invalidDigitsAfterTheRepromptAreRecordedAsInvalid() throws Exception {
        TestCall call = TestCall.offered(db);
        CallEvent retry = surveyInput(call.callId(), "9", false, 1, "RETRY");
        Calls.event(retry);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, retry.eventId()));
        assertEquals("OFFERED", db.surveyState(call.callId()), "a retry is not an outcome");

        Calls.event(surveyInput(call.callId(), "#", false, 2, "INVALID"));
        SurveyResult result = awaitResult(call.callId());
        assertEquals(SurveyStatus.INVALID, result.status());
        assertNull(result.score());
        assertEquals(call.department(), result.department());
        assertEquals(call.agentId(), result.agentId());
        assertNotNull(result.offeredAt());
    }

    @Test
    void noInputIsRecordedAsNoInput() {
        TestCall call = TestCall.offered(db);
        Calls.event(surveyInput(call.callId(), null, true, 1, "RETRY"));
        Calls.event(surveyInput(call.callId(), null, true, 2, "NO_INPUT"));
        SurveyResult result = awaitResult(call.callId());
        assertEquals(SurveyStatus.NO_INPUT, result.status());
        assertNull(result.score());
    }

    @Test
    void anOfferThatNeverHearsAnInputOrAHangUpEndsAsNoInputOnce() throws Exception {
        TestCall silent = TestCall.offered(db);
        TestCall fresh = TestCall.offered(db);
        // the caller's input and leg events were lost: only time passes (beyond survey.offer-timeout, 30m)
        db.backdateOffer(silent.callId(), Duration.ofMinutes(31));

        SurveyResult result = awaitResult(silent.callId());
        assertEquals(SurveyStatus.NO_INPUT, result.status());
        assertNull(result.score());
        assertNotNull(result.offeredAt());
        assertEquals(silent.agentId(), result.agentId());
        assertEquals("DONE", db.surveyState(silent.callId()));

        Thread.sleep(1500); // several sweeps later: still one outcome, and a fresh offer is left alone
        assertEquals(1, Results.shared().forCall(silent.callId()).size());
        assertEquals(1, db.responses(silent.callId()));
        assertEquals("OFFERED", db.surveyState(fresh.callId()));
        assertTrue(Results.shared().forCall(fresh.callId()).isEmpty());

        // a late input for the ended survey changes nothing: applied, and the outcome still the published one
        CallEvent late = surveyInput(silent.callId(), "5", false, 1, "ANSWERED");
        Calls.event(late);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, late.eventId()));
        assertNotNull(db.response(silent.callId()).publishedAt, "nothing left to publish");
        assertEquals(1, Results.shared().forCall(silent.callId()).size());
        assertEquals(SurveyStatus.NO_INPUT, db.response(silent.callId()).status);
        assertEquals(1.0, registry.counter("survey.late.inputs", "department", silent.department()).count());
    }

    @Test
    void aValidDigitAfterARetryIsTheScore() {
        TestCall call = TestCall.offered(db);
        Calls.event(surveyInput(call.callId(), "7", false, 1, "RETRY"));
        Calls.event(surveyInput(call.callId(), "1", false, 2, "ANSWERED"));
        SurveyResult result = awaitResult(call.callId());
        assertEquals(SurveyStatus.ANSWERED, result.status());
        assertEquals(1, result.score());
    }

    @Test
    void inputForAnUnknownCallIsIgnored() {
        String call = newId();
        CallEvent input = surveyInput(call, "5", false, 1, "ANSWERED");
        Calls.event(input);
        // applied: had it made a journey or an outcome, they would be stored with it (and no result without one)
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, input.eventId()));
        assertFalse(db.journeyExists(call));
        assertEquals(0, db.responses(call));
        assertTrue(Results.shared().forCall(call).isEmpty());
    }

    @Test
    void callerHangingUpDuringTheSurveyIsRecordedAfterTheGracePeriod() {
        TestCall call = TestCall.offered(db);
        Calls.event(callerStatus(call.callId(), CallStatus.COMPLETED, null));
        SurveyResult result = awaitResult(call.callId());
        assertEquals(SurveyStatus.CALLER_HUNG_UP, result.status());
        assertNotNull(result.offeredAt());
        assertNull(result.answeredAt());
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        String poisonKey = newId();
        Calls.send(Topics.CALL_EVENTS, poisonKey, "{not json");
        TestCall call = TestCall.offered(db); // later records are still processed
        Calls.event(surveyInput(call.callId(), "2", false, 1, "ANSWERED"));
        assertEquals(2, awaitResult(call.callId()).score());
        await().atMost(WAIT).until(() -> deadLetterKeys().contains(poisonKey));
    }

    @Test
    void aRecordFailingWhileTheDatabaseIsBrokenIsRetriedUntilItIsAppliedNotDeadLettered() {
        TestCall call = TestCall.offered(db);
        double retriesBefore = retries();
        db.renameTable("survey_response", "survey_response_away");
        try {
            Calls.event(surveyInput(call.callId(), "4", false, 1, "ANSWERED"));
            // more failures than the old "3 retries, then the dead-letter topic" allowed
            await().atMost(WAIT).until(() -> retries() >= retriesBefore + 5);
        } finally {
            db.renameTable("survey_response_away", "survey_response");
        }
        assertEquals(4, awaitResult(call.callId()).score());
        assertFalse(deadLetterKeys().contains(call.callId()));
    }

    /**
     * A record whose {@code cc-event} header names something survey does not act on is skipped unread: unreadable, it
     * would otherwise be dead-lettered like the one after it whose header names a caller's final status.
     */
    @Test
    void recordsSkippedByTheirHeaderAreNotEvenRead() {
        String key = newId();
        Calls.send(Topics.CALL_EVENTS, key, "{not json", Map.of(CallEvent.EVENT_HEADER, "STATUS:RINGING"));
        Calls.send(Topics.CALL_EVENTS, key, "{not json either", Map.of(CallEvent.EVENT_HEADER, "STATUS:COMPLETED"));
        await().atMost(WAIT).until(() -> deadLetterKeys().contains(key));
        assertEquals(1, deadLetterKeys().stream().filter(key::equals).count(), "the skipped record was read");
    }

    private double retries() {
        return registry.counter("consumer.record.retries", "topic", Topics.CALL_EVENTS).count();
    }

    private static SurveyResult awaitResult(String callId) {
        await().atMost(WAIT).until(() -> Results.shared().forCall(callId).size() == 1);
        return Results.shared().forCall(callId).get(0).value();
    }

    private static List<String> deadLetterKeys() {
        return Calls.deadLetterKeys(Topics.CALL_EVENTS);
    }
}
