package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.agentStatus;
import static io.contactcenter.survey.support.Calls.assignment;
import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.Results;
import io.contactcenter.survey.support.Stubs;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.TestCall;
import io.contactcenter.survey.support.TestDb;
import io.contactcenter.survey.support.VonageStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kafka and Vonage deliver at least once and Vonage in no particular order: the survey still happens once. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class OrderingTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestDb db;

    final VonageStub vonage = Stubs.shared().vonage;

    @Test
    void duplicatedAndReorderedAgentEventsTransferOnce() {
        String department = newId();
        Stubs.shared().directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();
        CallEvent agentCompleted = agentStatus(call, leg, agent, CallStatus.COMPLETED);
        Assignment completed = assignment(call, department, agent, leg, AssignmentOutcome.COMPLETED);
        Assignment answered = assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED);

        // the agent's completed arrives first, twice, and routing's COMPLETED before anything says the agent answered
        Calls.event(agentCompleted);
        Calls.assignment(completed);
        Calls.assignment(completed);
        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.event(agentCompleted);
        Calls.event(agentStatus(call, leg, agent, CallStatus.ANSWERED));
        Calls.assignment(answered);
        Calls.assignment(answered);
        Calls.assignment(completed);

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_ASSIGNMENTS, completed.eventId(), answered.eventId()));
        // every duplicate applied and no transfer left to make: a second one could only come from a pending row
        assertFalse(db.pendingTransfer(call));
        assertEquals(1, vonage.requestsFor(call).size());

        CallEvent input = surveyInput(call, "5", false, 1, "ANSWERED");
        CallEvent later = surveyInput(call, "2", false, 1, "ANSWERED"); // a later, different input cannot change it
        Calls.event(input);
        Calls.event(input);
        Calls.event(later);
        // both inputs applied and the outcome published: no second result can follow
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, input.eventId(), later.eventId())
                && db.response(call) != null && db.response(call).publishedAt != null
                && !Results.shared().forCall(call).isEmpty());
        assertEquals(1, Results.shared().forCall(call).size());
        assertEquals(5, Results.shared().forCall(call).get(0).value().score());
        assertEquals(1, db.responses(call));
        assertEquals(1, vonage.requestsFor(call).size());
    }

    @Test
    void callerCompletedBeforeTheSurveyInputStillRecordsTheScore() {
        TestCall call = TestCall.offered(db);
        // Vonage delivers the caller's completed before the survey input it sent earlier
        Calls.event(callerStatus(call.callId(), CallStatus.COMPLETED, null));
        Calls.event(surveyInput(call.callId(), "3", false, 1, "ANSWERED"));

        await().atMost(WAIT).until(() -> Results.shared().forCall(call.callId()).size() == 1);
        SurveyResult result = Results.shared().forCall(call.callId()).get(0).value();
        assertEquals(SurveyStatus.ANSWERED, result.status());
        assertEquals(3, result.score());
        assertEquals(1, vonage.requestsFor(call.callId()).size());
    }

    @Test
    void callerCompletedBeforeTheAgentsCompletedMeansNoTransfer() {
        String department = newId();
        Stubs.shared().directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();
        CallEvent agentCompleted = agentStatus(call, leg, agent, CallStatus.COMPLETED);
        Assignment completed = assignment(call, department, agent, leg, AssignmentOutcome.COMPLETED);

        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        CallEvent callerEnded = callerStatus(call, CallStatus.COMPLETED, null);
        Calls.event(callerEnded);
        // the two topics have no order between them: routing's COMPLETED below is sent once the hang-up is applied
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, callerEnded.eventId()));
        Calls.event(agentCompleted);
        Calls.event(agentCompleted);
        Calls.assignment(completed); // routing ends the call when the caller left
        Calls.assignment(completed);
        Calls.event(callerStatus(call, CallStatus.ANSWERED, null)); // a late, stale status

        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_ASSIGNMENTS, completed.eventId()));
        assertEquals(SurveyStatus.CALLER_HUNG_UP, Results.shared().forCall(call).get(0).value().status());
        assertEquals(0, vonage.requestsFor(call).size());
        assertEquals(1, db.responses(call));
    }

    /**
     * The agent handed the caller to an outside number; their conversation ended before survey read routing's records
     * about it (the two topics have no order between them): still no survey and no result.
     */
    @Test
    void callerLeavingTheOutsidePartyBeforeRoutingsRecordsAreAppliedGetsNoResult() {
        TestCall call = TestCall.answered(true);
        CallEvent callerEnded = callerStatus(call.callId(), CallStatus.COMPLETED, null);
        Calls.event(agentStatus(call.callId(), call.agentLegId(), call.agentId(), CallStatus.COMPLETED));
        Calls.event(callerEnded);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, callerEnded.eventId()));
        Assignment external = new Assignment(newId(), Assignment.VERSION, call.callId(), call.department(),
                call.agentId(), call.agentLegId(), AssignmentOutcome.TRANSFERRED_EXTERNAL, 1, Instant.now(),
                Map.of(Assignment.Detail.AGENT_IDS.key(), call.agentId()));
        Calls.assignment(assignment(call.callId(), call.department(), call.agentId(), call.agentLegId(),
                AssignmentOutcome.TRANSFERRED));
        Calls.assignment(external);

        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_ASSIGNMENTS, external.eventId()));
        assertEquals("SKIPPED", db.surveyState(call.callId()));
        assertEquals(0, db.responses(call.callId()));
        assertEquals(0, vonage.requestsFor(call.callId()).size());
    }

    /** Routing abandoned the call (the caller left while the agent rang); the agent picked up just too late. */
    @Test
    void agentAnsweringAfterTheCallerLeftGetsNoSurveyRecord() {
        String department = newId();
        Stubs.shared().directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();
        CallEvent callerCompleted = callerStatus(call, CallStatus.COMPLETED, null);
        Assignment abandoned = assignment(call, department, agent, leg, AssignmentOutcome.ABANDONED);

        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.RINGING));
        Calls.event(callerCompleted);
        Calls.assignment(abandoned);
        Calls.event(agentStatus(call, leg, agent, CallStatus.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED));

        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, callerCompleted.eventId())
                && db.applied(Topics.CALL_ASSIGNMENTS, abandoned.eventId()));
        assertEquals(0, db.responses(call));
        assertEquals(0, vonage.requestsFor(call).size());
        assertTrue(Results.shared().forCall(call).isEmpty());
    }
}
