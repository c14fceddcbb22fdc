package io.contactcenter.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.DialResponse;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callbacks through the packaged services and the simulator (issue 24, item 3): a waiting caller takes the offer,
 * confirms their number and hangs up; when an agent frees up routing reserves them, calls the caller back, connects
 * the agent, and after the agent hangs up the caller (on the callback leg) gets the survey, recorded once under the
 * call's own id. The same with routing SIGKILLed and restarted while the callback is pending: made once, rated once. A
 * callback nobody answers is tried again after the gap, then recorded as FAILED.
 */
class CallbacksIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static ContactCenter center;
    private static String cal;
    private static String una;
    private static String rex;

    @BeforeAll
    static void start() throws Exception {
        center = new ContactCenter(false, Map.of("ROUTING_CALLBACK_RETRY_GAP", "1s"));
        center.simulator.timeFactor(4);
        cal = center.agent("Cal", "phone", "14155550931", department(1, "Orders"));
        center.simulator.register(AgentEndpoint.answering("phone", "14155550931", 1, 8.0));
        una = center.agent("Una", "phone", "14155550932", department(2, "Returns"));
        center.simulator.register(AgentEndpoint.answering("phone", "14155550932", 1, 8.0));
        rex = center.agent("Rex", "phone", "14155550933", department(3, "Repairs"));
        center.simulator.register(AgentEndpoint.answering("phone", "14155550933", 1, 8.0));
        // nobody is free while the callers wait: they take the offer; an agent frees up afterwards
        status(cal, "AWAY");
        status(una, "AWAY");
        status(rex, "AWAY");
        center.awaitMenu(3);
    }

    /** A department that offers the callback after a second of waiting, with one retry and no announcements. */
    private static String department(int digit, String name) {
        return center.admin().body(Map.of("digit", digit, "name", name, "wrapUpSeconds", 1, "maxWaitSeconds", 600,
                        "ringingTimeoutSeconds", 10, "announcementIntervalSeconds", 0, "callbackOfferSeconds", 1,
                        "callbackRetries", 1))
                .post("/departments").then().statusCode(201).extract().path("id");
    }

    private static void status(String agentId, String status) {
        center.admin().body(Map.of("status", status)).put("/agents/" + agentId + "/status").then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
    }

    /** The caller chooses the department, takes the offer and confirms the number they call from. */
    private static DialResponse callerTakesTheCallback(String from, int digit) {
        DialResponse call = center.simulator.dial(from, CallerStep.pressWhenHeard("press " + digit, "" + digit),
                CallerStep.pressWhenHeard("to be called back", "1"), CallerStep.pressWhenHeard("to confirm", "1"));
        center.simulator.awaitStatus(call.callId(), TIMEOUT, "completed");
        assertTrue(heard(call.callId()).stream().anyMatch(t -> t.contains("We have your request to be called back on")),
                heard(call.callId()).toString());
        return call;
    }

    @Test
    void theCallerIsCalledBackTalksToTheAgentAndRatesTheCallOnce() {
        center.simulator.register(AgentEndpoint.answering("phone", "447700900961", 1, null));
        DialResponse call = callerTakesTheCallback("447700900961", 1);
        assertTrue(outcomes(call.callId()).isEmpty(), "the caller's hang-up keeps the callback");

        status(cal, "AVAILABLE");
        String callbackLeg = calledBackAndRated(call, cal, "447700900961");
        assertTrue(center.surveyResults.forKey(callbackLeg).isEmpty(), "nothing under the callback leg's uuid");
    }

    @Test
    void aCallbackPendingWhileRoutingIsKilledAndRestartedIsMadeOnceAndRatedOnce() {
        center.simulator.register(AgentEndpoint.answering("phone", "447700900963", 1, null));
        DialResponse call = callerTakesTheCallback("447700900963", 3);

        center.routing.kill();
        center.routing.restart(Duration.ofSeconds(120));
        status(rex, "AVAILABLE");

        calledBackAndRated(call, rex, "447700900963");
        assertEquals(1, center.simulator.calls().stream()
                .filter(l -> "447700900963".equals(l.to()) && ContactCenter.NUMBER.equals(l.from())).count(),
                "called back exactly once");
    }

    /**
     * The agent answers the callback, the caller (on the callback leg, called from the contact-center number) rates
     * the call 4 after the agent hung up: one survey result and one assignment history under the call's own id.
     * Returns the callback leg.
     */
    private static String calledBackAndRated(DialResponse call, String agentId, String number) {
        Assignment answered = await().atMost(TIMEOUT).until(() -> center.assignments.forKey(call.callId()).stream()
                .filter(a -> a.outcome() == AssignmentOutcome.ANSWERED).findFirst().orElse(null), a -> a != null);
        assertEquals(agentId, answered.agentId());
        String callbackLeg = answered.detail(Assignment.Detail.CALLER_LEG_ID);
        LegView leg = center.simulator.call(callbackLeg);
        assertEquals(number, leg.to());
        assertEquals(ContactCenter.NUMBER, leg.from(), "called back from the contact-center number");

        // the simulator's transcript of a leg is its whole call's: this leg's entries after the survey's prompt count
        long prompt = center.simulator.awaitTranscript(callbackLeg, t -> t.stream().anyMatch(e -> surveyPrompt(e,
                callbackLeg)), TIMEOUT).stream().filter(e -> surveyPrompt(e, callbackLeg)).findFirst().orElseThrow().seq();
        // keys pressed while the prompt plays are not heard (no bargeIn): the caller presses until the input has one
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            center.simulator.press(callbackLeg, "4");
            return center.simulator.transcript(callbackLeg).stream().anyMatch(e -> e.seq() > prompt
                    && "input".equals(e.type()) && callbackLeg.equals(e.legId()));
        });

        await().atMost(TIMEOUT).until(() -> !center.surveyResults.forKey(call.callId()).isEmpty());
        center.settle(call.callId());
        List<SurveyResult> results = center.surveyResults.forKey(call.callId());
        assertEquals(1, results.size(), results.toString());
        assertEquals(SurveyStatus.ANSWERED, results.get(0).status());
        assertEquals(4, results.get(0).score());
        assertEquals(agentId, results.get(0).agentId());
        assertEquals(List.of(AssignmentOutcome.RINGING, AssignmentOutcome.ANSWERED, AssignmentOutcome.COMPLETED),
                outcomes(call.callId()));
        return callbackLeg;
    }

    @Test
    void aCallbackNobodyAnswersIsTriedAgainThenFails() {
        center.simulator.register(AgentEndpoint.behaving("phone", "447700900962", "busy"));
        DialResponse call = callerTakesTheCallback("447700900962", 2);
        status(una, "AVAILABLE");

        await().atMost(TIMEOUT).until(() -> outcomes(call.callId()).contains(AssignmentOutcome.FAILED));
        center.settle(call.callId());
        List<Assignment> steps = center.assignments.forKey(call.callId());
        assertEquals(List.of(AssignmentOutcome.FAILED), outcomes(call.callId()), steps.toString());
        assertNull(steps.get(0).agentId());
        long tries = center.simulator.calls().stream()
                .filter(l -> "447700900962".equals(l.to()) && ContactCenter.NUMBER.equals(l.from())).count();
        assertEquals(2, tries, "the first call and one retry");
        assertTrue(center.surveyResults.forKey(call.callId()).isEmpty());
    }

    private static boolean surveyPrompt(TranscriptEntry entry, String legId) {
        return "heard".equals(entry.type()) && legId.equals(entry.legId()) && entry.text() != null
                && entry.text().contains("1 to 5");
    }

    private static List<AssignmentOutcome> outcomes(String callId) {
        return center.assignments.forKey(callId).stream().map(Assignment::outcome).toList();
    }

    private static List<String> heard(String legId) {
        return center.simulator.transcript(legId).stream().filter(e -> "heard".equals(e.type()))
                .map(TranscriptEntry::text).toList();
    }
}
