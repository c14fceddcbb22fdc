package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.agentStatus;
import static io.contactcenter.survey.support.Calls.assignment;
import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.LocalInfraResource;
import io.contactcenter.survey.domain.SurveyResponse;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.DirectoryStub;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The survey decision end to end: real Kafka in and out, real PostgreSQL, the Vonage API and directory stubbed. */
@QuarkusTest
@WithTestResource(value = LocalInfraResource.class, initArgs = @ResourceArg(name = "database", value = "survey"))
@WithTestResource(StubsResource.class)
class SurveyFlowTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestDb db;

    final VonageStub vonage = Stubs.shared().vonage;
    final DirectoryStub directory = Stubs.shared().directory;

    /** The exact body the SDK must send for the survey transfer. */
    static JsonNode expectedTransfer() throws Exception {
        return Calls.JSON.readTree("""
                {"action":"transfer","destination":{"type":"ncco","ncco":[
                  {"text":"%s","action":"talk"},
                  {"type":["dtmf"],"dtmf":{"timeOut":%d,"maxDigits":1},"eventUrl":["%s/webhooks/survey"],"action":"input"}
                ]}}""".formatted(StubsResource.PROMPT, StubsResource.INPUT_TIMEOUT, StubsResource.GATEWAY));
    }

    /** The caller's events carried no region (e.g. still on their way): the agent leg's events name it. */
    @Test
    void theAgentLegsEventsTellTheCallersRegionForTheTransfer() {
        TestCall c = TestCall.answered(true);
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.ANSWERED, vonage.regionalUrl()));
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.COMPLETED, vonage.regionalUrl()));
        Calls.completed(c.callId(), c.department(), c.agentId(), c.agentLegId());

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(c.callId())));
        List<VonageStub.Request> transfers = vonage.requestsFor(c.callId());
        assertEquals(1, transfers.size(), transfers.toString());
        assertEquals("regional", transfers.get(0).host(), "the call's region serves the transfer");
    }

    /**
     * A region_url that is not allow-listed never receives the application's JWT, and a region once known is not
     * replaced by a later one: the first call has only a foreign region (served through the default base URL), the
     * second an allow-listed one from the caller's event that a later agent event naming a foreign host cannot change.
     */
    @Test
    void aForeignRegionGetsNoRequestAndNeverReplacesAKnownOne() {
        String department = newId();
        directory.department(department, true);
        String onlyForeign = newId();
        String known = newId();
        for (String call : List.of(onlyForeign, known)) {
            String leg = newId();
            String agent = newId();
            Calls.event(callerStatus(call, CallStatus.ANSWERED, call.equals(known) ? vonage.regionalUrl() : vonage.foreignUrl()));
            Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
            Calls.event(agentStatus(call, leg, agent, CallStatus.ANSWERED, vonage.foreignUrl()));
            Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED, vonage.foreignUrl()));
            Calls.completed(call, department, agent, leg);
        }

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(onlyForeign))
                && "OFFERED".equals(db.surveyState(known)));
        assertEquals("default", vonage.requestsFor(onlyForeign).get(0).host(), "VONAGE_API_BASE_URL serves it");
        assertEquals("regional", vonage.requestsFor(known).get(0).host(), "the first allow-listed region is kept");
        assertTrue(vonage.requests().stream().noneMatch(r -> r.host().equals("foreign")), vonage.requests().toString());
    }

    /**
     * Most of a call's events cannot change the decision: their facts (caller number, region, the agent leg's agent)
     * are kept in one statement without storing their ids, and the survey still uses them.
     */
    @Test
    void eventsThatDecideNothingKeepTheirFactsWithoutAStoredId() {
        Results.shared();
        String department = newId();
        directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();

        CallEvent started = callerStatus(call, CallStatus.STARTED, vonage.regionalUrl()); // the only caller number
        Calls.event(started);
        await().atMost(WAIT).until(() -> db.journeyExists(call));
        CallEvent ringing = agentStatus(call, leg, agent, CallStatus.RINGING);
        Calls.event(ringing);
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        CallEvent answered = agentStatus(call, leg, agent, CallStatus.ANSWERED);
        CallEvent completed = agentStatus(call, leg, agent, CallStatus.COMPLETED);
        Calls.event(answered);
        Calls.event(completed);
        Assignment ended = Calls.completed(call, department, agent, leg);

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        assertEquals("regional", vonage.requestsFor(call).get(0).host(), "the region of the caller's started event");
        assertTrue(db.applied(Topics.CALL_ASSIGNMENTS, ended.eventId()));
        // routing's assignments say when the agent answered and ended: the agent leg's own events are only facts
        assertFalse(db.applied(Topics.CALL_EVENTS, answered.eventId()), "answered stored its id");
        assertFalse(db.applied(Topics.CALL_EVENTS, completed.eventId()), "completed stored its id");
        assertFalse(db.applied(Topics.CALL_EVENTS, started.eventId()), "started stored its id");
        assertFalse(db.applied(Topics.CALL_EVENTS, ringing.eventId()), "ringing stored its id");

        Calls.event(surveyInput(call, "5", false, 1, "ANSWERED"));
        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        SurveyResult result = Results.shared().forCall(call).get(0).value();
        assertEquals("4477****0123", result.callerNumber(), "the caller number of the started event");
        assertEquals(agent, result.agentId());
    }

    @Test
    void answeredCallIsTransferredOnceWithTheSurveyNccoAndItsScoreIsStoredAndPublished() throws Exception {
        Results.shared();
        String department = newId();
        directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();

        Calls.event(callerStatus(call, CallStatus.ANSWERED, vonage.regionalUrl()));
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.RINGING));
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED));
        Calls.completed(call, department, agent, leg);

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        List<VonageStub.Request> transfers = vonage.requestsFor(call);
        assertEquals(1, transfers.size(), transfers.toString());
        VonageStub.Request transfer = transfers.get(0);
        assertEquals("regional", transfer.host(), "the call's region serves the transfer");
        assertEquals("PUT", transfer.method());
        assertTrue(transfer.jwtValid(), "RS256 application JWT: " + transfer.authorization());
        assertEquals(expectedTransfer(), transfer.body());

        Calls.event(surveyInput(call, "4", false, 1, "ANSWERED"));
        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        SurveyResult result = Results.shared().forCall(call).get(0).value();
        assertEquals(call, result.callId());
        assertEquals(department, result.department());
        assertEquals(agent, result.agentId());
        assertEquals(4, result.score());
        assertEquals(SurveyStatus.ANSWERED, result.status());
        assertEquals("4477****0123", result.callerNumber());
        assertEquals(SurveyResult.VERSION, result.version());
        assertTrue(result.offeredAt() != null && result.answeredAt() != null, result.toString());

        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.contains("survey_offered_total{department=\"" + department + "\"} 1.0"), metrics);
        await().atMost(WAIT).until(() -> io.restassured.RestAssured.get("/q/metrics").asString()
                .contains("survey_answered_total{department=\"" + department + "\"} 1.0"));
        assertTrue(io.restassured.RestAssured.get("/q/metrics").asString()
                .contains("survey_score_sum{department=\"" + department + "\"} 4.0"));

        SurveyResponse stored = db.response(call);
        assertEquals(4, stored.score.intValue());
        assertEquals(department, stored.departmentId);
        assertEquals(agent, stored.agentId);

        // the caller hangs up after the thank-you: nothing changes, even after the hang-up grace period
        CallEvent hangup = callerStatus(call, CallStatus.COMPLETED, null);
        Calls.event(hangup);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, hangup.eventId()));
        Thread.sleep(2000);
        assertEquals(1, vonage.requestsFor(call).size());
        assertEquals(1, Results.shared().forCall(call).size());
        assertEquals(1, db.responses(call));
        assertEquals("DONE", db.surveyState(call));
    }

    /**
     * A call transferred from one agent to another: no survey when the first agent's part ends (TRANSFERRED), one
     * after routing's COMPLETED, naming both agents; the score counts for each of them in the stats and summaries.
     */
    @Test
    void aTransferredCallGetsOneSurveyAfterTheLastAgentNamingEveryAgent() {
        String department = newId();
        directory.department(department, true);
        String call = newId();
        String first = newId();
        String second = newId();

        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(assignment(call, department, first, newId(), AssignmentOutcome.ANSWERED));
        Assignment transferred = assignment(call, department, first, null, AssignmentOutcome.TRANSFERRED);
        Calls.assignment(transferred);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_ASSIGNMENTS, transferred.eventId()));
        assertEquals("NONE", db.surveyState(call), "the caller is still with the second agent");

        Calls.assignment(new Assignment(newId(), Assignment.VERSION, call, department, second, newId(),
                AssignmentOutcome.COMPLETED, 2, Instant.now(),
                Map.of(Assignment.Detail.AGENT_IDS.key(), first + "," + second)));
        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        Calls.event(surveyInput(call, "5", false, 1, "ANSWERED"));
        await().atMost(WAIT).until(() -> Results.shared().forCall(call).size() == 1);
        SurveyResult result = Results.shared().forCall(call).get(0).value();
        assertEquals(second, result.agentId());
        assertEquals(List.of(first, second), result.agentIds());
        assertEquals(1, vonage.requestsFor(call).size());

        String admin = "Bearer " + LocalInfra.shared().authKeys().mint("sup", "supervisor");
        io.restassured.RestAssured.given().header("Authorization", admin)
                .queryParam("groupBy", "agent").queryParam("department", department)
                .when().get("/surveys/stats")
                .then().statusCode(200)
                .body("groups.key", org.hamcrest.Matchers.containsInAnyOrder(first, second))
                .body("groups.count", org.hamcrest.Matchers.contains(1, 1));
        io.restassured.RestAssured.given().header("Authorization", admin).queryParam("agent", first)
                .when().get("/surveys")
                .then().statusCode(200).body("items.callId", org.hamcrest.Matchers.contains(call));
    }

    /** Handed to an outside number: the caller is not moved away from them; no survey, no result, ever. */
    @Test
    void aCallHandedToAnOutsideNumberGetsNoSurvey() {
        String department = newId();
        directory.department(department, true);
        String call = newId();
        String agent = newId();

        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(assignment(call, department, agent, newId(), AssignmentOutcome.ANSWERED));
        Calls.assignment(assignment(call, department, agent, null, AssignmentOutcome.TRANSFERRED));
        Calls.assignment(new Assignment(newId(), Assignment.VERSION, call, department, agent, null,
                AssignmentOutcome.TRANSFERRED_EXTERNAL, 1, Instant.now(),
                Map.of(Assignment.Detail.AGENT_IDS.key(), agent, Assignment.Detail.HOLD_SECONDS.key(), "0")));
        await().atMost(WAIT).until(() -> "SKIPPED".equals(db.surveyState(call)));

        // the outside conversation ends: the caller's leg completes, still nothing
        CallEvent callerEnded = callerStatus(call, CallStatus.COMPLETED, null);
        Calls.event(callerEnded);
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, callerEnded.eventId()));
        assertEquals("SKIPPED", db.surveyState(call));
        assertFalse(db.pendingTransfer(call));
        assertEquals(0, vonage.requestsFor(call).size());
        assertEquals(0, db.responses(call));
    }

    /** A supervisor's monitor leg ending (role MONITOR, with talk time) is not the caller leaving. */
    @Test
    void aSupervisorsMonitorLegEndingIsNotTheCallerLeaving() {
        TestCall c = TestCall.answered(true);
        Calls.event(new CallEvent(newId(), CallEvent.VERSION, c.callId(), newId(), Role.MONITOR, null,
                EventKind.STATUS, CallStatus.COMPLETED, null, null, "447700900000", "447700900777", "CON-" + c.callId(),
                null, Instant.now(), Instant.now(), Map.of("duration", "30")));
        Calls.completed(c.callId(), c.department(), c.agentId(), c.agentLegId());
        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(c.callId())));
        assertEquals(1, vonage.requestsFor(c.callId()).size());
    }

    @Test
    void callerWhoHungUpBeforeTheAgentIsNotTransferred() {
        TestCall c = TestCall.answered(true);
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.ANSWERED));
        Calls.event(callerStatus(c.callId(), CallStatus.COMPLETED, null));
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.COMPLETED));
        Assignment agentEnded = Calls.completed(c.callId(), c.department(), c.agentId(), c.agentLegId());

        await().atMost(WAIT).until(() -> Results.shared().forCall(c.callId()).size() == 1);
        SurveyResult result = Results.shared().forCall(c.callId()).get(0).value();
        assertEquals(SurveyStatus.CALLER_HUNG_UP, result.status());
        assertNull(result.score());
        assertNull(result.offeredAt());
        assertEquals(c.agentId(), result.agentId());
        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_ASSIGNMENTS, agentEnded.eventId()));
        assertEquals(0, vonage.requestsFor(c.callId()).size());
    }

    @Test
    void callWhoseAgentNeverAnsweredHasNoSurvey() {
        String department = newId();
        directory.department(department, true);
        String call = newId();
        String leg = newId();
        String agent = newId();

        Assignment ringing = assignment(call, department, agent, leg, AssignmentOutcome.RINGING);
        Assignment noAnswer = assignment(call, department, agent, leg, AssignmentOutcome.NO_ANSWER);
        CallEvent agentTimeout = agentStatus(call, leg, agent, CallStatus.TIMEOUT);
        CallEvent agentCompleted = agentStatus(call, leg, agent, CallStatus.COMPLETED);
        CallEvent callerEnded = callerStatus(call, CallStatus.COMPLETED, null);
        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(ringing);
        Calls.event(agentTimeout);
        Calls.event(agentCompleted);
        Calls.assignment(noAnswer);
        Calls.event(callerEnded);

        await().atMost(WAIT).until(() -> db.applied(Topics.CALL_EVENTS, callerEnded.eventId()) && db.applied(Topics.CALL_ASSIGNMENTS, ringing.eventId(), noAnswer.eventId()));
        assertEquals("NONE", db.surveyState(call));
        assertEquals(0, vonage.requestsFor(call).size());
        assertEquals(0, db.responses(call));
    }

    @Test
    void departmentWithTheSurveySwitchedOffGetsNoSurvey() {
        TestCall c = TestCall.answered(false);
        Calls.event(agentStatus(c.callId(), c.agentLegId(), c.agentId(), CallStatus.COMPLETED));
        Calls.completed(c.callId(), c.department(), c.agentId(), c.agentLegId());

        await().atMost(WAIT).until(() -> "SKIPPED".equals(db.surveyState(c.callId()))
                && !db.pendingTransfer(c.callId()));
        // no survey, but the caller, alone in the conversation the agent left, hears goodbye and the call ends
        List<VonageStub.Request> requests = vonage.requestsFor(c.callId());
        assertEquals(1, requests.size(), requests.toString());
        assertEquals(StubsResource.CLOSING_NCCO, requests.get(0).body().at("/destination/ncco"));
        assertEquals(0, db.responses(c.callId()));
        assertEquals(0, directory.unauthorizedRequests(), "the directory is called with the survey service's own token");
    }

    @Test
    void unreachableDirectoryMeansSurveyEnabledAndTheDefaultRegionServesCallsWithoutOne() {
        String department = newId();
        directory.broken(department);
        String call = newId();
        String leg = newId();
        String agent = newId();

        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED));
        Calls.completed(call, department, agent, leg);

        await().atMost(WAIT).until(() -> "OFFERED".equals(db.surveyState(call)));
        assertEquals(1, vonage.requestsFor(call).size());
        assertEquals("default", vonage.requestsFor(call).get(0).host());
    }
}
