package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole calls through the packaged services and the simulator. */
class CallJourneyIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    private static ContactCenter center;
    private static String sales;
    private static String jane;
    private static String tom;
    private static String support;
    private static String joe;
    private static String billing;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter();
        center.simulator.timeFactor(4);
        sales = center.department(1, "Sales", 1, 60);
        support = center.department(2, "Support", 1, 60);
        jane = center.agent("Jane", "phone", "14155550101", sales);
        tom = center.agent("Tom", "phone", "14155550103", support);
        joe = center.agent("Joe", "phone", "14155550102", support);
        center.simulator.register(AgentEndpoint.answering("phone", "14155550101", 2, 6.0));
        center.simulator.register(AgentEndpoint.behaving("phone", "14155550103", "never"));
        center.simulator.register(AgentEndpoint.answering("phone", "14155550102", 2, 6.0));
        billing = center.departmentWithoutSurvey(3, "Billing");
        center.agent("Bea", "phone", "14155550104", billing);
        center.simulator.register(AgentEndpoint.answering("phone", "14155550104", 2, 6.0));
        center.awaitMenu(3);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    /** The tutorial's journey: menu, 1 for Sales, Jane answers and hangs up, the caller rates 4. */
    @Test
    void callerReachesSalesTalksToJaneAndRatesTheCall() {
        DialResponse call = center.simulator.dial("447700900123",
                CallerStep.pressWhenHeard("press 1", "1"),
                CallerStep.pressWhenHeard("1 to 5", "4"));

        SurveyResult result = awaitSurveyResult(call.callId());

        assertEquals(SurveyStatus.ANSWERED, result.status());
        assertEquals(4, result.score());
        assertEquals(sales, result.department());
        assertEquals(jane, result.agentId());
        assertTrue(result.callerNumber().contains("*"), "masked: " + result.callerNumber());
        List<String> heard = heard(call.callId());
        assertTrue(heard.stream().anyMatch(t -> t.contains("For Sales press 1") || t.contains("for Sales press 1")),
                heard.toString());
        assertTrue(heard.stream().anyMatch(t -> t.contains("connect you to Sales")), heard.toString());
        assertTrue(heard.stream().anyMatch(t -> t.contains("1 to 5")), heard.toString());
        assertEquals(Set.of(AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED),
                outcomes(call.callId()).stream().filter(o -> o != AssignmentOutcome.COMPLETED).collect(Collectors.toSet()));
        center.supervisor().queryParam("department", sales).get("/surveys").then().statusCode(200)
                .body("items.find { it.callId == '" + call.callId() + "' }.score", equalTo(4));
        System.out.printf("journey: call %s answered by Jane, survey score %d%n", call.callId(), result.score());
    }

    /** Tom never answers: routing calls the next agent of Support, Joe, who takes the call. */
    @Test
    void unansweredAgentFailsOverToTheNextOne() {
        DialResponse call = center.simulator.dial("447700900124",
                CallerStep.pressWhenHeard("press 2", "2"),
                CallerStep.pressWhenHeard("1 to 5", "5"));

        SurveyResult result = awaitSurveyResult(call.callId());

        assertEquals(joe, result.agentId());
        assertEquals(5, result.score());
        List<Assignment> steps = center.assignments.forKey(call.callId());
        assertTrue(steps.stream().anyMatch(a -> tom.equals(a.agentId()) && a.outcome() == AssignmentOutcome.NO_ANSWER),
                steps.toString());
        assertTrue(steps.stream().anyMatch(a -> joe.equals(a.agentId()) && a.outcome() == AssignmentOutcome.ANSWERED),
                steps.toString());
        System.out.printf("failover: call %s went from Tom (no answer) to Joe%n", call.callId());
    }

    /**
     * Billing has the survey off: when Bea hangs up, the caller, alone in the conversation, hears goodbye and the
     * call ends; no survey result is recorded.
     */
    @Test
    void withoutSurveyTheCallerHearsGoodbyeAndTheCallEndsWhenTheAgentHangsUp() {
        DialResponse call = center.simulator.dial("447700900125", CallerStep.pressWhenHeard("press 3", "3"));

        center.simulator.awaitStatus(call.callId(), CALL_TIMEOUT, "completed");

        List<String> heard = heard(call.callId());
        assertTrue(heard.stream().anyMatch(t -> t.contains("connect you to Billing")), heard.toString());
        assertTrue(heard.stream().anyMatch(t -> t.contains("Thank you for calling. Goodbye.")), heard.toString());
        assertTrue(outcomes(call.callId()).contains(AssignmentOutcome.ANSWERED), outcomes(call.callId()).toString());
        assertTrue(center.surveyResults.forKey(call.callId()).isEmpty(), "no survey result");
        System.out.printf("no survey: call %s ended with goodbye after the agent hung up%n", call.callId());
    }

    private static SurveyResult awaitSurveyResult(String callId) {
        await().atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> !center.surveyResults.forKey(callId).isEmpty());
        center.settle(callId); // a duplicate would be late, not absent
        List<SurveyResult> results = center.surveyResults.forKey(callId);
        assertEquals(1, results.size(), "exactly one survey result: " + results);
        return results.get(0);
    }

    private static List<AssignmentOutcome> outcomes(String callId) {
        return center.assignments.forKey(callId).stream().map(Assignment::outcome).toList();
    }

    private static List<String> heard(String callId) {
        return center.simulator.transcript(callId).stream()
                .filter(e -> "heard".equals(e.type()))
                .map(TranscriptEntry::text)
                .toList();
    }
}
