package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A poll's records are applied in one database transaction (CallConsumers, BatchApplier); a refused record among them
 * goes to the dead-letter topic alone. The records are produced as ONE Kafka record batch, so they arrive in one poll.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class BatchConsumptionTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestDb db;

    @Inject
    MeterRegistry registry;

    @Test
    void thePollsSurveyInputsOfSeveralCallsAreAppliedInOneTransaction() {
        Map<String, Object> poll = new LinkedHashMap<>();
        String[] eventIds = new String[3];
        for (int i = 0; i < eventIds.length; i++) {
            TestCall call = TestCall.offered(db);
            CallEvent answered = surveyInput(call.callId(), String.valueOf(i + 1), false, 1, "ANSWERED");
            eventIds[i] = answered.eventId();
            poll.put(call.callId(), answered);
        }
        Calls.sendAsOneBatch(Topics.CALL_EVENTS, poll);

        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, eventIds));
        assertEquals(1, db.transactionsThatApplied(Topics.CALL_EVENTS, eventIds));
        poll.keySet().forEach(callId -> assertEquals("DONE", db.surveyState(callId)));
    }

    @Test
    void aRefusedRecordOfAPollGoesAloneToTheDeadLetterTopicAndTheOthersAreAppliedOnce() {
        double appliedAloneBefore = appliedAlone();
        TestCall call = TestCall.offered(db);
        String poisonKey = newId();
        // a caller's hang-up without an event id: refused (IllegalArgumentException) by the journey, in the batch
        CallEvent withoutId = new CallEvent(null, CallEvent.VERSION, poisonKey, poisonKey, Role.CALLER, null,
                EventKind.STATUS, CallStatus.COMPLETED, null, null, "447700900123", "447700900000", null, null,
                Instant.now(), Instant.now(), null);
        CallEvent answered = surveyInput(call.callId(), "4", false, 1, "ANSWERED");
        Map<String, Object> poll = new LinkedHashMap<>();
        poll.put(call.callId(), answered);
        poll.put(poisonKey, withoutId);
        Calls.sendAsOneBatch(Topics.CALL_EVENTS, poll);

        await().atMost(WAIT).until(() -> Calls.deadLetterKeys(Topics.CALL_EVENTS).contains(poisonKey));
        await().atMost(WAIT).until(() -> Results.shared().forCall(call.callId()).size() == 1);
        assertEquals(4, Results.shared().forCall(call.callId()).get(0).value().score());
        assertFalse(Calls.deadLetterKeys(Topics.CALL_EVENTS).contains(call.callId()), "only the refused record");
        assertEquals(1, db.responses(call.callId()));
        assertTrue(appliedAlone() > appliedAloneBefore, "the batch was rolled back, its records applied alone");
    }

    private double appliedAlone() {
        return registry.counter("consumer.batches", "topic", Topics.CALL_EVENTS, "outcome", "applied-alone").count();
    }
}
